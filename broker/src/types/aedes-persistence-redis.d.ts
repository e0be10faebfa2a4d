// aedes-persistence-redis ships no types; this is the part Tidings uses.
declare module 'aedes-persistence-redis' {
  import type { AedesOptions } from 'aedes'
  type Persistence = NonNullable<AedesOptions['persistence']> & { destroy(cb: () => void): void }
  export default function persistenceRedis(options: { conn: import('ioredis').Redis }): Persistence
}
