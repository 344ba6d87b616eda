/* global fetch */
// Starts test/e2e/calibrate/fixtures/queue-app.mjs: an HTTP app whose capacity is known by
// construction. Plain JavaScript, so that the suites and bench/calibrate.mjs share it.
import {spawn} from 'node:child_process'
import {fileURLToPath} from 'node:url'

export const QUEUE_APP = fileURLToPath(new URL('../fixtures/queue-app.mjs', import.meta.url))

/** @param {{workers: number, serviceMs: number, bodyBytes?: number}} options */
export async function startQueueApp({workers, serviceMs, bodyBytes = 1000}) {
  const child = spawn(
    process.execPath,
    [QUEUE_APP, '--workers', String(workers), '--service-ms', String(serviceMs), '--body-bytes', String(bodyBytes)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: {...process.env, NODE_OPTIONS: ''},
    },
  )
  const port = await new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`queue app exited with ${code}`)))
    child.stdout.once('data', (chunk) => resolve(Number(/listening (\d+)/.exec(chunk.toString())?.[1])))
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
