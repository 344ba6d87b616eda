/** Parsing the human forms of calibrate's time flags: "30s", "2m", "500ms", or plain seconds. */

export type ParsedValue = {ok: true; value: number} | {ok: false; message: string}

const UNITS_MS: Record<string, number> = {ms: 1, s: 1000, m: 60_000}

/** A duration in milliseconds; a bare number is in `bareUnit`. */
export function parseDuration(
  input: string,
  {min, max, bareUnit = 's'}: {min: number; max: number; bareUnit?: 'ms' | 's'},
): ParsedValue {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*$/i.exec(input)
  const ms = match ? Number(match[1]) * UNITS_MS[(match[2] ?? bareUnit).toLowerCase()]! : Number.NaN
  const range = `${show(min)} to ${show(max)}`
  if (!Number.isFinite(ms) || ms < min || ms > max) {
    return {
      ok: false,
      message: `expected a duration from ${range}, like ${bareUnit === 's' ? '30s, 2m or 45' : '50ms, 0.2s or 50'}, got "${input}"`,
    }
  }

  return {ok: true, value: ms}
}

/** A duration for people: 500 ms, 30 s, 2 min 30 s. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 10_000) return `${Number((ms / 1000).toFixed(1))} s`
  const seconds = Math.round(ms / 1000)
  if (seconds < 120) return `${seconds} s`
  const minutes = Math.floor(seconds / 60)
  const rest = seconds % 60
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`
}

function show(ms: number): string {
  return ms === 0 ? '0' : ms < 1000 ? `${ms}ms` : ms < 60_000 ? `${ms / 1000}s` : `${ms / 60_000}m`
}
