/**
 * What the sweep needs from a server under test: run N closed-loop clients for a while and
 * report every outcome. One implementation per kind of server (PostgreSQL, HTTP, Redis/Valkey).
 */

/** Where a target reports each operation's outcome. */
export interface OutcomeSink {
  /** An operation that completed after `latencyMs`; `bytes` is the response size where known. */
  success(latencyMs: number, bytes?: number): void
  /** An operation that failed without stopping the run (a timeout, a 5xx, a deadlock). */
  error(message: string): void
  /**
   * A client held back by the rate cap (--max-rate) from `fromMs` to `untilMs`, on the
   * performance.now() clock: the time it would have spent sending had there been no cap.
   */
  heldByCap(fromMs: number, untilMs: number): void
}

export interface StepRun {
  /** Closed-loop clients: each sends its next operation when the previous one has completed. */
  readonly concurrency: number
  /** performance.now() at which every client stops sending. */
  readonly until: number
  /** The most operations per second all clients together may send. */
  readonly maxRate: number
  readonly sink: OutcomeSink
  /** Aborted on Ctrl-C: clients stop at once, in-flight operations are abandoned. */
  readonly signal: AbortSignal
}

export interface LoadTarget {
  /** One line for people: what one operation of this workload is. */
  readonly description: string
  /** Gets ready for a step of `concurrency` clients (opens connections) before its clock starts. */
  prepare?(concurrency: number): Promise<void>
  /** Runs one step; resolves once every client has stopped. A failure that makes the run meaningless rejects. */
  runStep(run: StepRun): Promise<void>
}
