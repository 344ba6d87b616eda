import {setTimeout as sleep} from 'node:timers/promises'

/** Credit a client that was idle may spend at once: small, so the cap never lets a burst through. */
const BURST_MS = 10

/**
 * A shared cap on operations per second for closed-loop clients: each asks before sending and
 * waits only when the clients together are ahead of `rate`. Below the cap it costs a comparison,
 * so it does not disturb what it bounds.
 */
export class RateCap {
  private next: number
  /** Set once any client had to wait. */
  capped = false

  constructor(
    private readonly rate: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.next = now()
  }

  /** Resolves when one more operation may be sent; undefined (no wait at all) below the cap. */
  take(signal: AbortSignal): Promise<void> | undefined {
    const now = this.now()
    const slot = Math.max(this.next, now - BURST_MS)
    this.next = slot + 1000 / this.rate
    const wait = slot - now
    if (wait <= 0) return undefined
    this.capped = true
    return sleep(wait, undefined, {signal}).catch(() => undefined)
  }
}
