import {describe, expect, it} from '@jest/globals'

import {parseCount, parseDataSize, parseReadWrite, parseShares} from '../../src/spec/units.js'

describe('parseCount', () => {
  it.each([
    ['2500000', 2_500_000],
    ['2.5M', 2_500_000],
    ['10k', 10_000],
    ['10K', 10_000],
    ['1_000_000', 1_000_000],
    ['1.5b', 1_500_000_000],
    [42, 42],
  ])('reads %p as %p', (input, expected) => {
    expect(parseCount(input)).toEqual({ok: true, value: expected})
  })

  it.each(['abc', '1.5', '10 users', '1__000', '', '-5', '1e6'])('rejects %p, quoting it', (input) => {
    const result = parseCount(input)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.message).toContain(`got ${JSON.stringify(input)}`)
  })
})

describe('parseReadWrite', () => {
  it.each([
    ['90:10', {reads: 90, writes: 10}],
    ['9:1', {reads: 9, writes: 1}],
    ['9', {reads: 9, writes: 1}],
    [4, {reads: 4, writes: 1}],
    ['100:0', {reads: 100, writes: 0}],
  ])('reads %p', (input, expected) => {
    expect(parseReadWrite(input)).toEqual({ok: true, value: expected})
  })

  it.each(['abc', '0:0', '1:2:3', '-1:3', ':'])('rejects %p with the accepted form', (input) => {
    expect(parseReadWrite(input)).toEqual({
      ok: false,
      message: `expected reads:writes like 90:10, or reads per write like 9, got ${JSON.stringify(input)}`,
    })
  })
})

describe('parseDataSize', () => {
  it.each([
    ['500GB', 500e9],
    ['2TB', 2e12],
    ['750GiB', 750 * 2 ** 30],
    ['1.5 TB', 1.5e12],
    ['64tib', 64 * 2 ** 40],
  ])('reads %p in bytes, decimal and binary units both honoured', (input, expected) => {
    expect(parseDataSize(input)).toEqual({ok: true, value: expected})
  })

  it.each(['500', '5 parsecs', 'GB', 500])('rejects %p', (input) => {
    expect(parseDataSize(input).ok).toBe(false)
  })
})

describe('parseShares', () => {
  it('reads pairs from a flag and a mapping from a file alike', () => {
    const expected = {ok: true, value: {'us-east-1': 60, 'eu-west-1': 40}}
    expect(parseShares('us-east-1=60,eu-west-1=40', '')).toEqual(expected)
    expect(parseShares({'us-east-1': 60, 'eu-west-1': 40}, '')).toEqual(expected)
  })
})
