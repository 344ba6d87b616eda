/** Runs a command class in this process, capturing its output and the exit code it sets. */
import {captureOutput} from '@oclif/test'

const ROOT = new URL('../..', import.meta.url).pathname

export interface Run<T> {
  readonly stdout: string
  readonly stderr: string
  readonly exitCode: number
  readonly result?: T
  readonly error?: Error
}

/** A command class: oclif's static `run(argv, root)`. */
export interface Runnable {
  run(argv: string[], root: string): Promise<unknown>
}

export async function runInProcess<T>(command: Runnable, argv: string[]): Promise<Run<T>> {
  process.exitCode = undefined
  const {stdout, stderr: raw, result, error} = await captureOutput<T>(() => command.run(argv, ROOT))
  // Node prints its experimental-modules warning once per process, into whichever test is first.
  const stderr = raw.replaceAll(/^\(node:\d+\) ExperimentalWarning.*\n(\(Use `node --trace-warnings.*\n)?/gm, '')
  // A thrown error exits the way oclif's handler would, by its own code; otherwise what the command set.
  const thrown = error ? ((error as {oclif?: {exit?: number}}).oclif?.exit ?? 1) : undefined
  const exitCode = Number(thrown ?? process.exitCode ?? 0)
  process.exitCode = undefined
  return {stdout, stderr, exitCode, ...(result === undefined ? {} : {result}), ...(error ? {error} : {})}
}
