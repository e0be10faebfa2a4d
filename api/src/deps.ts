import type { Logger } from 'pino'
import type { Registry } from 'prom-client'
import type { DeliveryBus } from '@tidings/bridge'
import type { ChatStore, MessageStore } from '@tidings/bridge/store'
import type { TokenService } from '@tidings/broker/auth'

export interface ApiDeps {
  chats: ChatStore
  messages: MessageStore
  tokens: TokenService
  /** Chat updates (created, member added/removed) go to members' inboxes through it. */
  bus: DeliveryBus
  log: Logger
  /** Readiness: resolves true when every dependency answers. */
  ready?: () => Promise<boolean>
  /** The process's prom-client registry: request metrics go to it and GET /metrics serves it. */
  metrics?: Registry
}

export interface ApiOptions {
  /** POST /v1/dev/token hands out tokens to anyone: embedded/dev only. */
  devLogin: boolean
}
