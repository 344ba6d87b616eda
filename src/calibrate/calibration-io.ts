/**
 * What a calibration needs from whoever runs it: a way to talk to the person (notes, warnings,
 * live rows), their consent, and Ctrl-C. The CLI gives terminal and signal adapters; tests give
 * fakes. Under --json the talking parts stay silent.
 */
import type {SweepEvents} from './sweep.js'

export interface CalibrationIO {
  /** A note for the person running it: the plan, what is being created and removed. */
  note(text: string): void
  warn(text: string): void
  /** Live events of one sweep, for rows printed as steps complete. */
  progress(name: string, description: string, p99TargetMs: number): SweepEvents
  /**
   * Consent to send the load, asked after the plan was shown and only without --yes: true sends
   * it. An adapter that cannot ask (no terminal) throws its own error instead.
   */
  confirm(): Promise<boolean>
  /**
   * Runs `work` with interruption wired to its signal: the first Ctrl-C (or SIGTERM) aborts it,
   * and `work` cleans up before it returns. `leftovers` says what quitting at once, before that
   * cleanup, would leave behind (null: nothing).
   */
  interruptible<T>(work: (signal: AbortSignal) => Promise<T>, leftovers: () => string | null): Promise<T>
}
