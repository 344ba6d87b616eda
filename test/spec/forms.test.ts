import {describe, expect, it} from '@jest/globals'

import {
  COUNT,
  PERCENT,
  SIZE,
  alternatives,
  list,
  matching,
  oneOf,
  quantity,
  ratio,
  shares,
  show,
} from '../../src/spec/forms.js'
import {regionCode} from '../../src/spec/regions.js'

/** The value a form gives for `input`, or its first message. */
function parse<T>(schema: {
  safeParse(input: unknown): {success: boolean; data?: T; error?: {issues: {message: string}[]}}
}) {
  return (input: unknown): {ok: true; value: T} | {ok: false; message: string} => {
    const result = schema.safeParse(input)
    return result.success ? {ok: true, value: result.data as T} : {ok: false, message: result.error!.issues[0]!.message}
  }
}

const count = parse(quantity(COUNT, {min: 1, max: 1e10, integer: true})('a whole number'))

describe('counts', () => {
  it.each([
    ['2500000', 2_500_000],
    ['2.5M', 2_500_000],
    ['10k', 10_000],
    ['10K', 10_000],
    [' 10k ', 10_000],
    ['1_000_000', 1_000_000],
    ['1.5b', 1_500_000_000],
    ['.5k', 500],
    [42, 42],
  ])('reads %p as %p', (input, expected) => {
    expect(count(input)).toEqual({ok: true, value: expected})
  })

  it('reads decimals exactly: 2.0000001 is not rounded to a whole number, nor is a fraction a double drops', () => {
    expect(count('2.0000001')).toEqual({ok: false, message: 'expected a whole number, got "2.0000001"'})
    expect(count('2.0000000000000001')).toEqual({
      ok: false,
      message: 'expected a whole number, got "2.0000000000000001"',
    })
    expect(count('2.000001M')).toEqual({ok: true, value: 2_000_001})
    expect(count('1.234567891b')).toEqual({ok: true, value: 1_234_567_891})
  })

  it('refuses more digits than a number holds exactly, instead of rounding them away', () => {
    expect(count('123456789012345678')).toEqual({
      ok: false,
      message: 'expected a whole number, got "123456789012345678"; at most 17 significant digits',
    })
  })

  it.each(['abc', '1.5', '10 users', '1__000', '', '-5', '1e6', '0', '20B', 0, 1.5, true, null])(
    'refuses %p, quoting it as given',
    (input) => {
      expect(count(input)).toEqual({ok: false, message: `expected a whole number, got ${show(input)}`})
    },
  )
})

describe('plain numbers and percentages', () => {
  const percent = parse(quantity(PERCENT, {min: 90, max: 99.999})('a percentage'))
  const ratioAbove0 = parse(
    quantity({pattern: String.raw`\d+(\.\d+)?`, read: Number}, {min: 0, max: 1, exclusiveMin: true})('r'),
  )

  it('reads a trailing % and refuses values outside the range, in text or as numbers', () => {
    expect(percent('99.9%')).toEqual({ok: true, value: 99.9})
    expect(percent(' 99.95 ')).toEqual({ok: true, value: 99.95})
    expect(percent(99.9)).toEqual({ok: true, value: 99.9})
    expect(percent('99.9 %').ok).toBe(false)
    expect(percent('100').ok).toBe(false)
    expect(percent(89).ok).toBe(false)
  })

  it('honours an exclusive minimum', () => {
    expect(ratioAbove0(0).ok).toBe(false)
    expect(ratioAbove0('0').ok).toBe(false)
    expect(ratioAbove0(0.5)).toEqual({ok: true, value: 0.5})
  })
})

describe('data sizes', () => {
  const size = parse(quantity(SIZE, {min: 1e6, max: 1e16}, {numbers: false})('a size with a unit'))

  it.each([
    ['500GB', 500e9],
    ['2TB', 2e12],
    ['750GiB', 750 * 2 ** 30],
    ['1.5 TB', 1.5e12],
    ['64tib', 64 * 2 ** 40],
  ])('reads %p in bytes, decimal and binary units both honoured', (input, expected) => {
    expect(size(input)).toEqual({ok: true, value: expected})
  })

  it.each(['500', '5 parsecs', 'GB', 500, '5 ib', '1KB', '20PB'])('refuses %p', (input) => {
    expect(size(input)).toEqual({ok: false, message: `expected a size with a unit, got ${show(input)}`})
  })
})

describe('read/write ratios', () => {
  const rw = parse(ratio('reads:writes'))

  it.each([
    ['90:10', {reads: 90, writes: 10}],
    [' 9 : 1 ', {reads: 9, writes: 1}],
    ['9', {reads: 9, writes: 1}],
    [4, {reads: 4, writes: 1}],
    ['100:0', {reads: 100, writes: 0}],
  ])('reads %p', (input, expected) => {
    expect(rw(input)).toEqual({ok: true, value: expected})
  })

  it.each(['abc', '0:0', '1:2:3', '-1:3', ':', '90/10', -1])('refuses %p with the accepted form', (input) => {
    expect(rw(input)).toEqual({ok: false, message: `expected reads:writes, got ${show(input)}`})
  })
})

describe('lists', () => {
  const regions = parse(list(regionCode, {noun: 'region', nonEmpty: true})('region codes'))
  const names = parse(list(matching(/^[a-z]+$/), {noun: 'service'})('names'))

  it('reads a YAML list and comma-separated text alike, trimmed', () => {
    expect(regions(['us-east-1', ' eu-west-1'])).toEqual({ok: true, value: ['us-east-1', 'eu-west-1']})
    expect(regions('us-east-1, eu-west-1')).toEqual({ok: true, value: ['us-east-1', 'eu-west-1']})
  })

  it('reads blank text as the empty list, which a non-empty list refuses', () => {
    expect(names('  ')).toEqual({ok: true, value: []})
    expect(regions('')).toEqual({ok: false, message: 'expected region codes, got an empty list'})
    expect(regions([])).toEqual({ok: false, message: 'expected region codes, got an empty list'})
  })

  it('names the item that is wrong, with a suggestion where the item has one', () => {
    const typo = 'unknown AWS region "eu-wst-1" (did you mean "eu-west-1"?); expected region codes'
    expect(regions('us-east-1,eu-wst-1')).toEqual({ok: false, message: typo})
    expect(regions(['us-east-1', 'eu-wst-1'])).toEqual({ok: false, message: typo})
    expect(names(['search', 'Search'])).toEqual({ok: false, message: 'expected names, got "Search"'})
  })

  it('refuses a stray comma, a duplicate and anything but text or a list', () => {
    expect(regions('us-east-1,')).toEqual({ok: false, message: 'expected region codes, got "us-east-1,"'})
    expect(names('a,b,a')).toEqual({ok: false, message: 'service "a" is listed twice; list each service once'})
    expect(names(5)).toEqual({ok: false, message: 'expected names, got 5'})
  })
})

describe('shares', () => {
  const byRegion = parse(shares(regionCode)('pairs'))

  it('reads pairs from a flag and a mapping from a file alike', () => {
    const expected = {ok: true, value: {'us-east-1': 60, 'eu-west-1': 40}}
    expect(byRegion('us-east-1=60, eu-west-1=40%')).toEqual(expected)
    expect(byRegion({'us-east-1': 60, 'eu-west-1': 40})).toEqual(expected)
  })

  it('refuses negative or quoted percentages, other separators and unknown keys', () => {
    expect(byRegion({'us-east-1': -1}).ok).toBe(false)
    expect(byRegion({'us-east-1': '60'}).ok).toBe(false)
    expect(byRegion('us-east-1:60')).toEqual({ok: false, message: 'expected pairs, got "us-east-1:60"'})
    expect(byRegion({'mars-1': 60})).toEqual({ok: false, message: 'unknown AWS region "mars-1"; expected pairs'})
  })
})

describe('words', () => {
  it('lists the alternatives in the message', () => {
    const engines = ['valkey', 'redis'] as const
    expect(alternatives(engines)).toBe('"valkey" or "redis"')
    expect(alternatives(['a', 'b', 'c'])).toBe('"a", "b" or "c"')
    expect(parse(oneOf(engines)(alternatives(engines)))('memcached')).toEqual({
      ok: false,
      message: 'expected "valkey" or "redis", got "memcached"',
    })
  })
})
