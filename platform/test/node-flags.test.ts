import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { SERVER_NODE_FLAGS } from '../src/node-flags.ts'

describe('server node flags', () => {
  it('npm start runs with every one of them', () => {
    const { scripts } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      scripts: Record<string, string>
    }
    for (const flag of SERVER_NODE_FLAGS) expect(scripts.start!.split(' ')).toContain(flag)
  })
})
