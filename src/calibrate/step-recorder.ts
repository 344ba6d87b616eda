import {LatencyHistogram, type LatencySummary} from './latency-histogram.js'

/** One step's numbers, measured over its steady-state window only. */
export interface StepMeasurement {
  /** Completed operations per second over the measurement window (errors not counted). */
  readonly throughput: number
  readonly latency: LatencySummary
  readonly operations: number
  readonly errors: number
  /** errors / (operations + errors). */
  readonly errorRate: number
  /** Throughput of each one-second window, to judge whether the step was steady. */
  readonly windowThroughput: readonly number[]
  /** Coefficient of variation of `windowThroughput` (standard deviation / mean). */
  readonly throughputVariation: number
  /** Mean bytes per response, where the target reports them (HTTP). */
  readonly meanBytes: number | null
  /** The first few distinct error messages, for the report. */
  readonly errorSamples: readonly string[]
  readonly measuredSeconds: number
  /**
   * Share of the clients' time in the measurement window spent waiting on the rate cap
   * (--max-rate): 0 when it never held one back, 1 when it held every client all the time.
   */
  readonly rateCapWaitShare: number
}

const WINDOW_MS = 1000
const MAX_ERROR_SAMPLES = 3

/**
 * Collects outcomes during one step. Operations that complete before `measureFrom` belong to the
 * settling period (connections opening, queues filling) and are not counted; the rest is cut
 * into one-second windows.
 */
export class StepRecorder {
  private readonly histogram = new LatencyHistogram()
  private readonly windows: number[] = []
  private errorCount = 0
  private bytes = 0
  private byteSamples = 0
  private readonly errorMessages = new Set<string>()
  private heldMs = 0

  /**
   * `clients` is the step's concurrency, the clients whose time the rate cap's waits are a share
   * of; `now()` is a monotonic clock in milliseconds (performance.now in production).
   */
  constructor(
    readonly clients: number,
    readonly measureFrom: number,
    readonly measureUntil: number,
    private readonly now: () => number,
  ) {}

  /** True while the clock is inside the measurement window. */
  private inWindow(at: number): boolean {
    return at >= this.measureFrom && at < this.measureUntil
  }

  /** One operation that completed now, after `latencyMs`. */
  success(latencyMs: number, bytes?: number): void {
    const at = this.now()
    if (!this.inWindow(at)) return
    this.histogram.record(latencyMs)
    const index = Math.floor((at - this.measureFrom) / WINDOW_MS)
    this.windows[index] = (this.windows[index] ?? 0) + 1
    if (bytes !== undefined) {
      this.bytes += bytes
      this.byteSamples++
    }
  }

  error(message: string): void {
    if (!this.inWindow(this.now())) return
    this.errorCount++
    if (this.errorMessages.size < MAX_ERROR_SAMPLES) this.errorMessages.add(message)
  }

  heldByCap(fromMs: number, untilMs: number): void {
    // Only the part inside the window: a wait in the settling period held back nothing measured.
    const held = Math.min(untilMs, this.measureUntil) - Math.max(fromMs, this.measureFrom)
    if (held > 0) this.heldMs += held
  }

  /** The step's numbers; `endedAt` is when the step actually stopped (earlier than planned if interrupted). */
  finish(endedAt: number): StepMeasurement {
    const until = Math.min(endedAt, this.measureUntil)
    const seconds = Math.max(0, until - this.measureFrom) / 1000
    const operations = this.histogram.count
    const full = Math.floor(seconds)
    // Only whole windows judge steadiness: a last partial window would look like a drop.
    const windowThroughput = Array.from({length: full}, (_, i) => this.windows[i] ?? 0)
    const measurement: StepMeasurement = {
      throughput: seconds > 0 ? operations / seconds : 0,
      latency: this.histogram.summarise(),
      operations,
      errors: this.errorCount,
      errorRate: operations + this.errorCount > 0 ? this.errorCount / (operations + this.errorCount) : 0,
      windowThroughput,
      throughputVariation: variation(windowThroughput),
      meanBytes: this.byteSamples > 0 ? this.bytes / this.byteSamples : null,
      errorSamples: [...this.errorMessages],
      measuredSeconds: seconds,
      // At most 1: a wait planned past an interrupted step's end is counted as if it had run.
      rateCapWaitShare:
        seconds > 0 && this.clients > 0 ? Math.min(1, this.heldMs / (this.clients * seconds * 1000)) : 0,
    }
    this.histogram.destroy()
    return measurement
  }
}

function variation(values: readonly number[]): number {
  if (values.length < 2) return 0
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length
  if (mean === 0) return 0
  const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (values.length - 1)
  return Math.sqrt(variance) / mean
}
