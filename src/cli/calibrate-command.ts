/**
 * What the three calibrate commands share as commands: the flags that bound a run, the adapters
 * the calibration talks through (notes, live rows, the confirmation prompt, Ctrl-C and SIGTERM),
 * the spec file written at the end, and the output. The calibration itself is in src/calibrate.
 */
import * as Flags from './flags.js'

import type {CalibrationIO} from '../calibrate/calibration-io.js'
import type {CalibrateDefaults, CommonOptions} from '../calibrate/common-options.js'
import {formatDuration} from '../calibrate/durations.js'
import {DeclinedError, InputError, InterruptedRunError} from '../calibrate/errors.js'
import {liveRow, renderResult, STEP_HEADER, stepCells} from '../calibrate/render.js'
import type {CalibrationResult} from '../calibrate/result.js'
import {applyMeasured, measuredEntries, SpecUpdateError} from '../calibrate/spec-update.js'
import type {SweepEvents} from '../calibrate/sweep.js'
import {TargetError} from '../calibrate/target-error.js'
import {FileProblem} from '../files/file-problem.js'
import {readBoundedText} from '../files/read-bounded.js'
import {formatNumber} from '../format/numbers.js'
import {SPEC_FILE_LIMITS} from '../spec/read-file.js'
import {BaseCommand} from './base-command.js'
import {EXIT, InterruptedError, RefusedError, ReportedError, UsageError} from './errors.js'
import {loadPrompts} from './load-prompts.js'
import {stdoutTerminal, writeStderr} from './output.js'
import {terminalStyle} from './style.js'
import {writeFileAtomic} from './write-file-atomic.js'

/** The calibration target failed: unreachable, refused a statement, or broke under load. */
export class TargetFailedError extends ReportedError {
  override readonly name = 'TargetFailedError'
  readonly outcome = 'target'
  readonly code = 'TARGET_FAILED'
}

/** Stopped by SIGTERM (a CI job cancelled): cleaned up like Ctrl-C. */
class TerminatedError extends ReportedError {
  override readonly name = 'TerminatedError'
  readonly outcome = 'terminated'
  readonly code = 'TERMINATED'
}

/** Stopped by SIGHUP (the terminal closed): cleaned up like Ctrl-C. */
class HangupError extends ReportedError {
  override readonly name = 'HangupError'
  readonly outcome = 'hangup'
  readonly code = 'HANGUP'
}

/** The signals that stop a calibration, and how each ends it: cleaned up first, exit 128 + its number. */
const STOPPED_BY = {
  SIGINT: {error: InterruptedError, exit: EXIT.interrupted},
  SIGTERM: {error: TerminatedError, exit: EXIT.terminated},
  SIGHUP: {error: HangupError, exit: EXIT.hangup},
} as const
type StopSignal = keyof typeof STOPPED_BY

/** Flags every calibrate command takes; `defaults` differ per command. */
export function calibrateFlags(defaults: CalibrateDefaults) {
  return {
    duration: Flags.string({
      description:
        'how long each step sends load: 30s, 2m, or seconds; the first fifth of each step settles and is not measured',
      default: '30s',
      helpValue: 'TIME',
    }),
    warmup: Flags.string({
      description: 'unmeasured load before the first step (caches, JIT, connection pools); 0 skips it',
      default: '10s',
      helpValue: 'TIME',
    }),
    p99: Flags.string({
      description:
        'latency target: the capacity is the highest rate whose p99 stays under it (50ms, 0.2s, or milliseconds)',
      default: defaults.p99,
      helpValue: 'TIME',
    }),
    'max-clients': Flags.integer({
      description: 'concurrency of the last step; steps double from 1 up to it',
      default: defaults.maxClients,
      min: 1,
      max: 1000,
    }),
    'max-rate': Flags.integer({
      description: 'operations per second never exceeded, whatever the concurrency',
      default: defaults.maxRate,
      min: 1,
      max: 10_000_000,
    }),
    vcpus: Flags.integer({
      description: 'vCPUs of the server measured, to scale the result to the catalog reference size',
      min: 1,
      max: 1024,
    }),
    'instance-class': Flags.string({
      description: `instance class of the server measured, like ${defaults.classPrefix}r7g.xlarge (gives its vCPUs)`,
      helpValue: 'CLASS',
    }),
    'write-spec': Flags.string({
      description: 'spec file to record the measured thresholds in (comments and layout kept; written atomically)',
      helpValue: 'FILE',
    }),
    yes: Flags.boolean({
      char: 'y',
      description: 'send the load without asking (CI); required off a terminal and with --json',
    }),
    'dry-run': Flags.boolean({description: 'check the target and print the plan; send no load'}),
    color: Flags.boolean({
      description: 'colour the output (off with --no-color, NO_COLOR, or off a TTY)',
      default: true,
      allowNo: true,
    }),
  }
}

export abstract class CalibrateCommand extends BaseCommand {
  static override enableJsonFlag = true

  private readonly abort = new AbortController()
  private signalsReceived = 0
  private stoppedBy: StopSignal = 'SIGINT'

  /**
   * Runs one calibration with this command's adapters, records its thresholds in the spec file
   * if asked, prints the summary, and returns the result (the --json output).
   */
  protected async calibrate<Options extends CommonOptions & {readonly color?: boolean}>(
    calibration: (options: Options, io: CalibrationIO) => Promise<CalibrationResult>,
    options: Options,
  ): Promise<CalibrationResult> {
    let measured: CalibrationResult
    try {
      measured = await calibration(options, this.io())
    } catch (error) {
      throw this.reported(error)
    }

    if (options['dry-run']) return measured
    const warnings = [...measured.warnings]
    const specFile = options['write-spec']
    const written = specFile ? await this.recordInSpec(specFile, measured, warnings) : []
    const result = {...measured, warnings, specFile: written.length > 0 ? specFile! : null}
    await this.report(result, options.color)
    return result
  }

  private io(): CalibrationIO {
    return {
      note: (text) => this.note(text),
      warn: (text) => this.warnLine(text),
      progress: (name, description, p99TargetMs) => this.progress(name, description, p99TargetMs),
      confirm: () => this.confirmLoad(),
      interruptible: (work, leftovers) => this.interruptible(work, leftovers),
    }
  }

  /** The calibration's failures as this CLI reports them: one line each, and the exit code of their outcome. */
  private reported(error: unknown): unknown {
    if (error instanceof InputError) return new UsageError(error.problems)
    if (error instanceof TargetError) return new TargetFailedError([error.message])
    if (error instanceof DeclinedError) return new RefusedError([error.message])
    if (error instanceof InterruptedRunError) return new STOPPED_BY[this.stoppedBy].error([error.message])
    return error
  }

  /**
   * Asks at a terminal whether to send the load. Off a terminal or under --json nothing is asked:
   * without --yes that is a usage error, and no load is sent.
   */
  private async confirmLoad(): Promise<boolean> {
    const atTerminal = Boolean(process.stdin.isTTY) && stdoutTerminal() !== undefined && !this.jsonEnabled()
    if (!atTerminal) {
      throw new UsageError([
        `--yes: required to send load when ${this.jsonEnabled() ? '--json is set' : 'stdin is not a terminal'}; review the plan (--dry-run prints it) and add --yes`,
      ])
    }

    const {confirm} = await loadPrompts()
    try {
      return await confirm({message: 'Send this load?', default: false})
    } catch (error) {
      if (error instanceof Error && error.name === 'ExitPromptError') {
        throw new InterruptedError(['cancelled at the confirmation; no load was sent'])
      }

      throw error
    }
  }

  /**
   * Runs `work` with Ctrl-C (and SIGTERM, SIGHUP) wired to an abort signal: the first stops the
   * load at once and lets `work` clean up; a second exits straight away, saying what may be left behind.
   */
  private async interruptible<T>(
    work: (signal: AbortSignal) => Promise<T>,
    leftovers: () => string | null,
  ): Promise<T> {
    const onSignal = (signal: StopSignal) => {
      this.signalsReceived++
      if (this.signalsReceived === 1) {
        this.stoppedBy = signal
        writeStderr('\nInterrupted: stopping the load and cleaning up (Ctrl-C again to quit without cleaning up)\n')
        this.abort.abort()
        return
      }

      const left = leftovers()
      writeStderr(`Quit without cleaning up${left ? `: ${left}` : ''}\n`)
      process.exit(STOPPED_BY[this.stoppedBy].exit)
    }

    const signals = Object.keys(STOPPED_BY) as StopSignal[]
    for (const signal of signals) process.on(signal, onSignal)
    try {
      return await work(this.abort.signal)
    } finally {
      for (const signal of signals) process.off(signal, onSignal)
    }
  }

  /**
   * Records the measured thresholds in the spec file (read again now, so edits made during the
   * run are kept), atomically. Returns the thresholds written; warns about those it cannot write.
   */
  private async recordInSpec(path: string, result: CalibrationResult, warnings: string[]): Promise<string[]> {
    const {entries, skipped} = measuredEntries(result)
    warnings.push(...skipped)
    if (entries.length === 0) {
      warnings.push(`nothing to record in ${path}: no step met the latency target`)
      return []
    }

    try {
      const text = readBoundedText(path, {maxBytes: SPEC_FILE_LIMITS.maxBytes, what: 'a YAML or JSON spec file'})
      await writeFileAtomic(path, applyMeasured(text, entries), {overwrite: true})
    } catch (error) {
      const why =
        error instanceof SpecUpdateError || error instanceof FileProblem
          ? error.message
          : ((error as NodeJS.ErrnoException).code ?? String(error))
      throw new UsageError([
        `--write-spec: could not record the measurements in "${path}" (${why}); the file is unchanged`,
      ])
    }

    this.note(
      `Recorded ${entries.map((e) => e.name).join(', ')} in ${path}, marked measured ${entries[0]!.measured.on}.`,
    )

    return entries.map((e) => e.name)
  }

  /** Prints each step as it completes, at a terminal or in a CI log (not under --json). */
  private progress(name: string, description: string, p99TargetMs: number): SweepEvents {
    if (this.jsonEnabled()) return {}
    let header = false
    return {
      onWarmup: (ms, concurrency) =>
        this.note(
          `${name} mix: warming up for ${formatDuration(ms)} at ${concurrency} client${concurrency === 1 ? '' : 's'} (not measured)`,
        ),
      onStepStart: (concurrency, index) => {
        if (!header) {
          this.log(`${name} mix: ${description} (p99 target ${formatNumber(p99TargetMs)} ms)`)
          this.log(`  ${liveRow(STEP_HEADER)}`)
          header = true
        }

        if (process.stderr.isTTY) process.stderr.write(`  step ${index + 1}: ${concurrency} clients...\r`)
      },
      onRetry: (step) => {
        if (process.stderr.isTTY)
          process.stderr.write(`  ${step.concurrency} clients: ${step.verdict}; measuring again to confirm\r`)
      },
      onStep: (step) => {
        if (process.stderr.isTTY) process.stderr.write('\u001B[2K')
        this.log(`  ${liveRow(stepCells(step))}`)
      },
    }
  }

  /** The summary after the run: the step rows were printed as they completed. */
  private async report(result: CalibrationResult, color: boolean | undefined): Promise<void> {
    if (this.jsonEnabled()) return
    this.log('')
    this.log(renderResult(result, await terminalStyle(color), false))
    for (const warning of result.warnings) this.warnLine(warning)
  }
}
