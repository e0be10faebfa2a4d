import { describe, expect, it } from 'vitest'
import { loadConfig } from '../src/config.ts'

describe('embedded configuration', () => {
  it('has defaults for every setting', () => {
    const config = loadConfig({})
    expect(config.sqliteWalLimitMb).toBe(256)
    expect(config.sqliteSync).toBe('NORMAL')
    expect(config.sqliteAppendThread).toBe(true)
  })

  it('reads the WAL limit', () => {
    expect(loadConfig({ TIDINGS_SQLITE_WAL_LIMIT_MB: '64' }).sqliteWalLimitMb).toBe(64)
  })

  it('names every bad variable in one error', () => {
    expect(() => loadConfig({ TIDINGS_SQLITE_WAL_LIMIT_MB: '0', TIDINGS_SQLITE_SYNC: 'OFF' })).toThrow(
      /TIDINGS_SQLITE_WAL_LIMIT_MB[\s\S]*TIDINGS_SQLITE_SYNC|TIDINGS_SQLITE_SYNC[\s\S]*TIDINGS_SQLITE_WAL_LIMIT_MB/,
    )
  })
})
