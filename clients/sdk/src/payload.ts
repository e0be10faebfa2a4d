// mqtt.js publishes Buffers. A bare 'buffer' import is Node's own module under Node and the
// `buffer` package in a browser bundle (esbuild resolves it from node_modules), so the SDK
// needs no Node global in a browser.
import { Buffer } from 'buffer'

/** The bytes as a Buffer over the same memory (no copy). */
export const toMqttPayload = (bytes: Uint8Array): Buffer =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
