/**
 * The flow every calibration follows, written once: check every input (all problems at once),
 * connect, read the server and plan, then stop at the plan (--dry-run) or get consent, sweep
 * under Ctrl-C with the scratch data removed whatever happens, and read the thresholds off the
 * sweeps. Each kind of server (database, app, cache) supplies its steps as a `Calibrator`.
 */
import type {CalibrationIO} from './calibration-io.js'
import {parseCommon, type CalibrateDefaults, type CommonOptions, type CommonSettings} from './common-options.js'
import {DeclinedError, InputError, InterruptedRunError} from './errors.js'
import type {LoadTarget} from './load-target.js'
import {redactUrl} from './redact.js'
import type {CalibrationKind, CalibrationResult, MeasuredThreshold, NamedSweep, SizeInfo} from './result.js'
import {checkSpecFile} from './spec-file.js'
import {runSweep, type SweepSettings} from './sweep.js'

/** One kind of server, as the runner drives it. `Checked` is its options once checked. */
export interface Calibrator<Options extends CommonOptions, Checked, Connection> {
  readonly kind: CalibrationKind
  readonly defaults: CalibrateDefaults
  /** Checks the kind's own options; problems go into `problems`, reported with the others at once. */
  check(options: Options, common: CommonSettings, problems: string[]): Checked
  /** Connects (or checks that the server answers). Fails with a TargetError, or an InputError. */
  connect(checked: Checked): Promise<Connection>
  /** Reads the server and says what the run will do; refuses what cannot run with an InputError. */
  plan(connection: Connection, checked: Checked, common: CommonSettings): Promise<RunPlan>
  /** Closes the connection at the end, whatever happened (a check that leaves nothing open has none). */
  close?(connection: Connection): Promise<void>
}

export interface RunPlan {
  /** What answered, as the result names it: "PostgreSQL 15.8", "valkey 8.0.1", "HTTP (nginx)". */
  readonly server: string
  readonly size: SizeInfo
  /** What the run will send, create and remove, and its bounds: shown before anything is sent. */
  readonly lines: readonly string[]
  readonly warnings: readonly string[]
  /** The warnings are printed after a dry run's plan as well, not only returned (the database's). */
  readonly warnOnDryRun?: boolean
  /** What the load needs created first, and removed after it (also on Ctrl-C and on error). */
  readonly scratch: Scratch | null
  /** The sweeps, one after another. */
  readonly sweeps: readonly PlannedSweep[]
  /** The thresholds the sweeps set, in the order of `sweeps` (called once they all ran; a dry run has none). */
  thresholds(sweeps: readonly NamedSweep[]): MeasuredThreshold[]
  /** Warnings the measurements give, after `warnings` (called once the sweeps ran; a dry run has none). */
  measuredWarnings?(sweeps: readonly NamedSweep[]): string[]
}

/** Data a calibration writes to measure against (a scratch schema, scratch keys), and removes. */
export interface Scratch {
  /** Creates and fills it; stops early, without failing, once `signal` aborts. */
  create(signal: AbortSignal, note: (text: string) => void): Promise<void>
  /** Removes it; safe after a create that failed or stopped half-way. */
  remove(note: (text: string) => void): Promise<void>
  /** What quitting without removing it leaves behind, and how to remove it by hand. */
  readonly leftover: string
}

export interface PlannedSweep {
  /** "read", "write", "http", "cache". */
  readonly name: string
  /** What one operation per second is: "statements/s". */
  readonly unit: string
  /** Sends the sweep's load; closed once its sweep is done. */
  readonly target: LoadTarget & {close?(): void | Promise<void>}
}

/**
 * Runs one calibration and returns its result (a dry run's has no sweeps). Every failure before
 * the load sends nothing; once the load started, the scratch data is removed before it returns
 * or throws, and an interrupted run throws InterruptedRunError after that cleanup.
 */
export async function runCalibration<Options extends CommonOptions, Checked, Connection>(
  calibrator: Calibrator<Options, Checked, Connection>,
  options: Options,
  io: CalibrationIO,
): Promise<CalibrationResult> {
  const problems: string[] = []
  const common = parseCommon(options, calibrator.defaults, problems)
  const checked = calibrator.check(options, common, problems)
  await checkSpecFile(options['write-spec'], problems)
  if (problems.length > 0) throw new InputError(problems)

  const connection = await calibrator.connect(checked)
  try {
    const plan = await calibrator.plan(connection, checked, common)
    const result = (sweeps: readonly NamedSweep[], measuredAt: Date): CalibrationResult => ({
      schemaVersion: 1,
      kind: calibrator.kind,
      measuredAt: measuredAt.toISOString(),
      target: {
        url: redactUrl(options.url),
        server: plan.server,
        vcpus: plan.size.vcpus,
        vcpusFrom: plan.size.vcpusFrom,
        instanceClass: plan.size.instanceClass,
      },
      settings: common.settings,
      sweeps,
      thresholds: sweeps.length > 0 ? plan.thresholds(sweeps) : [],
      warnings: [...plan.warnings, ...(sweeps.length > 0 ? (plan.measuredWarnings?.(sweeps) ?? []) : [])],
      specFile: null,
    })

    if (options['dry-run']) {
      io.note([...plan.lines, '', 'Dry run: no load was sent.'].join('\n'))
      if (plan.warnOnDryRun) for (const warning of plan.warnings) io.warn(warning)
      return result([], new Date())
    }

    io.note(plan.lines.join('\n'))
    if (!options.yes && !(await io.confirm())) throw new DeclinedError()
    const measuredAt = new Date()
    return result(await sendLoad(plan, common.sweep, io), measuredAt)
  } finally {
    await calibrator.close?.(connection)
  }
}

/** The scratch data, then each sweep, under Ctrl-C; the scratch data is removed whatever happens. */
async function sendLoad(plan: RunPlan, settings: SweepSettings, io: CalibrationIO): Promise<NamedSweep[]> {
  const {scratch} = plan
  const note = (text: string) => io.note(text)
  let present = false
  let interrupted = false
  const sweeps = await io.interruptible(
    async (signal) => {
      const done: NamedSweep[] = []
      try {
        if (scratch) {
          present = true
          await scratch.create(signal, note)
        }

        for (const {name, unit, target} of plan.sweeps) {
          if (signal.aborted) break
          try {
            const events = io.progress(name, target.description, settings.p99TargetMs)
            // eslint-disable-next-line no-await-in-loop -- one sweep after the other: each is its own measurement
            const sweep = await runSweep(target, settings, signal, events)
            done.push({name, description: target.description, unit, ...sweep})
          } finally {
            // eslint-disable-next-line no-await-in-loop
            await target.close?.()
          }
        }
      } finally {
        // Still under the interrupt handler: a second Ctrl-C here says what is left behind.
        if (scratch && present) {
          await scratch.remove(note)
          present = false
        }
      }

      interrupted = signal.aborted
      return done
    },
    () => (present ? scratch!.leftover : null),
  )

  if (interrupted) throw new InterruptedRunError()
  return sweeps
}
