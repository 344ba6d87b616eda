/** Calibration results for people: one table row per step, then what the sweep shows. Pure. */
import {formatNumber} from '../format/numbers.js'
import type {TextStyle} from '../format/style.js'
import type {CalibrationResult, MeasuredThreshold, NamedSweep} from './result.js'
import type {StepResult, StopReason} from './verdict.js'

export const STEP_HEADER = [
  'clients',
  'ops/s',
  'p50 ms',
  'p95 ms',
  'p99 ms',
  'raw p99',
  'errors',
  'steady',
  'gen busy',
  'verdict',
]
const RIGHT = new Set([0, 1, 2, 3, 4, 5, 6, 8])

/** One row per step, in STEP_HEADER's columns. */
export function stepCells(step: StepResult): string[] {
  return [
    String(step.concurrency),
    formatNumber(step.throughput, 0),
    latency(step.latency.p50Ms),
    latency(step.latency.p95Ms),
    latency(step.latency.p99Ms),
    latency(step.latency.rawP99Ms),
    step.errors === 0 ? '0' : `${step.errors} (${(step.errorRate * 100).toFixed(1)}%)`,
    step.steady ? 'yes' : `no (±${Math.round(step.throughputVariation * 100)}%)`,
    // What decides a "generator" stop: how much of the step the load generator's event loop was busy.
    `${Math.round(step.generator.eventLoopUtilization * 100)}%`,
    step.repeatedAfter ? `${step.verdict} (run twice; first: ${step.repeatedAfter})` : step.verdict,
  ]
}

/** Column widths for rows printed one at a time, as each step completes. */
const LIVE_WIDTHS = [7, 8, 7, 7, 7, 7, 8, 9, 7]

/** One row at fixed widths, so that rows printed as steps complete line up under the header. */
export function liveRow(cells: readonly string[]): string {
  return cells
    .map((cell, i) =>
      i === cells.length - 1 ? cell : RIGHT.has(i) ? cell.padStart(LIVE_WIDTHS[i]!) : cell.padEnd(LIVE_WIDTHS[i]!),
    )
    .join('  ')
    .trimEnd()
}

/** Columns padded to their widest cell; numbers right-aligned. */
export function alignRows(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)))
  return rows.map((row) =>
    row
      .map((cell, i) =>
        i === row.length - 1 ? cell : RIGHT.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!),
      )
      .join('  ')
      .trimEnd(),
  )
}

const STOPPED: Record<StopReason, string> = {
  latency: 'stopped: the last step missed the latency target',
  errors: 'stopped: the last step failed too many operations',
  saturated: 'stopped: throughput stopped rising (doubling the clients twice added under 5%)',
  'max-clients':
    'stopped: reached --max-clients without missing the target; the capacity is at least this (raise --max-clients)',
  'max-rate': 'stopped: reached --max-rate; the capacity is at least this (raise --max-rate)',
  generator:
    "stopped: the load generator's JavaScript thread was busy nearly all the time, so it, not the server, was the limit; the capacity is at least this (run calibrate from a bigger or less loaded machine, or nearer the server)",
  interrupted: 'interrupted',
}

export function renderSweep(sweep: NamedSweep, p99TargetMs: number, style: TextStyle, withSteps = true): string[] {
  const lines = [style.bold(`${sweep.name} mix: ${sweep.description}`)]
  if (withSteps && sweep.steps.length > 0) {
    const rows = alignRows([STEP_HEADER, ...sweep.steps.map(stepCells)])
    lines.push(...rows.map((row, i) => `  ${i === 0 ? style.dim(row) : row}`))
  }

  lines.push(`  ${STOPPED[sweep.stoppedBecause]}`)
  const {capacity} = sweep
  lines.push(
    capacity
      ? `  capacity at p99 < ${formatNumber(p99TargetMs)} ms: ${capacity.lowerBound ? 'at least ' : ''}${style.bold(`${formatNumber(capacity.rate, 0)} ${sweep.unit}`)} (${capacity.concurrency} client${capacity.concurrency === 1 ? '' : 's'}, p99 ${latency(capacity.p99Ms)} ms)`
      : `  no step met p99 < ${formatNumber(p99TargetMs)} ms: even one client was too slow, or failed`,
  )
  return lines
}

export function renderThreshold(t: MeasuredThreshold): string {
  const reference = t.referenceClass === 'any' ? '' : ` for ${t.referenceClass}`
  return `  ${t.name}: ${t.lowerBound ? 'at least ' : ''}${formatNumber(t.value, t.value < 10 ? 2 : 0)} ${t.unit}${reference} (measured ${formatNumber(t.measured, t.measured < 10 ? 2 : 0)} ${t.measuredUnit}; ${t.how})`
}

/**
 * The whole result but its warnings (people get those on stderr); `withSteps: false` when the step
 * rows were already printed as they completed.
 */
export function renderResult(result: CalibrationResult, style: TextStyle, withSteps = true): string {
  const lines: string[] = []
  for (const sweep of result.sweeps)
    lines.push(...renderSweep(sweep, result.settings.p99TargetMs, style, withSteps), '')
  if (result.thresholds.length > 0) {
    lines.push(style.bold('Thresholds'), ...result.thresholds.map(renderThreshold))
  }

  return lines.join('\n').trimEnd()
}

function latency(ms: number): string {
  return ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0)
}
