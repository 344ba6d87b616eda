/**
 * Latency percentiles from HdrHistogram (hdr-histogram-js), the structure load tools use because
 * it keeps every percentile to 3 significant digits in fixed memory, however many samples arrive.
 */
import hdr from 'hdr-histogram-js'

/** 1 µs to 10 minutes: anything slower than that has long been an error or a timeout. */
const LOWEST_MICROS = 1
const HIGHEST_MICROS = 600_000_000

export interface LatencySummary {
  /** Percentiles in milliseconds, corrected for coordinated omission (see `summarise`). */
  readonly p50Ms: number
  readonly p95Ms: number
  readonly p99Ms: number
  readonly maxMs: number
  /** p99 exactly as measured, before the correction. */
  readonly rawP99Ms: number
  /** The expected interval the correction used: the median as measured, in milliseconds. */
  readonly correctionIntervalMs: number
  readonly samples: number
}

export class LatencyHistogram {
  private readonly histogram = hdr.build({
    lowestDiscernibleValue: LOWEST_MICROS,
    highestTrackableValue: HIGHEST_MICROS,
    numberOfSignificantValueDigits: 3,
  })

  /** Records one completed operation; values past the range are clamped, not dropped. */
  record(latencyMs: number): void {
    const micros = Math.min(HIGHEST_MICROS, Math.max(LOWEST_MICROS, Math.round(latencyMs * 1000)))
    this.histogram.recordValue(micros)
  }

  get count(): number {
    return this.histogram.totalCount
  }

  /**
   * Percentiles corrected for coordinated omission. Closed-loop clients (each waits for its
   * answer before asking again) send nothing while the server stalls, so a 1 s stall is recorded
   * once instead of once per request that would have arrived meanwhile, and the percentiles look
   * better than what users see. HdrHistogram's correction adds those missing samples back, given
   * the interval at which a client would have sent: here the median latency of the step, which is
   * exactly each client's undisturbed cycle in a closed loop. Without stalls it changes almost
   * nothing; with them, p99 shows them.
   */
  summarise(): LatencySummary {
    const samples = this.histogram.totalCount
    if (samples === 0) {
      return {p50Ms: 0, p95Ms: 0, p99Ms: 0, maxMs: 0, rawP99Ms: 0, correctionIntervalMs: 0, samples: 0}
    }

    const interval = Math.max(LOWEST_MICROS, this.histogram.getValueAtPercentile(50))
    const corrected = this.histogram.copyCorrectedForCoordinatedOmission(interval)
    const ms = (micros: number) => micros / 1000
    const summary = {
      p50Ms: ms(corrected.getValueAtPercentile(50)),
      p95Ms: ms(corrected.getValueAtPercentile(95)),
      p99Ms: ms(corrected.getValueAtPercentile(99)),
      maxMs: ms(corrected.maxValue),
      rawP99Ms: ms(this.histogram.getValueAtPercentile(99)),
      correctionIntervalMs: ms(interval),
      samples,
    }
    corrected.destroy()
    return summary
  }

  destroy(): void {
    this.histogram.destroy()
  }
}
