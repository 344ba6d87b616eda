import {describe, expect, it} from '@jest/globals'

import {formatAgainst, formatBytes, formatNumber, formatUsd} from '../../src/format/numbers.js'

describe('number formats', () => {
  it('never prints a value that crossed its threshold as equal to it', () => {
    expect(formatAgainst(100.0012, 100)).toBe('100.001')
    expect(formatAgainst(3700.0004, 3700)).not.toBe('3,700')
    expect(formatAgainst(250, 250)).toBe('250')
  })

  it('groups thousands, keeps small rates visible and rounds money to cents', () => {
    expect(formatNumber(3472.22)).toBe('3,472.2')
    expect(formatNumber(0.034)).toBe('0.03')
    expect(formatUsd(1234.5)).toBe('$1,234.50')
    expect(formatBytes(1.5e12)).toBe('1.5 TB')
  })
})
