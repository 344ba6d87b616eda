import {describe, expect, it} from '@jest/globals'
import fc from 'fast-check'

import {
  formatAgainst,
  formatBytes,
  formatCount,
  formatDecimal,
  formatNumber,
  formatRate,
  formatUsd,
} from '../../src/format/numbers.js'

describe('number formats', () => {
  it('never prints a value that crossed its threshold as equal to it', () => {
    expect(formatAgainst(100.0012, 100)).toBe('just over 100')
    expect(formatAgainst(3700.0004, 3700)).toBe('just over 3,700')
    expect(formatAgainst(3699.99, 3700)).toBe('just under 3,700')
    expect(formatAgainst(3712.4, 3700)).toBe('3,712.4')
    expect(formatAgainst(250, 250)).toBe('250')
  })

  it('reads rates and counts as people write them: no "7,716.0 req/s", no "833,333.3 daily users"', () => {
    expect(formatRate(7716.04)).toBe('7,716')
    expect(formatRate(23.45)).toBe('23.5')
    expect(formatRate(0.034)).toBe('0.03')
    expect(formatCount(833_333.33)).toBe('833,333')
  })

  it('groups thousands, keeps small rates visible and rounds money to cents', () => {
    expect(formatNumber(3472.22)).toBe('3,472.2')
    expect(formatNumber(0.034)).toBe('0.03')
    expect(formatUsd(1234.5)).toBe('$1,234.50')
    expect(formatBytes(1.5e12)).toBe('1.5 TB')
  })
})

describe('formatDecimal, written without Intl', () => {
  const intl = (value: number, min: number, max: number) =>
    new Intl.NumberFormat('en-US', {minimumFractionDigits: min, maximumFractionDigits: max}).format(value)

  it('writes what Intl.NumberFormat en-US writes, for any double and number of digits', () => {
    const digits = fc.integer({min: 0, max: 4}).chain((max) => fc.tuple(fc.integer({min: 0, max}), fc.constant(max)))
    const values = fc.oneof(
      fc.double({noNaN: true}),
      fc.double({min: -1e7, max: 1e7, noNaN: true}),
      // Halves and near-halves at the rounding digit, where rounding rules differ.
      fc.tuple(fc.integer({min: -1e6, max: 1e6}), fc.integer({min: 0, max: 4})).map(([n, e]) => (n + 0.5) / 10 ** e),
      fc.integer({min: -1e9, max: 1e9}).map((n) => n / 1000),
    )
    fc.assert(
      fc.property(values, digits, (value, [min, max]) => {
        expect(formatDecimal(value, min, max)).toBe(intl(value, min, max))
      }),
      {numRuns: 5000},
    )
  })

  it('carries rounding through nines, keeps the sign of a negative that rounds to zero, and spells huge and tiny values out', () => {
    for (const [value, min, max] of [
      [999.96, 0, 1],
      [9.995, 2, 2],
      [-0.04, 0, 1],
      [-0, 0, 0],
      [1.005, 0, 2],
      [1e21, 0, 0],
      [1.5e-7, 0, 4],
      [123456789.123, 0, 2],
    ] as const) {
      expect(formatDecimal(value, min, max)).toBe(intl(value, min, max))
    }
  })
})
