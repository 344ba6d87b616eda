import {spawn, type ChildProcess} from 'node:child_process'
import {createWriteStream} from 'node:fs'

import {parseUiLine, TerraformProtocolError, type Diagnostic, type UiMessage} from './messages.js'

/** A line of the -json stream longer than this is cut in the log and fails the call: no UI message is that long. */
export const MAX_LINE_BYTES = 1024 * 1024
/** A one-document output (`show -json`, `output -json`) larger than this fails the call instead of filling memory. */
export const MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
/** What stays in memory of stderr and of a stream's stdout, for error messages: the end. */
const TAIL_BYTES = 64 * 1024
/** stderr held back to be logged after stdout; past it, logged as it comes. */
const STDERR_HELD = 4 * 1024 * 1024
/** After the second interrupt Terraform exits at once; a process still there this much later is killed. */
export const KILL_AFTER_MS = 5000

export interface RunOptions {
  /**
   * Appended to: the command, every line of stdout as received, then stderr, then the exit code
   * (a line past MAX_LINE_BYTES cut).
   */
  readonly logFile: string
  /**
   * `stream`: stdout is Terraform's -json UI, parsed line by line (`onMessage`) and not kept.
   * `document`: stdout is one document that may hold secrets (`show`, `output`): kept whole, not logged.
   */
  readonly stdout: 'stream' | 'document'
  /** Called for each machine-readable message of a stream. */
  readonly onMessage?: (message: UiMessage) => void
  /** Registered while the process runs, so an interrupt can reach it. */
  readonly track?: (child: RunningProcess) => () => void
  /**
   * Wall time the call may take. Past it, Terraform is interrupted as by Ctrl-C (it stops after
   * the resources in progress and writes its state), given as long again (at most GRACE_MAX_MS)
   * to stop, then told to stop at once, then killed.
   */
  readonly timeoutMs?: number
  /** After the second interrupt of a timeout, how long before the process is killed. Default KILL_AFTER_MS. */
  readonly killAfterMs?: number
  readonly env?: NodeJS.ProcessEnv
}

export interface RunResult {
  readonly exitCode: number
  /** Set when the process ended by a signal. */
  readonly signal: NodeJS.Signals | null
  /** `document`: the whole of stdout. `stream`: its last lines, for error messages. */
  readonly stdout: string
  /** The last lines of stderr. */
  readonly stderr: string
  readonly diagnostics: readonly Diagnostic[]
  /** The call ran past `timeoutMs` and was stopped. */
  readonly timedOut: boolean
  /** What made the output unreadable, when something did (a malformed message, a line too long). */
  readonly protocolError?: TerraformProtocolError
}

/** The longest wait for a timed-out Terraform to stop cleanly before it is told to stop at once. */
export const GRACE_MAX_MS = 5 * 60 * 1000

/** A running Terraform, as interrupts and timeouts see it. */
export interface RunningProcess {
  readonly pid: number | undefined
  /** Sends one SIGINT to the process group: Terraform stops after the resources in progress. */
  interrupt(): void
  /** SIGKILL to the process group: for a process that ignored two interrupts. */
  kill(): void
}

/** Every Terraform still running, so that none outlives scaleplan whatever way it exits. */
const running = new Set<RunningProcess>()
let exitHookInstalled = false

/** The processes running right now (for tests and for the last-resort exit hook). */
export function runningProcesses(): readonly RunningProcess[] {
  return [...running]
}

/**
 * Runs the binary in its own process group: a Ctrl-C at the terminal then reaches scaleplan
 * alone, which forwards exactly one interrupt to each running Terraform (see interrupts.ts).
 * Terraform treats a second interrupt as "stop now", which could leave state half-written.
 *
 * Output is read in bounded pieces: a line is cut at MAX_LINE_BYTES and a document refused past
 * MAX_DOCUMENT_BYTES, so a runaway Terraform (or a provider printing a 100 MB line) costs a few MB.
 */
export function runProcess(bin: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  installExitHook()
  return new Promise((resolve, reject) => {
    const log = createWriteStream(options.logFile, {flags: 'a'})
    // A log that cannot be written (a full disk) must not take the run down with it; the result still counts.
    log.on('error', () => {})
    log.write(`$ ${[bin.split('/').at(-1), ...args].join(' ')}\n`)
    const child = spawn(bin, args, {detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: options.env ?? process.env})
    const handle = processHandle(child)
    running.add(handle)
    const untrack = options.track?.(handle)
    const diagnostics: Diagnostic[] = []
    let protocolError: TerraformProtocolError | undefined
    const fail = (error: TerraformProtocolError) => {
      protocolError ??= error
    }

    const stderr = new Tail(TAIL_BYTES)
    const stdoutTail = new Tail(TAIL_BYTES)
    const document: Buffer[] = []
    let documentBytes = 0

    if (options.stdout === 'document') {
      child.stdout!.on('data', (chunk: Buffer) => {
        documentBytes += chunk.length
        if (documentBytes > MAX_DOCUMENT_BYTES) {
          fail(new TerraformProtocolError(`printed more than ${MAX_DOCUMENT_BYTES / 2 ** 20} MiB on stdout`))
          document.length = 0
          return
        }

        document.push(chunk)
      })
    } else {
      splitLines(child.stdout!, (line, cut) => {
        log.write(`${line}${cut > 0 ? ` …[${cut.toLocaleString('en-US')} more bytes cut]` : ''}\n`)
        stdoutTail.push(line)
        if (cut > 0) {
          // A plain line (a provider's chatter) is only logged, cut; a message that long cannot be read.
          if (!line.trimStart().startsWith('{')) return
          const size = (Buffer.byteLength(line) + cut).toLocaleString('en-US')
          fail(
            new TerraformProtocolError(
              `printed a message of ${size} bytes, more than the ${MAX_LINE_BYTES / 2 ** 20} MiB scaleplan reads`,
            ),
          )
          return
        }

        try {
          const message = parseUiLine(line)
          if (!message) return
          if (message.type === 'diagnostic') diagnostics.push(message.diagnostic)
          options.onMessage?.(message)
        } catch (error) {
          // Keep reading: Terraform goes on (and writes its state) whatever scaleplan makes of a line.
          if (error instanceof TerraformProtocolError) fail(error)
          else throw error
        }
      })
    }

    // stderr goes to the log after stdout, when the call ends: Terraform ends a failure with its
    // error block on stderr, and a reader of the log should meet it after the output it follows,
    // not above it (the two pipes arrive in no reliable order). Held up to STDERR_HELD; a call that
    // prints more on stderr has the rest logged as it comes.
    const heldStderr: string[] = []
    let heldBytes = 0
    splitLines(child.stderr!, (line, cut) => {
      stderr.push(line)
      const logged = `${line}${cut > 0 ? ` …[${cut.toLocaleString('en-US')} more bytes cut]` : ''}\n`
      if (heldBytes + logged.length > STDERR_HELD) {
        for (const held of heldStderr.splice(0)) log.write(held)
        log.write(logged)
        heldBytes = STDERR_HELD
        return
      }

      heldStderr.push(logged)
      heldBytes += logged.length
    })

    let timedOut = false
    const timers: NodeJS.Timeout[] = []
    if (options.timeoutMs !== undefined) {
      const grace = Math.min(options.timeoutMs, GRACE_MAX_MS)
      timers.push(
        setTimeout(() => {
          timedOut = true
          log.write(`scaleplan: no result after ${formatDuration(options.timeoutMs!)}; interrupting terraform\n`)
          handle.interrupt()
          timers.push(
            setTimeout(() => {
              log.write('scaleplan: terraform did not stop; interrupting it again (it stops at once)\n')
              handle.interrupt()
              timers.push(setTimeout(() => handle.kill(), options.killAfterMs ?? KILL_AFTER_MS))
            }, grace),
          )
        }, options.timeoutMs),
      )
    }

    const done = () => {
      for (const timer of timers) clearTimeout(timer)
      running.delete(handle)
      untrack?.()
    }

    child.on('error', (error) => {
      done()
      log.end()
      reject(error)
    })
    child.on('close', (code, signal) => {
      done()
      for (const held of heldStderr) log.write(held)
      log.write(`# exit ${code ?? signal}\n\n`)
      log.end(() => {
        resolve({
          exitCode: code ?? 1,
          signal,
          stdout: options.stdout === 'document' ? Buffer.concat(document).toString('utf8') : stdoutTail.text(),
          stderr: stderr.text(),
          diagnostics,
          timedOut,
          ...(protocolError ? {protocolError} : {}),
        })
      })
    })
  })
}

function processHandle(child: ChildProcess): RunningProcess {
  const signal = (name: NodeJS.Signals) => {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return
    try {
      // The child leads its own process group (spawned detached); signalling the group reaches
      // Terraform's provider plugins exactly as a terminal's Ctrl-C would.
      process.kill(-child.pid, name)
    } catch {
      // It ended between its last output and this signal: nothing to stop.
    }
  }

  return {
    pid: child.pid,
    interrupt: () => signal('SIGINT'),
    kill: () => signal('SIGKILL'),
  }
}

/**
 * Whatever way scaleplan exits (a bug, a second Ctrl-C, process.exit anywhere), no Terraform it
 * started stays behind: a Terraform whose output pipe is gone dies at its next write anyway, with
 * its state unwritten, so a kill now is the same end without a stray process in between.
 */
function installExitHook(): void {
  if (exitHookInstalled) return
  exitHookInstalled = true
  process.on('exit', () => {
    for (const handle of running) handle.kill()
  })
}

/**
 * Calls `onLine` for each line of `stream`, holding at most MAX_LINE_BYTES of one line: the rest
 * of a longer line is counted (`cut`) and dropped, never buffered.
 */
function splitLines(stream: NodeJS.ReadableStream, onLine: (line: string, cut: number) => void): void {
  let pieces: Buffer[] = []
  let held = 0
  let cut = 0
  const flush = () => {
    onLine(Buffer.concat(pieces).toString('utf8').replace(/\r$/, ''), cut)
    pieces = []
    held = 0
    cut = 0
  }

  const take = (piece: Buffer) => {
    const room = MAX_LINE_BYTES - held
    if (piece.length <= room) {
      pieces.push(piece)
      held += piece.length
    } else {
      if (room > 0) pieces.push(piece.subarray(0, room))
      held += Math.max(room, 0)
      cut += piece.length - Math.max(room, 0)
    }
  }

  stream.on('data', (chunk: Buffer) => {
    let start = 0
    for (let newline = chunk.indexOf(10); newline !== -1; newline = chunk.indexOf(10, start)) {
      take(chunk.subarray(start, newline))
      flush()
      start = newline + 1
    }

    if (start < chunk.length) take(chunk.subarray(start))
  })
  stream.on('end', () => {
    if (held > 0 || cut > 0) flush()
  })
}

/** The last lines of a stream, up to about `limit` bytes. */
class Tail {
  private lines: string[] = []
  private bytes = 0

  constructor(private readonly limit: number) {}

  push(line: string): void {
    const shown = line.length > 4096 ? `${line.slice(0, 4096)}…` : line
    this.lines.push(shown)
    this.bytes += shown.length + 1
    while (this.bytes > this.limit && this.lines.length > 1) this.bytes -= this.lines.shift()!.length + 1
  }

  text(): string {
    return this.lines.join('\n')
  }
}

/** "2h", "90m", "45s": a duration as --terraform-timeout takes it. */
export function formatDuration(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`
  if (ms % 60_000 === 0) return `${ms / 60_000}m`
  return `${Math.round(ms / 100) / 10}s`
}
