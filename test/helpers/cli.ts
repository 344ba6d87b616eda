import {spawnSync} from 'node:child_process'
import {fileURLToPath} from 'node:url'

export const ROOT = fileURLToPath(new URL('../..', import.meta.url))
export const BIN = `${ROOT}bin/run.js`

export interface CliResult {
  readonly status: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Runs the built CLI as a user would: a separate process, no TTY, a clean SCALEPLAN_* environment. */
export function runCli(
  args: string[],
  options: {env?: Record<string, string>; cwd?: string; nodeOptions?: string[]} = {},
): CliResult {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('SCALEPLAN_')))
  delete env.NODE_OPTIONS
  const result = spawnSync(process.execPath, [...(options.nodeOptions ?? []), BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: {...env, ...options.env},
    encoding: 'utf8',
    timeout: 60_000,
  })
  return {status: result.status, stdout: result.stdout, stderr: result.stderr}
}
