/**
 * A Map that keeps at most `max` entries: setting a key makes it the newest, and the oldest
 * entry goes when the map is full. For per-chat caches that must not grow with every chat seen.
 */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly max: number) {
    super()
  }

  override set(key: K, value: V): this {
    super.delete(key)
    super.set(key, value)
    if (this.size > this.max) super.delete(this.keys().next().value!)
    return this
  }
}
