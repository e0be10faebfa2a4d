// One real Redis and one real Cassandra node for this package's tests (shared with the bridge's).
export { default } from '@tidings/bridge/testing/real-servers-setup'
