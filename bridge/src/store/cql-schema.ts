import type { Client } from 'cassandra-driver'

/**
 * The CQL schema, as numbered migrations. Each statement is idempotent (IF NOT EXISTS; an
 * `ALTER TABLE t ADD c` is skipped when the column exists), and applied versions are
 * recorded, so `migrateCql` can run on every deploy. Run it from one
 * process (the cluster launcher does) so concurrent DDL cannot race.
 */
const migrations: string[][] = [
  [
    `CREATE TABLE IF NOT EXISTS chats (
      chat_id text PRIMARY KEY, kind text, title text, created_by text, created_at bigint,
      last_seq bigint)`, // a hint, written with USING TIMESTAMP <seq> so the highest seq wins
    `CREATE TABLE IF NOT EXISTS members (
      chat_id text, user_id text, role text, joined_at bigint,
      PRIMARY KEY (chat_id, user_id))`,
    `CREATE TABLE IF NOT EXISTS chats_by_user (
      user_id text, chat_id text, role text, read_seq bigint, delivered_seq bigint,
      PRIMARY KEY (user_id, chat_id))`,
    // bucket = seq >> MESSAGE_BUCKET_BITS: no partition grows without bound.
    `CREATE TABLE IF NOT EXISTS messages (
      chat_id text, bucket int, seq bigint, sender_id text, sender_device text,
      client_msg_id blob, sent_at bigint, kind int, content_type text, body blob,
      reply_to_seq bigint, target_seq bigint,
      PRIMARY KEY ((chat_id, bucket), seq)) WITH CLUSTERING ORDER BY (seq ASC)`,
  ],
  [
    // Receipt watermarks, written USING TIMESTAMP <seq> so the highest always wins. A table of
    // their own: member removal deletes member rows with real timestamps, which would shadow
    // seq-timestamped cells for good.
    `CREATE TABLE IF NOT EXISTS watermarks (
      chat_id text, user_id text, read_seq bigint, delivered_seq bigint,
      PRIMARY KEY (chat_id, user_id))`,
  ],
  [
    // Edits, deletes and reactions: the current state of the message they target, written with
    // the timestamps of cql-store.ts (targetTimestamp) so concurrent batches cannot undo a later
    // change. edit_seqs lists a message's edits, whose bodies a delete erases.
    `ALTER TABLE messages ADD edited_at bigint`,
    `ALTER TABLE messages ADD edit_seq bigint`,
    `ALTER TABLE messages ADD deleted boolean`,
    `ALTER TABLE messages ADD reactions map<text, text>`,
    `ALTER TABLE messages ADD edit_seqs set<bigint>`,
  ],
  // 4: per-user settings (last-seen privacy)
  [`CREATE TABLE IF NOT EXISTS user_settings (user_id text PRIMARY KEY, hide_last_seen boolean)`],
]

export const MESSAGE_BUCKET_BITS = 10
export const bucketOf = (seq: number): number => Math.floor(seq / 2 ** MESSAGE_BUCKET_BITS)

export const TABLES = [
  'chats',
  'members',
  'chats_by_user',
  'messages',
  'watermarks',
  'user_settings',
] as const

export interface MigrateOptions {
  keyspace: string
  /** CQL replication map; production ScyllaDB: {'class': 'NetworkTopologyStrategy', '<dc>': 3}. */
  replication?: string
}

/** Creates the keyspace if needed and applies the migrations it has not seen yet. */
export async function migrateCql(client: Client, options: MigrateOptions): Promise<number> {
  const ks = options.keyspace
  if (!/^[a-z][a-z0-9_]{0,47}$/.test(ks)) throw new Error(`invalid keyspace name ${ks}`)
  const replication = options.replication ?? `{'class': 'NetworkTopologyStrategy', 'datacenter1': 1}`
  await client.execute(`CREATE KEYSPACE IF NOT EXISTS ${ks} WITH replication = ${replication}`)
  await client.execute(`CREATE TABLE IF NOT EXISTS ${ks}.schema_migrations (version int PRIMARY KEY)`)
  const applied = new Set(
    (await client.execute(`SELECT version FROM ${ks}.schema_migrations`)).rows.map(
      (r) => r.version as number,
    ),
  )
  let count = 0
  for (const [i, statements] of migrations.entries()) {
    const version = i + 1
    if (applied.has(version)) continue
    for (const cql of statements) {
      const added = /^ALTER TABLE (\w+) ADD (\w+) /.exec(cql)
      if (added && (await hasColumn(client, ks, added[1]!, added[2]!))) continue
      await client.execute(
        cql
          .replace(/IF NOT EXISTS (\w+)/, `IF NOT EXISTS ${ks}.$1`)
          .replace(/^ALTER TABLE (\w+)/, `ALTER TABLE ${ks}.$1`),
      )
    }
    await client.execute(`INSERT INTO ${ks}.schema_migrations (version) VALUES (?)`, [version], {
      prepare: true,
    })
    count++
  }
  return count
}

/** Not every CQL server takes `ADD IF NOT EXISTS`: a migration cut short resumes by asking the schema. */
async function hasColumn(client: Client, ks: string, table: string, column: string): Promise<boolean> {
  const found = await client.execute(
    'SELECT column_name FROM system_schema.columns WHERE keyspace_name = ? AND table_name = ? AND column_name = ?',
    [ks, table, column],
    { prepare: true },
  )
  return found.rowLength > 0
}
