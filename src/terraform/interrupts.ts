import {KILL_AFTER_MS, type RunningProcess} from './process.js'

/** The signals that stop a run: Ctrl-C, CI cancellation and `timeout` (SIGTERM), a closed terminal. */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const
export type StopSignal = (typeof STOP_SIGNALS)[number]

/**
 * Signal handling for runs of Terraform. SIGINT (Ctrl-C), SIGTERM (a cancelled CI job, `timeout`,
 * `docker stop`) and SIGHUP (a closed terminal) are handled alike:
 *
 * - The first is forwarded once, as SIGINT, to every running Terraform, which then stops after the
 *   resources in progress and writes its state; no new stack starts. scaleplan waits for them and
 *   reports per stack what applied, what failed and what never started, then exits 128 + the
 *   signal's number (130, 143 or 129).
 * - The second stops waiting: each Terraform gets its second interrupt (Terraform's "exit now"),
 *   any still running a few seconds later is killed, and scaleplan exits. State may then be
 *   locked or missing what was in progress, and the message says so.
 *
 * Terraform runs in its own process group (process.ts), so a terminal's Ctrl-C reaches scaleplan
 * alone and Terraform hears exactly one interrupt per signal scaleplan receives.
 */
export class Interrupts {
  private readonly running = new Set<RunningProcess>()
  private first?: StopSignal
  private count = 0
  private givingUp = false
  private gaveUp = false
  private readonly listeners = new Map<StopSignal, () => void>(
    STOP_SIGNALS.map((signal) => [signal, () => this.onSignal(signal)]),
  )

  constructor(
    /** Ends the process after the second signal, with the first signal's exit code. */
    private readonly onGiveUp: (signal: StopSignal) => void,
    private readonly notify: (message: string) => void,
    private readonly killAfterMs = KILL_AFTER_MS,
  ) {}

  get interrupted(): boolean {
    return this.count > 0
  }

  /** The first signal received, which decides the exit code. */
  get signal(): StopSignal | undefined {
    return this.first
  }

  install(): void {
    for (const [signal, listener] of this.listeners) process.on(signal, listener)
  }

  uninstall(): void {
    for (const [signal, listener] of this.listeners) process.off(signal, listener)
  }

  /** Registers a running Terraform; returns the function that unregisters it. */
  readonly track = (child: RunningProcess): (() => void) => {
    this.running.add(child)
    return () => {
      this.running.delete(child)
      if (this.givingUp && this.running.size === 0) this.giveUp()
    }
  }

  /** Handles one signal as if the process had received it (the listeners call this). */
  onSignal(signal: StopSignal): void {
    this.count++
    this.first ??= signal
    if (this.count === 1) {
      const again = signal === 'SIGINT' ? 'Press Ctrl-C again' : `Send ${signal} again`
      this.notify(
        `${signal}: asked ${this.running.size} running terraform process(es) to stop cleanly and write their state; ` +
          `no new stack starts. ${again} to stop waiting.`,
      )
      for (const child of this.running) child.interrupt()
      return
    }

    if (this.count === 2) {
      this.notify(
        `second ${signal}: telling terraform to stop at once; state may be locked, or miss what was in progress`,
      )
      this.givingUp = true
      for (const child of this.running) child.interrupt()
      if (this.running.size === 0) return this.giveUp()
      setTimeout(() => this.giveUp(), this.killAfterMs).unref()
      return
    }

    this.giveUp()
  }

  private giveUp(): void {
    if (this.gaveUp) return
    this.gaveUp = true
    for (const child of this.running) child.kill()
    this.onGiveUp(this.first!)
  }
}
