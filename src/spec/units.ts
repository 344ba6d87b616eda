/**
 * Parsers for the human forms a spec accepts ("2.5M", "90:10", "750GiB", ...).
 *
 * Each returns a value or a message that completes the sentence "<field>: ..." with what was
 * expected and what was received, so that flags, environment variables and spec-file keys all
 * report the same way.
 */

export type Parsed<T> = {ok: true; value: T} | {ok: false; message: string}

const ok = <T>(value: T): Parsed<T> => ({ok: true, value})
const fail = (expected: string, received: unknown): Parsed<never> => ({
  ok: false,
  message: `expected ${expected}, got ${show(received)}`,
})

/** Shows a received value the way the user typed it: strings quoted, everything else as JSON. */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (value === undefined) return 'nothing'
  return JSON.stringify(value) ?? String(value)
}

const COUNT_SUFFIXES: Record<string, number> = {'': 1, k: 1e3, m: 1e6, b: 1e9}
const COUNT_PATTERN = /^(\d+(?:_\d{3})*(?:\.\d+)?|\.\d+)\s*([kmb]?)$/i

/** "2500000", "2.5M", "10k", "1_000_000" -> a whole number. */
export function parseCount(
  input: unknown,
  expected = 'a whole number like 2500000, 2.5M, 10k or 1_000_000',
): Parsed<number> {
  let n: number
  if (typeof input === 'number') {
    n = input
  } else if (typeof input === 'string') {
    const match = COUNT_PATTERN.exec(input.trim())
    if (!match) return fail(expected, input)
    n = Number(match[1]!.replaceAll('_', '')) * COUNT_SUFFIXES[match[2]!.toLowerCase()]!
    // 2.5M is exactly 2,500,000; floating point must not turn it into 2499999.9999.
    n = Math.round(n * 1e6) / 1e6
  } else {
    return fail(expected, input)
  }

  if (!Number.isFinite(n) || !Number.isInteger(n)) return fail(expected, input)
  return ok(n)
}

/** A plain decimal number ("2", "0.5", 2); an optional trailing "%" when `percent` is set. */
export function parseNumber(input: unknown, expected: string, {percent = false} = {}): Parsed<number> {
  if (typeof input === 'number') return Number.isFinite(input) ? ok(input) : fail(expected, input)
  if (typeof input !== 'string') return fail(expected, input)
  const text = percent ? input.trim().replace(/%$/, '') : input.trim()
  if (!/^\d+(\.\d+)?$|^\.\d+$/.test(text)) return fail(expected, input)
  return ok(Number(text))
}

export interface ReadWriteRatio {
  readonly reads: number
  readonly writes: number
}

const RATIO_EXPECTED = 'reads:writes like 90:10, or reads per write like 9'

/** "90:10", "9:1", or one number meaning reads per write. */
export function parseReadWrite(input: unknown): Parsed<ReadWriteRatio> {
  if (typeof input === 'number') {
    return Number.isFinite(input) && input >= 0 ? ok({reads: input, writes: 1}) : fail(RATIO_EXPECTED, input)
  }

  if (typeof input !== 'string') return fail(RATIO_EXPECTED, input)
  const parts = input.trim().split(':')
  const numbers = parts.map((part) => (/^\d+(\.\d+)?$/.test(part.trim()) ? Number(part) : Number.NaN))
  if (numbers.some((n) => Number.isNaN(n))) return fail(RATIO_EXPECTED, input)
  if (numbers.length === 1) return ok({reads: numbers[0]!, writes: 1})
  if (numbers.length !== 2 || numbers[0]! + numbers[1]! === 0) return fail(RATIO_EXPECTED, input)
  return ok({reads: numbers[0]!, writes: numbers[1]!})
}

const SIZE_UNITS: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  pb: 1e15,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
  pib: 2 ** 50,
}
const SIZE_EXPECTED = 'a size with a unit like 500GB, 2TB or 750GiB'

/** "500GB", "2TB", "750GiB", "1.5 TB" -> bytes. Decimal (GB) and binary (GiB) units are both honoured. */
export function parseDataSize(input: unknown): Parsed<number> {
  if (typeof input !== 'string') return fail(SIZE_EXPECTED, input)
  const match = /^(\d+(?:\.\d+)?)\s*([kmgtp]?i?b)$/i.exec(input.trim())
  const unit = match ? SIZE_UNITS[match[2]!.toLowerCase()] : undefined
  if (!match || unit === undefined) return fail(SIZE_EXPECTED, input)
  return ok(Math.round(Number(match[1]) * unit))
}

/** "a,b, c" or ["a", "b"] -> trimmed, non-empty strings. */
export function parseList(input: unknown, expected: string): Parsed<string[]> {
  if (Array.isArray(input) && input.every((item) => typeof item === 'string')) {
    return ok(input.map((item: string) => item.trim()))
  }

  if (typeof input !== 'string') return fail(expected, input)
  const items = input.split(',').map((item) => item.trim())
  if (items.some((item) => item === '')) return fail(expected, input)
  return ok(items)
}

/** "us-east-1=60,eu-west-1=40" or {"us-east-1": 60} -> key to number. */
export function parseShares(input: unknown, expected: string): Parsed<Record<string, number>> {
  if (input !== null && typeof input === 'object' && !Array.isArray(input)) {
    const entries = Object.entries(input)
    if (entries.every(([, value]) => typeof value === 'number' && Number.isFinite(value) && value >= 0)) {
      return ok(Object.fromEntries(entries) as Record<string, number>)
    }

    return fail(expected, input)
  }

  if (typeof input !== 'string') return fail(expected, input)
  const shares: Record<string, number> = {}
  for (const pair of input.split(',')) {
    const match = /^\s*([a-z0-9-]+)\s*=\s*(\d+(?:\.\d+)?)\s*%?\s*$/i.exec(pair)
    if (!match) return fail(expected, input)
    shares[match[1]!] = Number(match[2])
  }

  return ok(shares)
}
