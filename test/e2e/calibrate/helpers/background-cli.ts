/** The built CLI running a calibration in the background, as a shell runs it, to be interrupted mid-load. */
import {spawn} from 'node:child_process'

import {BIN} from '../../../helpers/cli.js'

export interface BackgroundCli {
  readonly stdout: string
  readonly stderr: string
  /** Resolves once the first step has started (its table header is out); fails after `timeoutMs`. */
  loadStarted(timeoutMs: number): Promise<void>
  /** Sends `signal`; resolves with the exit code and how long the CLI took to exit after it. */
  stop(signal: NodeJS.Signals): Promise<{code: number | null; ms: number}>
}

export function startCli(args: readonly string[]): BackgroundCli {
  const child = spawn(process.execPath, [BIN, ...args], {env: {...process.env, NODE_OPTIONS: ''}})
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return {
    get stdout() {
      return stdout
    },
    get stderr() {
      return stderr
    },
    async loadStarted(timeoutMs) {
      const deadline = Date.now() + timeoutMs
      while (!/ops\/s/.test(stdout)) {
        if (Date.now() > deadline || child.exitCode !== null)
          throw new Error(`no step started within ${timeoutMs / 1000} s; stderr:\n${stderr}`)
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
    },
    async stop(signal) {
      const sentAt = Date.now()
      child.kill(signal)
      const code = await exited
      return {code, ms: Date.now() - sentAt}
    },
  }
}
