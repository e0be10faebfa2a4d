/** The IPC between the load generator and its connection workers (see connection-worker.ts). */

/** What a connection does after its socket closes without being asked to. */
export type ReconnectPolicy =
  /** Stay down (the idle soak counts it as lost). */
  | 'none'
  /** Redial at once; after a failed attempt wait 1 s (mqtt.js' default reconnectPeriod). */
  | 'immediate'
  /** The SDK's full-jitter exponential backoff (random in [0, min(30 s, 500 ms · 2^attempt))), first dial included. */
  | 'backoff'

export interface OpenCommand {
  type: 'open'
  host: string
  port: number
  /** Connection k dials from localAddresses[k % length] (each 127.0.0.x has its own ephemeral ports). */
  localAddresses: string[]
  /**
   * Source addresses for redials after a cut. The cut leaves every old port in TIME_WAIT on the
   * client side, and binding past them on the same addresses costs the worker seconds of kernel
   * time per thousand sockets (a test-rig artefact; a phone's port is not the server's problem).
   */
  redialAddresses?: string[]
  /** Global index of this worker's first connection, and how many it holds. */
  first: number
  count: number
  /** User ids are `${userPrefix}${index}`, client ids `<user>/d`. */
  userPrefix: string
  keepaliveS: number
  /** Sign an HS256 token per user with this secret (Tidings); none for Mosquitto. */
  jwtSecret?: string
  /**
   * Topics each connection subscribes to itself, `{user}` standing for its user id (Mosquitto;
   * Tidings' broker subscribes its devices at CONNECT).
   */
  subscribe: string[]
  /** Dials in flight at once while opening. */
  concurrency: number
  reconnect: ReconnectPolicy
}

export type ParentMessage =
  | OpenCommand
  | { type: 'stats' }
  /** Destroy every socket at once; each reconnects under its policy (the reconnect storm). */
  | { type: 'cut' }
  | { type: 'close' }

export interface WorkerStats {
  /** Connections with a CONNACK 0 right now, and dials under way. */
  connected: number
  connecting: number
  /** Successful CONNACKs, CONNACKs refusing, dials that failed (refused, reset, timed out, closed before CONNACK). */
  connects: number
  refused: number
  failed: number
  /** Connected sockets closed without being asked to. */
  drops: number
  pingsSent: number
  pingResponses: number
  subAcks: number
  /** Socket error codes seen, with counts. */
  errors: Record<string, number>
  /** Epoch ms of the first dial and of the latest successful CONNACK. */
  firstDialAt: number
  lastConnectAt: number
  /** Per connection that came back after a drop or cut: ms from noticing it to the new CONNACK. */
  reconnectMs: number[]
}

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'progress'; connected: number; connecting: number }
  | { type: 'opened' }
  | { type: 'stats'; stats: WorkerStats }
  | { type: 'closed' }
