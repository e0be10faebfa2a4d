/** Schema migrations for the embedded store; applied in order, tracked by PRAGMA user_version. */
export const migrations: readonly string[] = [
  `
  CREATE TABLE chats (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('direct', 'group')),
    title       TEXT NOT NULL DEFAULT '',
    created_by  TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    last_seq    INTEGER NOT NULL DEFAULT 0
  ) WITHOUT ROWID;

  CREATE TABLE direct_pairs (
    user_lo  TEXT NOT NULL,
    user_hi  TEXT NOT NULL,
    chat_id  TEXT NOT NULL,
    PRIMARY KEY (user_lo, user_hi)
  ) WITHOUT ROWID;

  CREATE TABLE members (
    chat_id        TEXT NOT NULL,
    user_id        TEXT NOT NULL,
    role           TEXT NOT NULL CHECK (role IN ('admin', 'member')),
    joined_at      INTEGER NOT NULL,
    read_seq       INTEGER NOT NULL DEFAULT 0,
    delivered_seq  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (chat_id, user_id)
  ) WITHOUT ROWID;
  CREATE INDEX members_by_user ON members (user_id, chat_id);

  CREATE TABLE messages (
    chat_id        TEXT NOT NULL,
    seq            INTEGER NOT NULL,
    sender_id      TEXT NOT NULL,
    sender_device  TEXT NOT NULL,
    client_msg_id  BLOB NOT NULL,
    sent_at        INTEGER NOT NULL,
    kind           INTEGER NOT NULL,
    content_type   TEXT NOT NULL,
    body           BLOB NOT NULL,
    reply_to_seq   INTEGER NOT NULL DEFAULT 0,
    target_seq     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (chat_id, seq)
  ) WITHOUT ROWID;
  CREATE UNIQUE INDEX messages_dedupe ON messages (chat_id, client_msg_id);
  `,
  // Edits, deletes and reactions: the state of the message they target (docs/protocol.md).
  `
  ALTER TABLE messages ADD COLUMN edited_at INTEGER;
  ALTER TABLE messages ADD COLUMN edit_seq INTEGER;
  ALTER TABLE messages ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE messages ADD COLUMN reactions TEXT; -- JSON {userId: reaction}, NULL when none
  -- the edits of a message, whose bodies a delete erases
  CREATE INDEX messages_edits ON messages (chat_id, target_seq) WHERE kind = 1;
  `,
  // 3: per-user settings (last-seen privacy).
  `
  CREATE TABLE user_settings (
    user_id         TEXT PRIMARY KEY,
    hide_last_seen  INTEGER NOT NULL DEFAULT 0
  ) WITHOUT ROWID;
  `,
]
