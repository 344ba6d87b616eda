/**
 * What the three calibrate commands share: the flags that bound a run, the plan printed before
 * any load is sent, the confirmation (or --yes), Ctrl-C handling, and the output.
 */
import * as Flags from '@oclif/core/flags'
import type {ChalkInstance} from 'chalk'

import {access, constants, readFile} from 'node:fs/promises'
import {dirname} from 'node:path'

import {formatDuration, parseDuration} from '../calibrate/durations.js'
import {instanceClassInfo} from '../calibrate/instance-class.js'
import {liveRow, renderResult, STEP_HEADER, stepCells} from '../calibrate/render.js'
import type {CalibrationResult, CalibrationSettings, SizeInfo, TargetInfo} from '../calibrate/result.js'
import {applyMeasured, measuredEntries, SpecUpdateError} from '../calibrate/spec-update.js'
import type {SweepEvents, SweepSettings} from '../calibrate/sweep.js'
import {concurrencyLevels} from '../calibrate/verdict.js'
import {SpecFileError, readSpecFile} from '../spec/read-file.js'
import {formatNumber} from '../format/numbers.js'
import {BaseCommand} from './base-command.js'
import {EXIT, InterruptedError, RefusedError, ReportedError, UsageError} from './errors.js'
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

export interface CalibrateDefaults {
  readonly maxClients: number
  readonly maxRate: number
  readonly p99: string
  /** Instance class prefix the command accepts: "db.", "cache." or "" for EC2. */
  readonly classPrefix: string
}

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

interface CommonFlagValues {
  readonly duration: string
  readonly warmup: string
  readonly p99: string
  readonly 'max-clients': number
  readonly 'max-rate': number
  readonly vcpus?: number
  readonly 'instance-class'?: string
}

export interface ParsedCommon {
  readonly sweep: Omit<SweepSettings, 'warmupConcurrency'> & {readonly warmupConcurrency: number}
  readonly settings: CalibrationSettings
  readonly size: SizeInfo
}

/** Share of failed operations above which a step fails. */
const MAX_ERROR_RATE = 0.01

export abstract class CalibrateCommand extends BaseCommand {
  static override enableJsonFlag = true

  private readonly abort = new AbortController()
  private signalsReceived = 0
  private leftovers: () => string | null = () => null

  /** Parses the shared flags; problems go into `problems`, all reported at once by the caller. */
  protected parseCommon(flags: CommonFlagValues, defaults: CalibrateDefaults, problems: string[]): ParsedCommon {
    const value = (result: ReturnType<typeof parseDuration>, flag: string, fallback: number) => {
      if (result.ok) return result.value
      problems.push(`--${flag}: ${result.message}`)
      return fallback
    }

    const stepMs = value(parseDuration(flags.duration, {min: 1000, max: 600_000}), 'duration', 30_000)
    const warmupMs = value(parseDuration(flags.warmup, {min: 0, max: 600_000}), 'warmup', 0)
    const p99TargetMs = value(parseDuration(flags.p99, {min: 0.1, max: 60_000, bareUnit: 'ms'}), 'p99', 50)
    let instanceClass: string | null = null
    let vcpus: number | null = flags.vcpus ?? null
    let vcpusFrom: TargetInfo['vcpusFrom'] = vcpus === null ? null : 'flag'
    let burstable = false
    if (flags['instance-class'] !== undefined) {
      const info = instanceClassInfo(flags['instance-class'])
      if (
        !info ||
        !info.name.startsWith(defaults.classPrefix) ||
        (defaults.classPrefix === '' && /^(db|cache)\./.test(info.name))
      ) {
        problems.push(
          `--instance-class: expected an instance class like ${defaults.classPrefix}r7g.xlarge or ${defaults.classPrefix}m7g.large (family.size), got "${flags['instance-class']}"`,
        )
      } else {
        instanceClass = info.name
        burstable = info.burstable
        if (vcpus !== null && vcpus !== info.vcpus) {
          problems.push(
            `--vcpus: ${vcpus} contradicts --instance-class ${info.name}, which has ${info.vcpus} vCPUs; give one of them`,
          )
        }

        vcpus = info.vcpus
        vcpusFrom = flags.vcpus === undefined ? 'instance-class' : 'flag'
      }
    }

    const levels = concurrencyLevels(flags['max-clients'])
    const warmupConcurrency = levels[Math.floor((levels.length - 1) / 2)]!
    return {
      sweep: {
        levels,
        stepMs,
        warmupMs,
        warmupConcurrency,
        maxRate: flags['max-rate'],
        p99TargetMs,
        maxErrorRate: MAX_ERROR_RATE,
      },
      settings: {
        stepSeconds: stepMs / 1000,
        warmupSeconds: warmupMs / 1000,
        p99TargetMs,
        maxErrorRate: MAX_ERROR_RATE,
        maxClients: flags['max-clients'],
        maxRate: flags['max-rate'],
        levels,
      },
      size: {vcpus, vcpusFrom, instanceClass, burstable},
    }
  }

  /**
   * Prints the plan and gets consent: --yes, or a yes at a terminal. Off a terminal or under
   * --json nothing is asked: without --yes that is a usage error, and no load is sent.
   */
  protected async confirmLoad(plan: readonly string[], yes: boolean): Promise<void> {
    this.note(plan.join('\n'))
    if (yes) return
    const atTerminal = Boolean(process.stdin.isTTY && process.stdout.isTTY) && !this.jsonEnabled()
    if (!atTerminal) {
      throw new UsageError([
        `--yes: required to send load when ${this.jsonEnabled() ? '--json is set' : 'stdin is not a terminal'}; review the plan (--dry-run prints it) and add --yes`,
      ])
    }

    const {confirm} = await import('@inquirer/prompts')
    let go: boolean
    try {
      go = await confirm({message: 'Send this load?', default: false})
    } catch (error) {
      if (error instanceof Error && error.name === 'ExitPromptError') {
        throw new InterruptedError(['cancelled at the confirmation; no load was sent'])
      }

      throw error
    }

    if (!go) throw new RefusedError(['declined; no load was sent'])
  }

  /**
   * Runs `work` with Ctrl-C (and SIGTERM) wired to an abort signal: the first stops the load at
   * once and lets `work` clean up; a second exits straight away, saying what may be left behind.
   * After an interrupted run the command exits 130 (143 after SIGTERM).
   */
  protected async interruptible<T>(
    work: (signal: AbortSignal) => Promise<T>,
    leftovers: () => string | null,
  ): Promise<T> {
    this.leftovers = leftovers
    let terminated = false
    const onSignal = (signal: NodeJS.Signals) => {
      this.signalsReceived++
      terminated = signal === 'SIGTERM'
      if (this.signalsReceived === 1) {
        process.stderr.write(
          '\nInterrupted: stopping the load and cleaning up (Ctrl-C again to quit without cleaning up)\n',
        )
        this.abort.abort()
        return
      }

      const left = this.leftovers()
      process.stderr.write(`Quit without cleaning up${left ? `: ${left}` : ''}\n`)
      process.exit(terminated ? EXIT.terminated : EXIT.interrupted)
    }

    process.on('SIGINT', onSignal)
    process.on('SIGTERM', onSignal)
    try {
      const result = await work(this.abort.signal)
      if (this.abort.signal.aborted) {
        const message = ['interrupted; the load stopped and everything calibrate created was removed']
        throw terminated ? new TerminatedError(message) : new InterruptedError(message)
      }

      return result
    } finally {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
    }
  }

  /**
   * Before any load: the spec file to record into must exist, parse, and sit in a folder we may
   * write (the write replaces it atomically). Problems join the others, reported at once.
   */
  protected async checkSpecFile(path: string | undefined, problems: string[]): Promise<void> {
    if (path === undefined) return
    try {
      await readSpecFile(path, '--write-spec')
      await access(dirname(path), constants.W_OK)
    } catch (error) {
      if (error instanceof SpecFileError) problems.push(error.message)
      else
        problems.push(
          `--write-spec: cannot write to the folder of "${path}" (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`,
        )
    }
  }

  /**
   * Records the measured thresholds in the spec file (read again now, so edits made during the
   * run are kept), atomically. Returns the thresholds written; warns about those it cannot write.
   */
  protected async recordInSpec(path: string, result: CalibrationResult, warnings: string[]): Promise<string[]> {
    const {entries, skipped} = measuredEntries(result)
    warnings.push(...skipped)
    if (entries.length === 0) {
      warnings.push(`nothing to record in ${path}: no step met the latency target`)
      return []
    }

    try {
      const text = await readFile(path, 'utf8')
      await writeFileAtomic(path, applyMeasured(text, entries), {overwrite: true})
    } catch (error) {
      const why =
        error instanceof SpecUpdateError ? error.message : ((error as NodeJS.ErrnoException).code ?? String(error))
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
  protected progress(name: string, description: string, p99TargetMs: number): SweepEvents {
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

  protected style(color: boolean): ChalkInstance {
    return terminalStyle(color)
  }

  /** Records the thresholds in the spec file if asked, prints the summary, and returns the result. */
  protected async complete(
    measured: CalibrationResult,
    specFile: string | undefined,
    color: boolean,
  ): Promise<CalibrationResult> {
    const warnings = [...measured.warnings]
    const written = specFile ? await this.recordInSpec(specFile, measured, warnings) : []
    const result = {...measured, warnings, specFile: written.length > 0 ? specFile! : null}
    this.report(result, color)
    return result
  }

  /** The summary after the run: the step rows were printed as they completed. */
  protected report(result: CalibrationResult, color: boolean): void {
    if (this.jsonEnabled()) return
    this.log('')
    this.log(renderResult(result, this.style(color), false))
    for (const warning of result.warnings) this.warnLine(warning)
  }
}
