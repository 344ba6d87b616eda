/**
 * Pure judgement of a sweep: which steps meet the latency target, when to stop rising, and the
 * capacity the sweep shows. No clock, no I/O: tested with worked cases.
 */
import type {StepMeasurement} from './step-recorder.js'

export interface StepLimits {
  readonly p99TargetMs: number
  /** Share of failed operations above which a step fails, whatever its latency. */
  readonly maxErrorRate: number
  /** The most operations per second all clients together may send (--max-rate); Infinity when unbounded. */
  readonly maxRate: number
}

/** The load generator's own state during a step: when it is the bottleneck, the server was not measured. */
export interface GeneratorLoad {
  /**
   * CPU time of this process per wall-clock second, every thread counted (V8's garbage collector
   * and libuv's pool too): shown, not judged, since those threads may keep other cores busy while
   * the JavaScript thread that sends the load idles.
   */
  readonly cpu: number
  /**
   * Share of wall-clock time the event loop was busy (Node's event loop utilization): the load is
   * sent from this one JavaScript thread, so near 1 it could not have sent faster.
   */
  readonly eventLoopUtilization: number
  readonly eventLoopDelayP99Ms: number
}

export interface StepResult extends StepMeasurement {
  readonly concurrency: number
  readonly passed: boolean
  /** "ok", or why the step failed: "p99 61.2 ms > 50 ms", "errors 3.1% > 1%". */
  readonly verdict: string
  /** What failed the step, or null when it passed. */
  readonly failedOn: 'latency' | 'errors' | null
  /** Throughput held within STEADY_VARIATION between one-second windows. */
  readonly steady: boolean
  /** The rate cap (--max-rate) held the step back: see rateCapHeld. */
  readonly capped: boolean
  readonly generator: GeneratorLoad & {readonly bound: boolean}
  /** Set when the step missed the target once and was measured again: the first verdict. */
  readonly repeatedAfter?: string
}

/** Why the sweep stopped rising. */
export type StopReason =
  | 'latency' // a step missed the p99 target
  | 'errors' // a step failed too many operations
  | 'saturated' // two doublings of clients added almost no throughput
  | 'max-clients' // every level up to --max-clients passed
  | 'max-rate' // the rate cap held the last step back (rateCapHeld)
  | 'generator' // the load generator's event loop was busy all the time: it, not the server, was the limit
  | 'interrupted'

export interface Capacity {
  /** Highest throughput of a step that met the target, operations per second. */
  readonly rate: number
  readonly concurrency: number
  readonly p99Ms: number
  /** True when the server was never pushed past the target: the real capacity is at least `rate`. */
  readonly lowerBound: boolean
  readonly stoppedBecause: StopReason
}

/** A step is steady when its one-second windows vary less than this (coefficient of variation). */
export const STEADY_VARIATION = 0.2
/** Doubling the clients must add at least this share of throughput, or the server is saturated. */
export const SATURATION_GAIN = 0.05
/** Busy above this share of the time, the generator is the bottleneck and latencies include its queueing. */
export const GENERATOR_BUSY_LIMIT = 0.9
/** The rate cap held a step back when its clients spent at least this share of their time waiting on it... */
export const CAP_WAIT_SHARE = 0.1
/** ...or when the step's throughput came within 10% of the cap. */
export const CAP_REACHED = 0.9

/**
 * Whether --max-rate, rather than the server, bounded a step: then rising further measures the cap
 * again, and the sweep stops. A closed-loop client that waits on the cap sends nothing meanwhile,
 * so a share w of its time spent waiting costs the step about a share w of its throughput: at a
 * tenth, the cap, not the server, is what the step shows, as it is when throughput reaches 90% of
 * the cap (a target whose pacer cannot report every wait is still caught there). A client that
 * waits once when the others happen to send together (a burst, or all of them starting at once)
 * costs the step nothing measurable, so a wait alone proves nothing.
 */
export function rateCapHeld(measurement: StepMeasurement, maxRate: number): boolean {
  return measurement.rateCapWaitShare >= CAP_WAIT_SHARE || measurement.throughput >= CAP_REACHED * maxRate
}

export function judgeStep(
  concurrency: number,
  measurement: StepMeasurement,
  generator: GeneratorLoad,
  limits: StepLimits,
): StepResult {
  const {p99Ms} = measurement.latency
  let verdict = 'ok'
  let failedOn: StepResult['failedOn'] = null
  if (measurement.operations === 0) {
    verdict = measurement.errors > 0 ? 'every operation failed' : 'no operation completed'
    failedOn = measurement.errors > 0 ? 'errors' : 'latency'
  } else if (measurement.errorRate > limits.maxErrorRate) {
    verdict = `errors ${percent(measurement.errorRate)} > ${percent(limits.maxErrorRate)}`
    failedOn = 'errors'
  } else if (p99Ms > limits.p99TargetMs) {
    verdict = `p99 ${ms(p99Ms)} > ${ms(limits.p99TargetMs)}`
    // Say so when only the correction for coordinated omission fails the step: stalls did it.
    if (measurement.latency.rawP99Ms <= limits.p99TargetMs)
      verdict += ` (${ms(measurement.latency.rawP99Ms)} before correcting for stalls)`
    failedOn = 'latency'
  }

  return {
    ...measurement,
    concurrency,
    passed: failedOn === null,
    verdict,
    failedOn,
    steady: measurement.throughputVariation <= STEADY_VARIATION,
    capped: rateCapHeld(measurement, limits.maxRate),
    generator: {...generator, bound: generator.eventLoopUtilization >= GENERATOR_BUSY_LIMIT},
  }
}

/** After each step: rise to the next level, or stop and say why. */
export function stopReason(steps: readonly StepResult[], isLastLevel: boolean): StopReason | null {
  const last = steps.at(-1)
  if (!last) return null
  if (last.failedOn) return last.failedOn
  if (last.capped) return 'max-rate'
  if (last.generator.bound) return 'generator'
  if (steps.length >= 3) {
    const [a, b, c] = steps.slice(-3).map((s) => s.throughput) as [number, number, number]
    if (b < a * (1 + SATURATION_GAIN) && c < b * (1 + SATURATION_GAIN)) return 'saturated'
  }

  return isLastLevel ? 'max-clients' : null
}

/** The capacity a finished sweep shows: the best step that met the target, or null if none did. */
export function capacityOf(steps: readonly StepResult[], stoppedBecause: StopReason): Capacity | null {
  const passing = steps.filter((s) => s.passed)
  if (passing.length === 0) return null
  const best = passing.reduce((a, b) => (b.throughput > a.throughput ? b : a))
  // Only a step that failed the target, or a plateau, shows where the server's limit is.
  const lowerBound = !['latency', 'errors', 'saturated'].includes(stoppedBecause)
  return {rate: best.throughput, concurrency: best.concurrency, p99Ms: best.latency.p99Ms, lowerBound, stoppedBecause}
}

/** Concurrency levels: doubling from 1 up to `max`, which is always the last level. */
export function concurrencyLevels(max: number): number[] {
  const levels: number[] = []
  for (let level = 1; level < max; level *= 2) levels.push(level)
  levels.push(max)
  return levels
}

const percent = (ratio: number) => `${(ratio * 100).toFixed(ratio < 0.1 ? 1 : 0)}%`
const ms = (value: number) => `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`
