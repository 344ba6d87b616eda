import {spawn, type ChildProcess} from 'node:child_process'
import {createWriteStream} from 'node:fs'
import {createInterface} from 'node:readline'

import {parseUiLine, type Diagnostic, type UiMessage} from './messages.js'

export interface RunOptions {
  /** Appended to: the command, every line of stdout as received, then stderr, then the exit code. */
  readonly logFile: string
  /** False for commands whose stdout is one document that may hold secrets (`show`, `output`). */
  readonly logStdout?: boolean
  /** Called for each machine-readable message when the command runs with -json. */
  readonly onMessage?: (message: UiMessage) => void
  /** Registered while the process runs, so an interrupt can reach it. */
  readonly track?: (child: ChildProcess) => () => void
  readonly env?: NodeJS.ProcessEnv
}

export interface RunResult {
  readonly exitCode: number
  /** Set when the process ended by a signal. */
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
  readonly diagnostics: readonly Diagnostic[]
}

/**
 * Runs the binary in its own process group: a Ctrl-C at the terminal then reaches scaleplan
 * alone, which forwards exactly one interrupt to each running Terraform (see interrupts.ts).
 * Terraform treats a second interrupt as "stop now", which could leave state half-written.
 */
export function runProcess(bin: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const log = createWriteStream(options.logFile, {flags: 'a'})
    log.write(`$ ${[bin.split('/').at(-1), ...args].join(' ')}\n`)
    const child = spawn(bin, args, {detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: options.env ?? process.env})
    const untrack = options.track?.(child)
    const stdout: string[] = []
    const stderr: string[] = []
    const diagnostics: Diagnostic[] = []
    let parseError: unknown

    createInterface({input: child.stdout!}).on('line', (line) => {
      stdout.push(line)
      if (options.logStdout !== false) log.write(`${line}\n`)
      try {
        const message = parseUiLine(line)
        if (!message) return
        if (message.type === 'diagnostic') diagnostics.push(message.diagnostic)
        options.onMessage?.(message)
      } catch (error) {
        parseError ??= error
      }
    })
    // stderr goes to the log after stdout, when the call ends: Terraform ends a failure with its
    // error block on stderr, and a reader of the log should meet it after the output it follows,
    // not above it (the two pipes arrive in no reliable order).
    createInterface({input: child.stderr!}).on('line', (line) => {
      stderr.push(line)
    })

    child.on('error', (error) => {
      untrack?.()
      log.end()
      reject(error)
    })
    child.on('close', (code, signal) => {
      untrack?.()
      for (const line of stderr) log.write(`${line}\n`)
      log.write(`# exit ${code ?? signal}\n\n`)
      log.end(() => {
        if (parseError) reject(parseError)
        else resolve({exitCode: code ?? 1, signal, stdout: stdout.join('\n'), stderr: stderr.join('\n'), diagnostics})
      })
    })
  })
}
