/** The path of the app's script. */
export const QUEUE_APP: string

export interface QueueApp {
  readonly url: string
  /** Requests per second the app completes at most: workers x 1000 / serviceMs. */
  readonly capacity: number
  /** Requests the app has taken so far. */
  served(): Promise<number>
  stop(): Promise<void>
}

/** Starts the app on a free loopback port: `workers` workers, each serving one request at a time for `serviceMs`. */
export function startQueueApp(options: {workers: number; serviceMs: number; bodyBytes?: number}): Promise<QueueApp>
