/**
 * Runs the built CLI in a real pseudo-terminal (test/helpers/pty-driver.py, Python's standard
 * `pty` module) and types into it, or without a terminal at all, as a user or a CI job would.
 */
import {spawnSync} from 'node:child_process'
import {existsSync} from 'node:fs'
import {fileURLToPath} from 'node:url'

import {BIN, ROOT} from './cli.js'

/** SCALEPLAN_CLI points the tests at another build of the CLI (a scratch build while src/ is mid-change). */
export const CLI = process.env.SCALEPLAN_CLI ?? BIN
const DRIVER = fileURLToPath(new URL('pty-driver.py', import.meta.url))

export const KEY = {enter: '\r', down: '\u001B[B', up: '\u001B[A', ctrlC: '\u0003', backspace: '\u007F'} as const

/** Wait for `expect` (a regex source, matched against the output without colours) and then type `send`. */
export interface Step {
  readonly expect: string
  readonly send: string
}

export interface PtyResult {
  readonly exitCode: number
  /** Everything the terminal received, ANSI escapes removed (redraws included). */
  readonly output: string
  /** Everything the terminal received, as received (colour codes and all). */
  readonly raw: string
  /** Set when a step's text never appeared or the program did not exit in time. */
  readonly error: string | null
}

function cleanEnv(): Record<string, string> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key, value]) => value !== undefined && !key.startsWith('SCALEPLAN_')),
  ) as Record<string, string>
  // jest runs with --experimental-vm-modules; the CLI must start as a user starts it.
  delete env.NODE_OPTIONS
  delete env.NO_COLOR
  return {...env, TERM: 'xterm-256color'}
}

export function assertBuilt(): void {
  const core = CLI === BIN ? `${ROOT}dist/bundle/core.cjs` : undefined
  if (core && !existsSync(core)) throw new Error(`${core} is missing: run \`npm run build\` first (\`npm test\` does)`)
}

/** Runs `scaleplan <args>` in a pseudo-terminal, typing each step's keys once its text appears. */
export function runInPty(
  args: readonly string[],
  steps: readonly Step[],
  {
    cwd,
    cli = CLI,
    timeoutSeconds = 30,
    env = {},
    columns = 120,
  }: {cwd: string; cli?: string; timeoutSeconds?: number; env?: Record<string, string>; columns?: number},
): PtyResult {
  const job = {
    argv: [process.execPath, cli, ...args],
    cwd,
    env: {...cleanEnv(), ...env},
    timeout: timeoutSeconds,
    columns,
    steps,
  }
  const result = spawnSync('python3', [DRIVER], {
    input: JSON.stringify(job),
    encoding: 'utf8',
    timeout: (timeoutSeconds + 10) * 1000,
  })
  if (result.status !== 0) throw new Error(`pty driver failed (${result.status}): ${result.stderr}`)
  return JSON.parse(result.stdout) as PtyResult
}

/** Runs `scaleplan <args>` with stdin and stdout as pipes: no terminal. */
export function runPiped(
  args: readonly string[],
  {
    cwd,
    cli = CLI,
    env = {},
    nodeOptions = [],
  }: {cwd: string; cli?: string; env?: Record<string, string>; nodeOptions?: string[]},
): {status: number | null; stdout: string; stderr: string} {
  const result = spawnSync(process.execPath, [...nodeOptions, cli, ...args], {
    cwd,
    env: {...cleanEnv(), ...env},
    encoding: 'utf8',
    input: '',
    timeout: 60_000,
  })
  return {status: result.status, stdout: result.stdout, stderr: result.stderr}
}
