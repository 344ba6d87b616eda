import {describe, expect, it} from '@jest/globals'

import {formatAgainst, formatBytes, formatCount, formatNumber, formatRate, formatUsd} from '../../src/format/numbers.js'

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
