/** Starts test/e2e/calibrate/fixtures/queue-app.mjs: an HTTP app whose capacity is known by construction. */
import {spawn} from 'node:child_process'
import {fileURLToPath} from 'node:url'

export const QUEUE_APP = fileURLToPath(new URL('../fixtures/queue-app.mjs', import.meta.url))

export interface QueueApp {
  readonly url: string
  /** Requests per second the app completes at most: workers x 1000 / serviceMs. */
  readonly capacity: number
  /** Requests the app has taken so far. */
  served(): Promise<number>
  stop(): Promise<void>
}

export async function startQueueApp({
  workers,
  serviceMs,
  bodyBytes = 1000,
}: {
  workers: number
  serviceMs: number
  bodyBytes?: number
}): Promise<QueueApp> {
  const child = spawn(
    process.execPath,
    [QUEUE_APP, '--workers', String(workers), '--service-ms', String(serviceMs), '--body-bytes', String(bodyBytes)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: {...process.env, NODE_OPTIONS: ''},
    },
  )
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`queue app exited with ${code}`)))
    child.stdout!.once('data', (chunk: Buffer) => resolve(Number(/listening (\d+)/.exec(chunk.toString())?.[1])))
  })
  return {
    url: `http://127.0.0.1:${port}`,
    capacity: (workers * 1000) / serviceMs,
    served: async () => Number(await (await fetch(`http://127.0.0.1:${port}/__count`)).text()),
    stop: async () => {
      if (child.exitCode !== null) return
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
    },
  }
}
