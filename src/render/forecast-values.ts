/**
 * How the inputs and results of a forecast read, shared by the terminal text and the Markdown:
 * an input's value in its own unit ("2.5M" users, "500 GB" data), a range, a probability.
 */
import {formatBytes, formatCount, formatNumber} from '../format/numbers.js'
import {plural} from '../format/words.js'
import {SPEC_KEYS, fieldMeta, type SpecKey} from '../spec/schema.js'
import {THRESHOLDS, type ThresholdName} from '../spec/thresholds.js'

/** The unit an input (a spec field, or `thresholds.<name>`) is stated in. */
function unitOf(name: string): string {
  if (name.startsWith('thresholds.')) return THRESHOLDS[name.slice('thresholds.'.length) as ThresholdName]?.unit ?? ''
  return SPEC_KEYS.includes(name as SpecKey) ? (fieldMeta(name as SpecKey).unit ?? '') : ''
}

/** 2500000 users -> "2.5M"; bytes -> "500 GB"; anything else as a number with at most two decimals. */
export function inputValue(name: string, value: number): string {
  const unit = unitOf(name)
  if (unit === 'bytes') return formatBytes(value)
  if (unit === 'daily active users') return shortCount(value)
  return formatNumber(value, 2)
}

/** "1M..5M": an input's range in its unit. */
export function inputRange(name: string, low: number, high: number): string {
  return `${inputValue(name, low)}..${inputValue(name, high)}`
}

/** 2_500_000 -> "2.5M", 12_000 -> "12k", 950 -> "950". */
export function shortCount(value: number): string {
  for (const [size, suffix] of [
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'k'],
  ] as const) {
    if (Math.abs(value) >= size) return `${formatNumber(value / size, value >= 100 * size ? 0 : 1)}${suffix}`
  }

  return formatCount(value)
}

/** 0.6234 -> "62%"; below 1% and above 99% with a decimal, so that a rare stage does not read as 0%. */
export function percent(probability: number): string {
  const value = probability * 100
  const digits = value > 0 && (value < 1 || value > 99) && value !== 100 ? 1 : 0
  return `${formatNumber(value, digits).replace(/\.0$/, '')}%`
}

/** "+$1,234.50" or "-$12.00": a swing or a change in cost. */
export function signedUsd(value: number, usd: (value: number) => string): string {
  return `${value < 0 ? '-' : '+'}${usd(Math.abs(value))}`
}

/** "start by month 11 (3 months ahead)", or "start now: 2 months late" when the lead time is already past. */
export function startBy(month: number, lead: number): string {
  const ahead = `${plural(lead, 'month')} ahead`
  if (month > 0) return `start by month ${month} (${ahead})`
  return month === 0 ? `start now (${ahead})` : `start now: ${plural(-month, 'month')} late (${ahead})`
}
