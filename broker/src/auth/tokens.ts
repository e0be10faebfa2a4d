import { SignJWT, errors, jwtVerify } from 'jose'
import { ErrorCode, TidingsError, isValidId } from '@tidings/proto'

export interface TokenClaims {
  userId: string
  /** When the token stops being valid, ms since the epoch (undefined: never). */
  expiresAt?: number
}

export interface TokenService {
  /** Throws TidingsError UNAUTHORIZED or TOKEN_EXPIRED. */
  verify(token: string): Promise<TokenClaims>
  issue(userId: string, ttlSeconds?: number): Promise<string>
}

const ISSUER = 'tidings'
const DEFAULT_TTL_SECONDS = 24 * 3600

/** HS256 JWTs: `sub` is the user id. The same secret must be configured on every process. */
export function createTokenService(secret: string): TokenService {
  const key = new TextEncoder().encode(secret)
  return {
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, key, { issuer: ISSUER, algorithms: ['HS256'] })
        if (typeof payload.sub !== 'string' || !isValidId(payload.sub)) {
          throw new TidingsError(ErrorCode.UNAUTHORIZED, 'token subject is not a valid user id')
        }
        return { userId: payload.sub, ...(payload.exp ? { expiresAt: payload.exp * 1000 } : {}) }
      } catch (err) {
        if (err instanceof TidingsError) throw err
        if (err instanceof errors.JWTExpired)
          throw new TidingsError(ErrorCode.TOKEN_EXPIRED, 'token has expired', { cause: err })
        throw new TidingsError(ErrorCode.UNAUTHORIZED, 'token is invalid', { cause: err })
      }
    },
    async issue(userId, ttlSeconds = DEFAULT_TTL_SECONDS) {
      if (!isValidId(userId)) throw new TidingsError(ErrorCode.INVALID_REQUEST, `invalid user id: ${userId}`)
      return new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(userId)
        .setIssuer(ISSUER)
        .setIssuedAt()
        .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
        .sign(key)
    },
  }
}
