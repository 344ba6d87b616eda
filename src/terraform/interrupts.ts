import type {ChildProcess} from 'node:child_process'

/**
 * Ctrl-C handling for runs of Terraform. The first interrupt is forwarded once to every running
 * Terraform, which then stops cleanly after the resource in progress, and no new stack starts.
 * A second interrupt stops waiting: scaleplan exits 130 at once, leaving Terraform to finish.
 */
export class Interrupts {
  private readonly running = new Set<ChildProcess>()
  private count = 0
  private readonly listener = () => this.onSigint()

  constructor(
    private readonly onGiveUp: () => void,
    private readonly notify: (message: string) => void,
  ) {}

  get interrupted(): boolean {
    return this.count > 0
  }

  install(): void {
    process.on('SIGINT', this.listener)
  }

  uninstall(): void {
    process.off('SIGINT', this.listener)
  }

  /** Registers a running Terraform; returns the function that unregisters it. */
  readonly track = (child: ChildProcess): (() => void) => {
    this.running.add(child)
    return () => this.running.delete(child)
  }

  private onSigint(): void {
    this.count++
    if (this.count === 1) {
      this.notify(
        `interrupt: asked ${this.running.size} running terraform process(es) to stop cleanly; no new stack starts. ` +
          'Press Ctrl-C again to stop waiting.',
      )
      for (const child of this.running) {
        // The child leads its own process group (spawned detached); signal the group so that
        // Terraform's provider plugins hear it exactly as they would from a terminal.
        if (child.pid === undefined) continue
        try {
          process.kill(-child.pid, 'SIGINT')
        } catch {
          // The process ended between its last output and this interrupt: nothing to stop.
        }
      }

      return
    }

    this.notify('second interrupt: no longer waiting for terraform; state may be locked or partly written')
    this.onGiveUp()
  }
}
