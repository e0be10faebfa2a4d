// aedes-persistence-redis ships no types; this is the part Tidings uses.
declare module 'aedes-persistence-redis' {
  import type { AedesOptions } from 'aedes'
  import type { Redis } from 'ioredis'
  type Persistence = NonNullable<AedesOptions['persistence']>
  export default function persistenceRedis(options: { conn: Redis }): Persistence
}
