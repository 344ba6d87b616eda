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
  return numberFormat(digits).format(value)
}

// Building an Intl.NumberFormat costs far more than using one; the planner formats thousands of values.
const numberFormats = new Map<number, Intl.NumberFormat>()
function numberFormat(maximumFractionDigits: number): Intl.NumberFormat {
  let format = numberFormats.get(maximumFractionDigits)
  if (!format) {
    format = new Intl.NumberFormat('en-US', {maximumFractionDigits})
    numberFormats.set(maximumFractionDigits, format)
  }

  return format
}

/** 1234.5 -> "$1,234.50". */
export function formatUsd(value: number): string {
  return `$${usdFormat.format(value)}`
}

const usdFormat = new Intl.NumberFormat('en-US', {minimumFractionDigits: 2, maximumFractionDigits: 2})

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
  return numberFormat(0).format(Math.round(value))
}
