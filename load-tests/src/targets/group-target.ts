/**
 * Something the group scenario can drive: `members` connected devices that all receive every
 * body any of them publishes (Tidings: one group chat; a relay: one topic they all subscribe to).
 */
export interface GroupTarget {
  name: string
  connectGroup(options: ConnectGroupOptions): Promise<Group>
}

export interface ConnectGroupOptions {
  members: number
  /** Member `member` received a body (including its own, which is how senders see theirs). */
  delivered(member: number, body: Uint8Array): void
  progress?: (line: string) => void
}

export interface Group {
  send(member: number, body: Uint8Array): void
  close(): Promise<void>
}
