/**
 * HTTP load through autocannon: `concurrency` keep-alive connections, each sending its next GET
 * as soon as the previous answer arrived (autocannon's closed loop), cycling through the paths.
 */
import autocannon from 'autocannon'

import type {LoadTarget, StepRun} from '../load-target.js'
import {redactSecrets} from '../redact.js'
import {TargetError} from '../target-error.js'

export interface HttpTargetOptions {
  /** Origin only (scheme, host, port): paths come from `paths`. */
  readonly origin: string
  readonly paths: readonly string[]
  /** Sent with every request (an API key for staging, a Host header); never printed. */
  readonly headers: Readonly<Record<string, string>>
  /** Seconds before a request counts as timed out. */
  readonly timeoutSeconds: number
  /** What a failure's message must not show: the URL's password, the header values. */
  readonly secrets: readonly string[]
}

export class HttpTarget implements LoadTarget {
  readonly description: string

  constructor(private readonly options: HttpTargetOptions) {
    this.description = `GET ${options.paths.join(', ')} in turn`
  }

  /** One step; a failure of the load itself (not of a request) rejects with a TargetError. */
  async runStep(run: StepRun): Promise<void> {
    try {
      return await this.load(run)
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      throw new TargetError(`the load failed: ${redactSecrets(message, this.options.secrets)}`)
    }
  }

  private load({concurrency, until, maxRate, sink, signal}: StepRun): Promise<void> {
    const seconds = Math.max(0.1, (until - performance.now()) / 1000)
    return new Promise((resolve, reject) => {
      // Connections paused on their quota, and since when (see the 'response' handler).
      const paused = new Map<object, number>()
      const instance = autocannon(
        {
          url: this.options.origin,
          connections: concurrency,
          pipelining: 1,
          // One spare second: the step ends on our own timer, so that it ends where the recorder's window does.
          duration: seconds + 1,
          timeout: this.options.timeoutSeconds,
          headers: {...this.options.headers},
          requests: this.options.paths.map((path) => ({method: 'GET', path})),
          // autocannon spreads --max-rate over the connections, second by second. Its own
          // coordinated-omission correction assumes an interval in the wrong unit, so it is off:
          // the step's latencies go through our histogram and its correction instead.
          ...(Number.isFinite(maxRate) ? {overallRate: maxRate, ignoreCoordinatedOmission: true} : {}),
        },
        (error) => {
          clearTimeout(timer)
          signal.removeEventListener('abort', stop)
          // A connection still paused when the step ended was held back until then.
          const end = performance.now()
          for (const since of paused.values()) sink.heldByCap(since, end)
          if (error) reject(error)
          else resolve()
        },
      )
      const stop = () => instance.stop()
      const timer = setTimeout(stop, Math.max(0, until - performance.now()))
      signal.addEventListener('abort', stop, {once: true})
      if (signal.aborted) stop()

      instance.on('response', (client, statusCode, bytes, responseTime) => {
        // autocannon gives each connection a quota per second under overallRate. Right after this
        // event the connection asks to send its next request; with the quota spent it pauses
        // instead, until its own one-second timer refills the quota and sends that request. The
        // pause is the connection's wait on --max-rate: from now until its next 'request' event.
        const quota = client as unknown as {rate?: number; reqsMadeThisSecond?: number}
        if (quota.rate && (quota.reqsMadeThisSecond ?? 0) >= quota.rate && !paused.has(client)) {
          paused.set(client, performance.now())
          client.once('request', () => {
            sink.heldByCap(paused.get(client)!, performance.now())
            paused.delete(client)
          })
        }

        if (statusCode >= 200 && statusCode < 300) sink.success(responseTime, bytes)
        else sink.error(`HTTP ${statusCode}`)
      })
      instance.on('reqError', (error: unknown) => {
        sink.error(error instanceof Error ? error.message : String(error))
      })
    })
  }
}
