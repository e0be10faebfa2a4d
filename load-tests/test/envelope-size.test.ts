import { expect, it } from 'vitest'
import { envelopeOverhead } from '../src/envelope-size.ts'

it('reports envelope sizes for a 20-byte body', () => {
  const figures = envelopeOverhead(20)
  expect(figures.send.overhead).toBeGreaterThan(0)
  expect(figures.send.overhead).toBeLessThanOrEqual(40)
  expect(figures.delivered.bytes).toBeGreaterThan(figures.send.bytes)
})
