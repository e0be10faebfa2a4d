/** Default maximum message body, in bytes (TIDINGS_MAX_BODY_BYTES overrides it). */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024

/** Largest MQTT packet a broker accepts; larger ones are cut off by the parser. */
export const MAX_PACKET_BYTES = 1024 * 1024

/** Largest page of history one request returns. */
export const MAX_HISTORY_PAGE = 200

/** Members a group may have, its creator included. */
export const MAX_GROUP_MEMBERS = 500

/** Largest reaction (the UTF-8 body of a reaction event): an emoji sequence or a short word. */
export const MAX_REACTION_BYTES = 64
