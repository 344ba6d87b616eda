/**
 * A threshold measured on the user's own servers (`scaleplan calibrate`), with where it came
 * from. In a spec file it replaces the bare number:
 *
 *   thresholds:
 *     dbNodeReadRps:
 *       value: 5210
 *       measured: {on: 2026-11-28, target: p99 < 50 ms, by: scaleplan calibrate database (read mix), against: ...}
 *
 * The planner uses `value` like any override; renderers say "measured" with the date and target
 * instead of "estimate".
 */
import {show, type Parsed} from './units.js'

export interface MeasuredProvenance {
  /** The day the measurement started, YYYY-MM-DD. */
  readonly on: string
  /** The latency target the capacity was measured at, like "p99 < 50 ms". */
  readonly target: string
  /** What measured it: "scaleplan calibrate database (read mix: ...)". */
  readonly by: string
  /** Where: the server (its URL without any password) and its size. */
  readonly against?: string
  /** True when the server never missed the target: its real capacity is higher. */
  readonly lowerBound?: boolean
}

const DATE = /^\d{4}-\d{2}-\d{2}$/
const KEYS = ['on', 'target', 'by', 'against', 'lowerBound']

/** Parses a `measured:` mapping; YAML reads an unquoted 2026-11-28 as a string here (core schema). */
export function parseProvenance(input: unknown, where: string): Parsed<MeasuredProvenance> {
  const expected = `${where}.measured: expected a mapping with on (YYYY-MM-DD), target and by (and optionally against, lowerBound)`
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    return {ok: false, message: `${expected}, got ${show(input)}`}
  const record = input as Record<string, unknown>
  const stray = Object.keys(record).find((key) => !KEYS.includes(key))
  if (stray !== undefined) return {ok: false, message: `${expected}; unknown key "${stray}"`}
  const on = record.on instanceof Date ? record.on.toISOString().slice(0, 10) : record.on
  if (typeof on !== 'string' || !DATE.test(on))
    return {ok: false, message: `${where}.measured.on: expected a date like 2026-11-28, got ${show(record.on)}`}
  for (const key of ['target', 'by'] as const) {
    if (typeof record[key] !== 'string' || record[key] === '')
      return {ok: false, message: `${where}.measured.${key}: expected text, got ${show(record[key])}`}
  }

  if (record.against !== undefined && typeof record.against !== 'string') {
    return {ok: false, message: `${where}.measured.against: expected text, got ${show(record.against)}`}
  }

  if (record.lowerBound !== undefined && typeof record.lowerBound !== 'boolean') {
    return {ok: false, message: `${where}.measured.lowerBound: expected true or false, got ${show(record.lowerBound)}`}
  }

  return {
    ok: true,
    value: {
      on,
      target: record.target as string,
      by: record.by as string,
      ...(record.against === undefined ? {} : {against: record.against as string}),
      ...(record.lowerBound === undefined ? {} : {lowerBound: record.lowerBound as boolean}),
    },
  }
}

/** "measured 2026-11-28 at p99 < 50 ms": how renderers name a measured value. */
export function measuredLabel(provenance: MeasuredProvenance): string {
  return `measured ${provenance.on} at ${provenance.target}${provenance.lowerBound ? ' (a lower bound)' : ''}`
}

/** The assumptions' source line for a measured value: what, where and when. */
export function measuredSource(provenance: MeasuredProvenance): string {
  return `${measuredLabel(provenance)} by ${provenance.by}${provenance.against ? `; against ${provenance.against}` : ''}`
}
