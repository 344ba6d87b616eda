/**
 * Values for a query's $1, $2, ...: each `--read-param` / `--write-param` names a generator.
 *
 *   int:1..100000   a uniform random integer in the range, both ends included
 *   seq:1000001     1000001, 1000002, ... (unique keys for inserts); seq alone starts at 1
 *   text:12         a random string of 12 letters and digits
 *   uuid            a random UUID
 *   pick:a,b,c      one of the listed values, uniformly
 *   value:42        always this value
 */
import {randomUUID} from 'node:crypto'

export type ParamGenerator = () => string | number

export const PARAM_FORMS = 'int:MIN..MAX, seq[:START], text:LENGTH, uuid, pick:A,B,C or value:V'

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'

/** Parses a generator; returns an error message (naming the accepted forms) instead of throwing. */
export function parseParamGenerator(spec: string): ParamGenerator | string {
  const [kind, ...rest] = spec.split(':')
  const arg = rest.join(':')
  switch (kind) {
    case 'int': {
      const match = /^(-?\d+)\.\.(-?\d+)$/.exec(arg)
      const low = match ? Number(match[1]) : Number.NaN
      const high = match ? Number(match[2]) : Number.NaN
      if (!Number.isSafeInteger(low) || !Number.isSafeInteger(high) || low > high) {
        return `expected int:MIN..MAX with whole numbers, MIN <= MAX, like int:1..100000, got "${spec}"`
      }

      return () => low + Math.floor(Math.random() * (high - low + 1))
    }

    case 'seq': {
      const start = arg === '' ? 1 : Number(arg)
      if (!Number.isSafeInteger(start))
        return `expected seq or seq:START with a whole number, like seq:1000001, got "${spec}"`
      let next = start
      return () => next++
    }

    case 'text': {
      const length = Number(arg)
      if (!Number.isInteger(length) || length < 1 || length > 100_000) {
        return `expected text:LENGTH with a length from 1 to 100000, like text:12, got "${spec}"`
      }

      return () => {
        let out = ''
        for (let i = 0; i < length; i++) out += ALPHABET[Math.floor(Math.random() * ALPHABET.length)]
        return out
      }
    }

    case 'uuid':
      return arg === '' ? () => randomUUID() : `expected uuid with nothing after it, got "${spec}"`
    case 'pick': {
      const choices = arg.split(',').filter((c) => c !== '')
      if (choices.length === 0) return `expected pick:A,B,C with at least one value, got "${spec}"`
      return () => choices[Math.floor(Math.random() * choices.length)]!
    }

    case 'value':
      return () => arg
    default:
      return `expected one of ${PARAM_FORMS}, got "${spec}"`
  }
}
