/**
 * A scratch directory where the built CLI meets the stand-in terraform (test/fixtures/terraform),
 * with the stand-in's record of every call it received and every process it started.
 */
import {spawn, type ChildProcessWithoutNullStreams} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {BIN, ROOT, runCli} from './cli.js'

export const STAND_IN_DIR = join(ROOT, 'test/fixtures/terraform')
// Not /usr/local/bin: some machines carry a real terraform there, and these tests must meet the stand-in.
export const SYSTEM_PATH = '/usr/bin:/bin'

export interface Call {
  readonly argv: string[]
  readonly cwd: string
  readonly pid: number
  readonly start: number
  readonly end: number
  readonly exit: number
  readonly signals: string[]
}

const readJsonLines = <T>(file: string): T[] =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as T)
    : []

export function terraformWorkspace(prefix = 'scaleplan-tf-') {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  const calls = join(dir, 'calls.jsonl')
  const starts = join(dir, 'starts.jsonl')
  const env = (extra: Record<string, string> = {}) => ({
    PATH: `${STAND_IN_DIR}:${SYSTEM_PATH}`,
    FAKE_TF_CALLS: calls,
    FAKE_TF_STARTS: starts,
    ...extra,
  })
  const run = (args: string[], extra: Record<string, string> = {}) => runCli(args, {cwd: dir, env: env(extra)})
  const subcommand = (argv: readonly string[]) => argv.find((a) => !a.startsWith('-'))
  return {
    dir,
    env,
    run,
    /** Every call that finished, in the order they ended. */
    calls: () => readJsonLines<Call>(calls),
    callsOf: (command: string) => readJsonLines<Call>(calls).filter((c) => subcommand(c.argv) === command),
    /** Every call that started, finished or not. */
    starts: () => readJsonLines<{pid: number; argv: string[]; cwd: string}>(starts),
    /** Starts the CLI in the background, to signal it mid-run. */
    spawn: (args: string[], extra: Record<string, string> = {}): ChildProcessWithoutNullStreams => {
      const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('SCALEPLAN_')))
      return spawn(process.execPath, [BIN, ...args], {cwd: dir, env: {...base, ...env(extra), NODE_OPTIONS: ''}})
    },
  }
}

/** Collects a background CLI's output, resolves `until` once it matches, and `exit` with how it ended. */
export function watch(child: ChildProcessWithoutNullStreams) {
  let stdout = ''
  let stderr = ''
  const exited = new Promise<{code: number | null; signal: NodeJS.Signals | null}>((resolve) =>
    child.on('exit', (code, signal) => resolve({code, signal})),
  )
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  return {
    pid: child.pid!,
    output: () => ({stdout, stderr}),
    exited,
    /** Resolves when stdout or stderr matches; rejects if the process exits first. */
    until: (pattern: RegExp) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (pattern.test(stdout) || pattern.test(stderr)) resolve()
        }

        child.stdout.on('data', check)
        child.stderr.on('data', check)
        void exited.then(() => reject(new Error(`exited before ${pattern}: ${stdout}\n${stderr}`)))
        check()
      }),
  }
}

/** True while a process with this pid exists. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
