import {setTimeout as sleep} from 'node:timers/promises'

import type {OutcomeSink} from './load-target.js'

/** Credit a client that was idle may spend at once: small, so the cap never lets a burst through. */
const BURST_MS = 10

/**
 * A shared cap on operations per second for closed-loop clients: each asks before sending and
 * waits only when the clients together are ahead of `rate`. Below the cap it costs a comparison,
 * so it does not disturb what it bounds. Every wait goes to the sink, which judges from their
 * total whether the cap held the step back (one wait in a burst does not).
 */
export class RateCap {
  private next: number

  constructor(
    private readonly rate: number,
    private readonly sink: Pick<OutcomeSink, 'heldByCap'>,
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
    this.sink.heldByCap(now, slot)
    return sleep(wait, undefined, {signal}).catch(() => undefined)
  }
}
