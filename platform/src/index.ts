export { loadConfig, type EmbeddedConfig } from './config.ts'
export { startEmbeddedPlatform, type RunningPlatform } from './embedded-platform.ts'
