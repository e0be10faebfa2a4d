export * from './sequence-allocator.ts'
export { MemorySequenceAllocator } from './memory-sequence-allocator.ts'
export { RedisSequenceAllocator } from './redis-sequence-allocator.ts'
