/**
 * The forms a spec value can be written in ("2.5M", "90:10", "500GB", "us-east-1,eu-west-1"),
 * as zod schemas: the one grammar of the spec.
 *
 * Each form's input side is plain JSON Schema (a number, or a string with a pattern), so the
 * spec file's JSON Schema is generated from the very schemas that parse it; a transform then
 * turns the text into a value and checks what a pattern cannot (ranges, "0" users, duplicates).
 *
 * A form is a function of the words for what its field accepts: every failure reads
 * "expected <those words>, got <the value as given>", so a flag, an environment variable, a
 * spec-file key and a wizard answer are refused with the same sentence.
 */
import * as z from 'zod/mini'

/** The most characters of a received value an error message repeats; the rest is counted, not shown. */
export const SHOWN_CHARACTERS = 64

/**
 * Shows a received value the way the user typed it: strings quoted, everything else as JSON, cut
 * to SHOWN_CHARACTERS so a pasted file or a 100 KB flag value costs one readable line.
 */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing'
  let text: string
  try {
    text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value))
  } catch {
    // A value JSON cannot write (a cycle, a BigInt): its type is all a message needs.
    return `a ${typeof value}`
  }

  if (text.length <= SHOWN_CHARACTERS) return typeof value === 'string' ? JSON.stringify(text) : text
  const cut = `${text.slice(0, SHOWN_CHARACTERS - 16)}…`
  const size = `(${text.length.toLocaleString('en-US')} characters)`
  return typeof value === 'string' ? `${JSON.stringify(cut)} ${size}` : `${cut} ${size}`
}

/** The message of a field's failures: "expected <what it accepts>, got <what it was given>". */
export function expecting(expected: string): (issue: {readonly input?: unknown}) => string {
  return (issue) => `expected ${expected}, got ${show(issue.input)}`
}

/** How a field is written: given the words for what it accepts, the schema that parses it. */
export type Form<Out> = (expected: string) => z.ZodMiniType<Out>

/**
 * A union's message. zod reports a union that no branch accepts as one issue; the branch that
 * got past its type check (the list, for a list with an unknown item) says best what is wrong.
 */
function unionError(fallback: (issue: {readonly input?: unknown}) => string) {
  return (issue: z.core.$ZodRawIssue): string => {
    if (issue.code !== 'invalid_union') return fallback(issue)
    const specific = issue.errors.flat().find((branch) => branch.code !== 'invalid_type')
    return specific?.message ?? fallback(issue)
  }
}

/** A custom issue in a transform, quoting the input as the user gave it. */
function refuse(ctx: z.core.ParsePayload, input: unknown, message: string): never {
  ctx.issues.push({code: 'custom', input, message})
  return z.NEVER
}

/** The whole string, give or take surrounding spaces. JSON Schema patterns carry no flags. */
const whole = (pattern: string) => new RegExp(String.raw`^\s*(${pattern})\s*$`)

/**
 * A number written as text: its pattern (JSON Schema's regular expressions have no flags, so
 * case-insensitive letters are spelled as classes) and what it means. Ranges ("1M..5M") will be
 * two of these around ".." (`rangeable`).
 */
export interface NumberText {
  readonly pattern: string
  /** The number that `text` means; only called on text that matches `pattern`, trimmed. */
  read(text: string): number
  /** Whether `text` is a whole number, judged on its digits (a double may round a fraction away). */
  whole?(text: string): boolean
}

const DIGITS = String.raw`\d+(\.\d+)?|\.\d+`

/**
 * Significant digits a number written as text may carry: 17 is what it takes to write any double
 * exactly (a program printing 1.0000000000000002 means that double); more digits could only be
 * rounded away, or read as Infinity, so they are refused instead.
 */
export const MAX_DIGITS = 17

/** True when the digits of `text` (leading zeros aside) fit MAX_DIGITS. */
export function fitsDigits(text: string): boolean {
  const digits = text.replaceAll(/\D/g, '').replace(/^0+/, '')
  return digits.length <= MAX_DIGITS
}

/**
 * `text` (a plain decimal like "2.5") times 10^`exponent`, computed on the digits so that
 * "2.0000001" stays 2.0000001 and "2.5M" is exactly 2,500,000.
 */
function shiftDecimal(text: string, exponent: number): number {
  const [whole = '', fraction = ''] = text.split('.')
  const padded = fraction.padEnd(exponent, '0')
  return Number(`${whole}${padded.slice(0, exponent)}.${padded.slice(exponent) || '0'}`)
}

/**
 * True when decimal `text` (digits, one optional point) shifted left by `exponent` places has no
 * fraction: "2.5" with 6 ("2.5M") is whole, "2.0000001" with 0 is not. Exact on the digits, so a
 * fraction too small for a double to keep still counts.
 */
function wholeAfterShift(text: string, exponent: number): boolean {
  const fraction = text.split('.')[1] ?? ''
  return /^0*$/.test(fraction.slice(exponent))
}

/** "2", "0.5", ".5". */
export const PLAIN_NUMBER: NumberText = {pattern: DIGITS, read: Number}

/** "99.9" or "99.9%". */
export const PERCENT: NumberText = {pattern: `(${DIGITS})%?`, read: (text) => Number(text.replace(/%$/, ''))}

/**
 * A share of a whole: "0.6" or "60%". A bare number must be a fraction (0 to 1 by its bounds); a
 * percentage says so with its sign, so "60" is refused rather than read as 60 times the whole.
 */
export const FRACTION: NumberText = {
  pattern: `(${DIGITS})%?`,
  read: (text) => (text.endsWith('%') ? Number(text.slice(0, -1)) / 100 : Number(text)),
}

const COUNT_SUFFIXES: Readonly<Record<string, number>> = {'': 0, k: 3, m: 6, b: 9}

/** "2500000", "2.5M", "10k", "1_000_000". */
export const COUNT: NumberText = {
  pattern: String.raw`(\d+(_\d{3})*(\.\d+)?|\.\d+)\s*[kKmMbB]?`,
  read(text) {
    const suffix = /[kmb]$/i.exec(text)?.[0] ?? ''
    const digits = text
      .slice(0, text.length - suffix.length)
      .trim()
      .replaceAll('_', '')
    // 2.5M is exactly 2,500,000, and 2.0000001 is not 2: the suffix shifts the decimal point.
    return shiftDecimal(digits.startsWith('.') ? `0${digits}` : digits, COUNT_SUFFIXES[suffix.toLowerCase()]!)
  },
  whole(text) {
    const suffix = /[kmb]$/i.exec(text)?.[0] ?? ''
    const digits = text
      .slice(0, text.length - suffix.length)
      .trim()
      .replaceAll('_', '')
    return wholeAfterShift(digits, COUNT_SUFFIXES[suffix.toLowerCase()]!)
  },
}

const SIZE_UNITS: Readonly<Record<string, number>> = {
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

/** "500GB", "2TB", "750GiB", "1.5 TB" in bytes: decimal (GB) and binary (GiB) units both honoured. */
export const SIZE: NumberText = {
  pattern: String.raw`\d+(\.\d+)?\s*([kKmMgGtTpP][iI]?)?[bB]`,
  read(text) {
    const [, amount, unit] = /^([\d.]+)\s*(\w+)$/.exec(text)!
    return Math.round(Number(amount) * SIZE_UNITS[unit!.toLowerCase()]!)
  },
}

/** The accepted range of a quantity. */
export interface Bounds {
  readonly min: number
  readonly max: number
  /** `min` itself is refused (a ratio above 0). */
  readonly exclusiveMin?: boolean
  /** Whole numbers only. */
  readonly integer?: boolean
}

const inBounds = (n: number, {min, max, exclusiveMin, integer}: Bounds) =>
  Number.isFinite(n) && (exclusiveMin ? n > min : n >= min) && n <= max && (!integer || Number.isInteger(n))

/**
 * A number within `bounds`, written as `text` or, where `numbers` allows, as a plain JSON/YAML
 * number. Ranges inside text ("0" users) are checked after reading, so the JSON Schema is looser
 * there than scaleplan, never stricter.
 */
export function quantity(text: NumberText, bounds: Bounds, {numbers = true} = {}): Form<number> {
  return (expected) => {
    const error = expecting(expected)
    const written = z.string({error}).check(z.regex(whole(text.pattern)))
    const number = () =>
      z
        .number({error})
        .check(
          bounds.exclusiveMin ? z.gt(bounds.min) : z.gte(bounds.min),
          z.lte(bounds.max),
          ...(bounds.integer ? [z.int()] : []),
        )
    const input = numbers ? z.union([number(), written], {error: unionError(error)}) : written
    return z.pipe(
      input,
      z.transform((value: number | string, ctx) => {
        if (typeof value === 'string' && !fitsDigits(value)) return refuse(ctx, value, tooManyDigits(error, value))
        if (typeof value === 'string' && bounds.integer && text.whole && !text.whole(value.trim())) {
          return refuse(ctx, value, error({input: value}))
        }

        const n = typeof value === 'number' ? value : text.read(value.trim())
        return inBounds(n, bounds) ? n : refuse(ctx, value, error({input: value}))
      }),
    )
  }
}

/** The message for a number with more digits than it can hold: "expected ..., got ...; at most 15 digits". */
function tooManyDigits(error: (issue: {readonly input?: unknown}) => string, value: unknown): string {
  return `${error({input: value})}; at most ${MAX_DIGITS} significant digits`
}

/** The largest part of a read/write ratio ("1000000:1"); beyond it the mix is all reads anyway. */
const MAX_RATIO_PART = 1e6

/** How a range spreads its values: log-normal unless the range says otherwise. */
export const DISTRIBUTIONS = ['lognormal', 'normal', 'uniform'] as const
export type Distribution = (typeof DISTRIBUTIONS)[number]

/**
 * An uncertain quantity, written "LOW..HIGH" ("1M..5M", "10KB..60KB", "1.5..4 uniform"). For
 * `lognormal` (the default) and `normal`, LOW and HIGH are the 5th and 95th percentiles: a 90%
 * interval, as people give estimates; `uniform` spreads values evenly between them.
 */
export interface Range {
  readonly low: number
  readonly high: number
  readonly distribution: Distribution
  /** What the quantity accepts: samples are kept inside it. */
  readonly bounds: Bounds
}

export function isRange(value: unknown): value is Range {
  return typeof value === 'object' && value !== null && 'low' in value && 'high' in value && 'distribution' in value
}

/**
 * The value that stands for a range where one number is needed: its median (the geometric mean of
 * the ends for a log-normal, the midpoint otherwise), a whole number where the quantity is one.
 */
export function rangeMedian({low, high, distribution, bounds}: Range): number {
  if (low === high) return low
  const median = distribution === 'lognormal' ? Math.sqrt(low * high) : (low + high) / 2
  return bounds.integer ? Math.round(median) : median
}

/**
 * A quantity (see `quantity`) or a range of it: "LOW..HIGH", each end written as the quantity
 * is, optionally followed by a distribution ("1M..5M uniform"). A range whose ends are equal is
 * allowed and plans exactly as the point.
 */
export function rangeable(text: NumberText, bounds: Bounds, options: {numbers?: boolean} = {}): Form<number | Range> {
  return (expected) => {
    const error = expecting(expected)
    const point = quantity(text, bounds, options)(expected)
    const end = `(${text.pattern})`
    const written = z.pipe(
      z.string({error}).check(z.regex(whole(String.raw`${end}\s*\.\.\s*${end}(\s+(${DISTRIBUTIONS.join('|')}))?`))),
      z.transform((value: string, ctx): Range => {
        const [ends, distribution = 'lognormal'] = value.trim().split(/\s+(?=[a-z]+$)/) as [string, Distribution?]
        // Each end is read exactly as the point would be, digits and whole numbers checked alike.
        const parsed = ends.split('..').map((part) => point.safeParse(part.trim()))
        const failed = parsed.find((end) => !end.success)
        if (failed)
          return refuse(ctx, value, error({input: value}) + (failed.error?.issues[0]?.message.match(/;.*$/)?.[0] ?? ''))
        const [low, high] = parsed.map((end) => end.data!) as [number, number]
        if (low > high) return refuse(ctx, value, `${error({input: value})}: the low end comes first`)
        if (distribution === 'lognormal' && low <= 0)
          return refuse(
            ctx,
            value,
            `${error({input: value})}: a log-normal range starts above 0; add "uniform" or "normal"`,
          )
        return {low, high, distribution, bounds}
      }),
    )
    // When both fail, the branch the text was meant for says what is wrong: "the low end comes
    // first" for a range, "at most 17 significant digits" for a point.
    return z.union([written, point], {
      error: (issue) => {
        if (issue.code !== 'invalid_union') return error(issue)
        const meant = typeof issue.input === 'string' && issue.input.includes('..') ? 0 : 1
        return issue.errors[meant]?.find((branch) => branch.code !== 'invalid_type')?.message ?? error(issue)
      },
    })
  }
}

export interface ReadWriteRatio {
  readonly reads: number
  readonly writes: number
}

/** "90:10", "9:1", or one number meaning reads per write ("9", 9). */
export const ratio: Form<ReadWriteRatio> = (expected) => {
  const error = expecting(expected)
  const part = String.raw`\d+(\.\d+)?`
  const written = z.string({error}).check(z.regex(whole(String.raw`${part}\s*(:\s*${part})?`)))
  const number = z.number({error}).check(z.gte(0), z.lte(MAX_RATIO_PART))
  return z.pipe(
    z.union([number, written], {error: unionError(error)}),
    z.transform((value: number | string, ctx) => {
      if (typeof value === 'number') return {reads: value, writes: 1}
      if (!value.split(':').every(fitsDigits)) return refuse(ctx, value, tooManyDigits(error, value))
      const [reads, writes = 1] = value.split(':').map(Number) as [number, number?]
      const inRange = reads <= MAX_RATIO_PART && writes <= MAX_RATIO_PART && reads + writes > 0
      return inRange ? {reads, writes} : refuse(ctx, value, error({input: value}))
    }),
  )
}

/** Text matching `pattern` as a whole. */
export function matching(pattern: RegExp): Form<string> {
  return (expected) => z.string({error: expecting(expected)}).check(z.regex(pattern))
}

/** One of a few words. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T): Form<T[number]> {
  return (expected) => z.enum(values, {error: expecting(expected)})
}

/** `["valkey", "redis"]` -> `"valkey" or "redis"`, for a field's `expected`. */
export function alternatives(values: readonly string[]): string {
  const quoted = values.map((value) => JSON.stringify(value))
  return quoted.length < 2 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`
}

export interface ListOptions {
  /** What one item is called in messages ("region"). */
  readonly noun: string
  /** Refuse an empty list. */
  readonly nonEmpty?: boolean
}

/**
 * A list of `item`s: a YAML/JSON list, or text separated by commas (a flag, an environment
 * variable). Blank text is the empty list; items are trimmed; each may appear once.
 */
export function list(item: Form<string>, {noun, nonEmpty = false}: ListOptions): Form<string[]> {
  return (expected) => {
    const error = expecting(expected)
    const array = z.array(item(expected), {error})
    const items = array.check(
      ...(nonEmpty ? [z.minLength(1, {error: `expected ${expected}, got an empty list`})] : []),
      z.superRefine((values: string[], ctx) => {
        const twice = values.find((value, i) => values.indexOf(value) !== i)
        if (twice !== undefined)
          ctx.addIssue({code: 'custom', message: `${noun} "${twice}" is listed twice; list each ${noun} once`})
      }),
    )
    const written = z.pipe(
      z.pipe(
        z.string({error}),
        z.transform((text: string, ctx): unknown[] => {
          if (text.trim() === '') return []
          const parts = text.split(',').map((part) => part.trim())
          return parts.includes('') ? refuse(ctx, text, error({input: text})) : parts
        }),
      ),
      items,
    )
    const trimmed = (input: unknown) =>
      Array.isArray(input) ? input.map((value: unknown) => (typeof value === 'string' ? value.trim() : value)) : input
    // A transform before the union leaves the JSON Schema alone: it describes the union, items without padding.
    return z.pipe(z.transform(trimmed), z.union([items, written], {error: unionError(error)}))
  }
}

/**
 * Percentages keyed by `key`: a mapping in a file, `key=percent` pairs separated by commas in a
 * flag ("us-east-1=60,eu-west-1=40").
 */
export function shares(key: Form<string>): Form<Record<string, number>> {
  return (expected) => {
    const error = expecting(expected)
    const keys = key(expected)
    const mapping = z.partialRecord(keys, z.number({error}).check(z.gte(0), z.lte(100)), {
      // An unknown key says why in its own words ("unknown AWS region ... did you mean").
      error: (issue: z.core.$ZodRawIssue) =>
        (issue.code === 'unrecognized_keys' ? keys.safeParse(issue.keys[0]).error?.issues[0]?.message : undefined) ??
        error(issue),
    })
    const pair = String.raw`\s*[a-zA-Z0-9-]+\s*=\s*\d+(\.\d+)?\s*%?\s*`
    const written = z.pipe(
      z.string({error}).check(z.regex(new RegExp(`^${pair}(,${pair})*$`))),
      z.transform((text: string, ctx) => {
        const entries = text.split(',').map((entry) => {
          const [name, percent] = entry.split('=') as [string, string]
          return [name.trim(), percent.trim().replace(/%$/, '')] as const
        })
        if (!entries.every(([, percent]) => fitsDigits(percent) && Number(percent) <= 100)) {
          return refuse(ctx, text, error({input: text}))
        }

        return Object.fromEntries(entries.map(([name, percent]) => [name, Number(percent)]))
      }),
    )
    return z.pipe(
      z.union([mapping, written], {error: unionError(error)}),
      z.transform((value) => value as Record<string, number>),
    )
  }
}
