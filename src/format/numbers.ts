/**
 * How numbers read in every message scaleplan prints: one style for the reasons the planner
 * writes (capacity), the reports (render) and the wizard's summary.
 *
 * A folder of its own, below the pipeline: it imports nothing from src/, so capacity, cost,
 * render and the shell can all use it without any of them importing another against the
 * pipeline order (the formatters used to live in spec/units.ts, which made render depend on the
 * spec's parsers for the sake of a number format).
 */

/** 1536 -> "1,536"; 3472.2 -> "3,472.2". For messages only, never for data. */
export function formatNumber(value: number, maximumFractionDigits = 1): string {
  // Small rates (0.03 req/s for a blog) would otherwise print as a misleading 0.
  const digits = Math.abs(value) < 10 ? Math.max(maximumFractionDigits, 2) : maximumFractionDigits
  return formatDecimal(value, 0, digits)
}

/** 1234.5 -> "$1,234.50". */
export function formatUsd(value: number): string {
  return `$${formatDecimal(value, 2, 2)}`
}

/**
 * `value` as `Intl.NumberFormat('en-US', {minimumFractionDigits, maximumFractionDigits})` writes it
 * (digits grouped by three, halves rounded away from zero, from the shortest decimal that reads
 * back as the same double), without Intl: its first use loads ICU's data, about 7 MB of memory
 * and a few milliseconds of every start-up, and each call costs several times this.
 */
export function formatDecimal(value: number, minimumFractionDigits: number, maximumFractionDigits: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? '∞' : '-∞'
  const sign = value < 0 || Object.is(value, -0) ? '-' : ''
  const [whole, fraction] = roundDecimal(decimalDigits(Math.abs(value)), maximumFractionDigits)
  let end = fraction.length
  while (end > 0 && fraction.charCodeAt(end - 1) === 48 /* '0' */) end--
  let shown = fraction.slice(0, end)
  if (shown.length < minimumFractionDigits) shown = shown.padEnd(minimumFractionDigits, '0')
  return `${sign}${groupThousands(whole)}${shown ? `.${shown}` : ''}`
}

/** "1234567" -> "1,234,567". By hand, not a regular expression: every line of every bill goes through it. */
function groupThousands(digits: string): string {
  const first = digits.length % 3 || 3
  let grouped = digits.slice(0, first)
  for (let i = first; i < digits.length; i += 3) grouped += `,${digits.slice(i, i + 3)}`
  return grouped
}

/** A non-negative finite double's shortest round-trip decimal, as whole and fraction digits. */
function decimalDigits(value: number): [string, string] {
  const text = String(value)
  const exponent = text.indexOf('e')
  if (exponent === -1) {
    const point = text.indexOf('.')
    return point === -1 ? [text, ''] : [text.slice(0, point), text.slice(point + 1)]
  }
  // 1e21 and up, or below 1e-6: move the point by hand.
  const mantissa = text.slice(0, exponent).replace('.', '')
  const pointAt = (text.indexOf('.') === -1 ? exponent : text.indexOf('.')) + Number(text.slice(exponent + 1))
  if (pointAt <= 0) return ['0', '0'.repeat(-pointAt) + mantissa]
  return [mantissa.padEnd(pointAt, '0'), '']
}

/** Rounds decimal digits to `digits` fraction digits, halves away from zero. */
function roundDecimal([whole, fraction]: [string, string], digits: number): [string, string] {
  if (fraction.length <= digits) return [whole, fraction]
  if (fraction.charCodeAt(digits) < 53 /* '5' */) return [whole, fraction.slice(0, digits)]
  // Add one to the last kept digit, carrying through nines.
  const kept = whole + fraction.slice(0, digits)
  let i = kept.length - 1
  while (i >= 0 && kept.charCodeAt(i) === 57 /* '9' */) i--
  const carried =
    (i >= 0 ? kept.slice(0, i) + String.fromCharCode(kept.charCodeAt(i) + 1) : '1') + '0'.repeat(kept.length - 1 - i)
  const wholeLength = carried.length - digits
  let start = 0
  while (start < wholeLength - 1 && carried.charCodeAt(start) === 48 /* '0' */) start++
  return [carried.slice(start, wholeLength), carried.slice(wholeLength)]
}

/**
 * A value compared against a threshold, so that the two never print alike when they differ
 * ("100 req/s exceeds 100") and never with digits nobody reads ("3,700.0003/s"): one decimal when
 * that tells them apart, else "just over 3,700" (or "just under").
 */
export function formatAgainst(value: number, threshold: number): string {
  const text = formatNumber(value)
  if (value === threshold || text !== formatNumber(threshold)) return text
  return `just ${value > threshold ? 'over' : 'under'} ${formatNumber(threshold)}`
}

/** Bytes -> "1.5 TB" in decimal units, the way most people quote data sizes. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB']
  let value = bytes
  let unit = 0
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000
    unit++
  }

  return `${formatNumber(value, 2)} ${units[unit]}`
}

/**
 * A rate or size as a person reads it: whole numbers from 100 up ("7,716 req/s", not
 * "7,716.0"), one decimal from 10, two below ("0.03 req/s" for a blog stays visible).
 */
export function formatRate(value: number): string {
  const size = Math.abs(value)
  return formatNumber(value, size >= 100 ? 0 : size >= 10 ? 1 : 2)
}

/** A count of people or things: always whole ("833,333 daily users", never "833,333.3"). */
export function formatCount(value: number): string {
  return formatDecimal(Math.round(value), 0, 0)
}
