import {setTimeout as sleep} from 'node:timers/promises'

import type {OutcomeSink} from './load-target.js'

/** Credit a client that was idle may spend at once: small, so the cap never lets a burst through. */
const BURST_MS = 10

/** The pacer's clock: performance.now and a timer in production, a simulated one in tests. */
export interface PacerClock {
  now(): number
  /** Resolves after about `ms` (a timer fires late, never early), or at once when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>
}

const REAL_CLOCK: PacerClock = {
  now: () => performance.now(),
  sleep: (ms, signal) => sleep(ms, undefined, {signal}).catch(() => undefined),
}

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
    private readonly clock: PacerClock = REAL_CLOCK,
  ) {
    this.next = clock.now()
  }

  /** Resolves when one more operation may be sent; undefined (no wait at all) below the cap. */
  take(signal: AbortSignal): Promise<void> | undefined {
    const now = this.clock.now()
    const slot = Math.max(this.next, now - BURST_MS)
    this.next = slot + 1000 / this.rate
    const wait = slot - now
    if (wait <= 0) return undefined
    // What the client actually lost, not what it asked for: a timer cannot fire sooner than about
    // a millisecond, so at high rates a wait of microseconds costs the client a whole millisecond.
    return this.clock.sleep(wait, signal).then(() => this.sink.heldByCap(now, this.clock.now()))
  }
}
