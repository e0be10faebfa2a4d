# Single-node Cassandra 5.0.x config for tests / local dev. Rendered by run.sh:
#   @ROOT@ -> node dir, @NATIVE_PORT@ / @STORAGE_PORT@ -> ports.
cluster_name: 'tidings-dev'
partitioner: org.apache.cassandra.dht.Murmur3Partitioner
endpoint_snitch: SimpleSnitch          # DC "datacenter1", rack "rack1" (same names ScyllaDB reports)
num_tokens: 1
initial_token: 0
listen_address: 127.0.0.1
rpc_address: 127.0.0.1
storage_port: @STORAGE_PORT@
native_transport_port: @NATIVE_PORT@
start_native_transport: true
seed_provider:
    - class_name: org.apache.cassandra.locator.SimpleSeedProvider
      parameters:
          - seeds: "127.0.0.1:@STORAGE_PORT@"
data_file_directories:
    - @ROOT@/data/data
commitlog_directory: @ROOT@/data/commitlog
saved_caches_directory: @ROOT@/data/saved_caches
hints_directory: @ROOT@/data/hints
cdc_raw_directory: @ROOT@/data/cdc_raw
cdc_enabled: false
commitlog_sync: periodic
commitlog_sync_period: 10s
commitlog_segment_size: 32MiB         # Cassandra default; max mutation size = half of it
hinted_handoff_enabled: false
auto_snapshot: false
incremental_backups: false
snapshot_before_compaction: false
memtable_allocation_type: heap_buffers
memtable_heap_space: 128MiB
memtable_offheap_space: 128MiB
memtable_flush_writers: 1
concurrent_compactors: 1
disk_access_mode: standard
# Tidings' bridge writes one unlogged batch per group commit (many chats, one round trip).
batch_size_warn_threshold: 256KiB
batch_size_fail_threshold: 4MiB
unlogged_batch_across_partitions_warn_threshold: 10000
