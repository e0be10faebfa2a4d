export { createBroker, type Broker, type BrokerDeps, type BrokerOptions } from './app.ts'
export { listenTcp, listenWebSocket, type Listening } from './listeners.ts'
export { createTokenService, type TokenService, type TokenClaims } from './auth/tokens.ts'
export { createClusterBus, redisAedesParts, type RedisAddress, type RedisAedesParts } from './redis-parts.ts'
