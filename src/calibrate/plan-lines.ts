/** The part of every plan that states the bounds of a run, printed before any load is sent. */
import {formatNumber} from '../format/numbers.js'
import {formatDuration} from './durations.js'
import {settleMs, type SweepSettings} from './sweep.js'

/** The longest a run of `sweeps` sweeps can send load: warm-up, every level of each, and the repeat of a missed step. */
export function worstCaseMs(sweep: SweepSettings, sweeps: number): number {
  return sweeps * (sweep.warmupMs + (sweep.levels.length + 1) * sweep.stepMs)
}

/** Steps, bounds and the stopping rule, as plan lines; `unit` names one operation per second. */
export function boundsLines(sweep: SweepSettings, sweeps: number, unit: string): string[] {
  return [
    `  steps of ${sweep.levels.join(', ')} concurrent clients, ${formatDuration(sweep.stepMs)} each (the first ${formatDuration(settleMs(sweep.stepMs))} settle, unmeasured)` +
      (sweep.warmupMs > 0 ? `, after a ${formatDuration(sweep.warmupMs)} warm-up at ${sweep.warmupConcurrency}` : ''),
    `  never more than ${formatNumber(sweep.maxRate, 0)} ${unit}; stops at the first step whose p99 exceeds ${formatNumber(sweep.p99TargetMs)} ms or whose errors exceed ${sweep.maxErrorRate * 100}%, or when throughput stops rising`,
    `  at most ${formatDuration(worstCaseMs(sweep, sweeps))} of load in all; Ctrl-C stops at once and cleans up`,
  ]
}
