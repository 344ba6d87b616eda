/**
 * The measurement: a warm-up, then steps of rising concurrency, each a settling period followed
 * by a measurement window, until a step misses the latency target, the server saturates, or a
 * bound (clients, rate) is reached. Every step is bounded in time; Ctrl-C stops it at once.
 */
import {monitorEventLoopDelay, performance, type EventLoopUtilization} from 'node:perf_hooks'

import type {LoadTarget} from './load-target.js'
import {StepRecorder} from './step-recorder.js'
import {
  capacityOf,
  judgeStep,
  stopReason,
  type Capacity,
  type StepLimits,
  type StepResult,
  type StopReason,
} from './verdict.js'

export interface SweepSettings extends StepLimits {
  /** Concurrency of each step, rising. */
  readonly levels: readonly number[]
  readonly stepMs: number
  /** Warm-up before the first step, not measured; 0 skips it. */
  readonly warmupMs: number
  readonly warmupConcurrency: number
}

const DELAY_RESOLUTION_MS = 10

export interface SweepResult {
  readonly steps: readonly StepResult[]
  readonly stoppedBecause: StopReason
  readonly capacity: Capacity | null
}

export interface SweepEvents {
  onWarmup?(ms: number, concurrency: number): void
  onStepStart?(concurrency: number, index: number): void
  onStep?(step: StepResult): void
  /** A step missed the target and runs once more to confirm it. */
  onRetry?(step: StepResult): void
}

/**
 * The part of each step that is not measured: connections open, queues fill and the server
 * settles. A fifth of the step, at least half a second and at most five seconds.
 */
export function settleMs(stepMs: number): number {
  return Math.min(5000, Math.max(500, stepMs / 5))
}

export async function runSweep(
  target: LoadTarget,
  settings: SweepSettings,
  signal: AbortSignal,
  events: SweepEvents = {},
): Promise<SweepResult> {
  const now = () => performance.now()
  if (settings.warmupMs > 0 && !signal.aborted) {
    events.onWarmup?.(settings.warmupMs, settings.warmupConcurrency)
    await target.prepare?.(settings.warmupConcurrency)
    const start = now()
    const discard = new StepRecorder(
      settings.warmupConcurrency,
      Number.POSITIVE_INFINITY,
      Number.POSITIVE_INFINITY,
      now,
    )
    await target.runStep({
      concurrency: settings.warmupConcurrency,
      until: start + settings.warmupMs,
      maxRate: settings.maxRate,
      sink: discard,
      signal,
    })
    discard.finish(now())
  }

  const steps: StepResult[] = []
  let stoppedBecause: StopReason = 'max-clients'
  for (const [index, concurrency] of settings.levels.entries()) {
    if (signal.aborted) {
      stoppedBecause = 'interrupted'
      break
    }

    events.onStepStart?.(concurrency, index)
    // eslint-disable-next-line no-await-in-loop -- steps run one after another by design: each is its own load level
    let step = await measureStep(target, concurrency, settings, signal)
    if (!step.passed && !signal.aborted) {
      // A miss ends the sweep, so it must be real: one stall (a checkpoint, a noisy neighbour, a
      // pause of the generator) can fail a short step on its own. The step runs again; only a
      // second miss counts, and the table says the step was repeated.
      events.onRetry?.(step)
      // eslint-disable-next-line no-await-in-loop
      const again = await measureStep(target, concurrency, settings, signal)
      step = {...again, repeatedAfter: step.verdict}
    }

    if (signal.aborted) {
      stoppedBecause = 'interrupted'
      break
    }

    steps.push(step)
    events.onStep?.(step)
    const reason = stopReason(steps, index === settings.levels.length - 1)
    if (reason) {
      stoppedBecause = reason
      break
    }
  }

  return {steps, stoppedBecause, capacity: capacityOf(steps, stoppedBecause)}
}

async function measureStep(
  target: LoadTarget,
  concurrency: number,
  settings: SweepSettings,
  signal: AbortSignal,
): Promise<StepResult> {
  const now = () => performance.now()
  await target.prepare?.(concurrency)
  const start = now()
  const measureFrom = start + settleMs(settings.stepMs)
  const until = start + settings.stepMs
  const recorder = new StepRecorder(concurrency, measureFrom, until, now)

  // The generator's own load, measured over the same window as the server's numbers.
  const delay = monitorEventLoopDelay({resolution: DELAY_RESOLUTION_MS})
  let cpuFrom: NodeJS.CpuUsage | undefined
  let cpuAt = 0
  let busyFrom: EventLoopUtilization | undefined
  const startGauges = setTimeout(() => {
    cpuFrom = process.cpuUsage()
    cpuAt = now()
    busyFrom = performance.eventLoopUtilization()
    delay.enable()
  }, measureFrom - start)

  try {
    await target.runStep({concurrency, until, maxRate: settings.maxRate, sink: recorder, signal})
  } finally {
    clearTimeout(startGauges)
    delay.disable()
  }

  const cpuUsed = cpuFrom ? process.cpuUsage(cpuFrom) : undefined
  const cpuSeconds = cpuUsed ? (cpuUsed.user + cpuUsed.system) / 1e6 : 0
  const wallSeconds = cpuFrom ? (now() - cpuAt) / 1000 : 0
  const generator = {
    cpu: wallSeconds > 0 ? cpuSeconds / wallSeconds : 0,
    // The JavaScript thread alone: whether it was ever idle decides if the generator was the limit.
    eventLoopUtilization: busyFrom ? performance.eventLoopUtilization(busyFrom).utilization : 0,
    // The histogram holds whole timer intervals; the delay is what exceeds the resolution.
    eventLoopDelayP99Ms: delay.count > 0 ? Math.max(0, delay.percentile(99) / 1e6 - DELAY_RESOLUTION_MS) : 0,
  }
  return judgeStep(concurrency, recorder.finish(now()), generator, settings)
}
