export { createTokenService, type TokenService, type TokenClaims } from './tokens.ts'
