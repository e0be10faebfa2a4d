/** A Node Buffer over the same bytes (no copy): drivers and sockets want Buffers, protobufjs gives Uint8Arrays. Node only. */
export const asBuffer = (bytes: Uint8Array): Buffer =>
  Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
