import { tidings } from './gen/tidings.js'

export type ClientEnvelope = tidings.v1.IClientEnvelope
export type ServerEnvelope = tidings.v1.IServerEnvelope
export type SendMessage = tidings.v1.ISendMessage
export type Message = tidings.v1.IMessage
export const MessageKind = tidings.v1.MessageKind
export const ReceiptKind = tidings.v1.ReceiptKind
export const ChatUpdateKind = tidings.v1.ChatUpdateKind

/** JSON/API names of MessageKind values, indexed by the enum value. */
export const MESSAGE_KIND_NAMES = ['normal', 'edit', 'delete', 'reaction'] as const
export type MessageKindName = (typeof MESSAGE_KIND_NAMES)[number]

/** The `oneof event` member names, for exhaustive dispatch. */
export type ClientEventKind = NonNullable<tidings.v1.ClientEnvelope['event']>
export type ServerEventKind = NonNullable<tidings.v1.ServerEnvelope['event']>

export function encodeClientEnvelope(envelope: ClientEnvelope): Uint8Array {
  return tidings.v1.ClientEnvelope.encode(envelope).finish()
}

export function encodeServerEnvelope(envelope: ServerEnvelope): Uint8Array {
  return tidings.v1.ServerEnvelope.encode(envelope).finish()
}

/** Throws (a protobufjs error) on bytes that are not a valid envelope. */
export function decodeClientEnvelope(bytes: Uint8Array): tidings.v1.ClientEnvelope {
  return tidings.v1.ClientEnvelope.decode(bytes)
}

/** Throws (a protobufjs error) on bytes that are not a valid envelope. */
export function decodeServerEnvelope(bytes: Uint8Array): tidings.v1.ServerEnvelope {
  return tidings.v1.ServerEnvelope.decode(bytes)
}

/** Content type assumed when a message carries none. */
export const DEFAULT_CONTENT_TYPE = 'text/plain; charset=utf-8'

/** The Error event that answers a refused request of one device, naming the send it refuses (if any). */
export function encodeErrorEvent(
  err: { code: string; message: string },
  deviceId: string,
  send?: SendMessage | null,
): Uint8Array {
  return encodeServerEnvelope({
    error: {
      code: err.code,
      message: err.message,
      deviceId,
      ...(send?.chatId ? { chatId: send.chatId } : {}),
      ...(send?.clientMsgId ? { clientMsgId: send.clientMsgId } : {}),
    },
  })
}
