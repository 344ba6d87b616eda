import * as Flags from '@oclif/core/flags'

import {
  checkUserQueries,
  parsePostgresUrl,
  parseSize,
  parseUserQueries,
  sizeOf,
  type MixKind,
} from '../../calibrate/database/options.js'
import {PARAM_FORMS} from '../../calibrate/database/param-generator.js'
import {databaseThresholds, planLines, serverProblems, serverWarnings} from '../../calibrate/database/plan.js'
import {PostgresCalibration, type PostgresInfo} from '../../calibrate/database/postgres.js'
import {rowsForBytes, scratchSchemaName, scratchWorkload, type QueryMix} from '../../calibrate/database/workload.js'
import {parseDuration} from '../../calibrate/durations.js'
import {redactUrl} from '../../calibrate/redact.js'
import type {CalibrationResult, MeasuredThreshold, NamedSweep, SizeInfo} from '../../calibrate/result.js'
import {runSweep, type SweepSettings} from '../../calibrate/sweep.js'
import {TargetError} from '../../calibrate/target-error.js'
import {CalibrateCommand, calibrateFlags, TargetFailedError} from '../../cli/calibrate-command.js'
import {UsageError} from '../../cli/errors.js'
import {formatBytes} from '../../format/numbers.js'

const DEFAULTS = {maxClients: 64, maxRate: 20_000, p99: '50ms', classPrefix: 'db.'} as const

export default class CalibrateDatabase extends CalibrateCommand {
  static override summary = 'Measure a PostgreSQL server: reads/s and writes/s it sustains under a p99 latency target.'
  static override description =
    'Creates a scratch schema (scaleplan_calibrate_<random>), fills it to --size, then sends a read mix and a write mix ' +
    'at rising concurrency until p99 latency passes --p99, and drops the schema at the end, also on Ctrl-C and on error. ' +
    'With --read-query / --write-query it measures your own statements instead (read-only sessions unless --allow-writes). ' +
    'Point it at staging, never production. It prints the plan and asks first; --yes in CI.'

  static override examples = [
    '<%= config.bin %> <%= command.id %> --url postgres://app@staging-db:5432/app --instance-class db.r7g.large',
    'PGPASSWORD=... <%= config.bin %> <%= command.id %> --url postgres://app@staging-db/app --vcpus 4 --write-spec scaleplan.yaml --yes',
    '<%= config.bin %> <%= command.id %> --url postgres://app@staging-db/app --read-query "SELECT * FROM orders WHERE id = $1" --read-param int:1..1000000 --vcpus 8',
  ]

  static override flags = {
    url: Flags.string({
      description:
        'postgres://user@host:port/database of a staging server (a password here is never shown; PGPASSWORD or ~/.pgpass keep it off the command line)',
      env: 'SCALEPLAN_DATABASE_URL',
      required: true,
      helpValue: 'URL',
    }),
    size: Flags.string({
      description: 'size of the scratch table to create and fill, like 256MB or 2GB',
      default: '256MB',
      helpValue: 'SIZE',
    }),
    mix: Flags.string({
      description: 'which mixes of the scratch workload to run',
      options: ['both', 'read', 'write'],
      default: 'both',
    }),
    'read-query': Flags.string({
      description: 'your own read statement to measure instead, with $1, $2 ... parameters',
      helpValue: 'SQL',
    }),
    'read-param': Flags.string({
      description: `generator for the read query's next parameter: ${PARAM_FORMS}`,
      multiple: true,
      helpValue: 'GEN',
    }),
    'write-query': Flags.string({
      description: 'your own write statement to measure instead (needs --allow-writes)',
      helpValue: 'SQL',
    }),
    'write-param': Flags.string({
      description: `generator for the write query's next parameter: ${PARAM_FORMS}`,
      multiple: true,
      helpValue: 'GEN',
    }),
    'allow-writes': Flags.boolean({description: 'let --write-query write: its sessions are read-write (staging only)'}),
    'statement-timeout': Flags.string({
      description: 'a statement slower than this is cancelled and counted as an error',
      default: '10s',
      helpValue: 'TIME',
    }),
    ...calibrateFlags(DEFAULTS),
  }

  async run(): Promise<CalibrationResult> {
    const {flags} = await this.parse(CalibrateDatabase)
    const problems: string[] = []
    const common = this.parseCommon(flags, DEFAULTS, problems)
    const timeout = parseDuration(flags['statement-timeout'], {min: 100, max: 600_000})
    if (!timeout.ok) problems.push(`--statement-timeout: ${timeout.message}`)
    const url = parsePostgresUrl(flags.url, problems)
    const userQueries = parseUserQueries(flags, problems)
    const sizeBytes = parseSize(flags.size, problems)
    await this.checkSpecFile(flags['write-spec'], problems)
    if (problems.length > 0) throw new UsageError(problems)

    let calibration: PostgresCalibration
    try {
      calibration = await PostgresCalibration.connect({
        url: flags.url,
        statementTimeoutMs: timeout.ok ? timeout.value : 0,
      })
    } catch (error) {
      throw asReported(error)
    }

    try {
      const info = await calibration.info()
      let mixes: MixKind[] = flags.mix === 'both' ? ['read', 'write'] : [flags.mix as MixKind]
      if (userQueries) {
        const checked = await checkUserQueries(calibration, userQueries)
        if (checked.problems.length > 0) throw new UsageError(checked.problems)
        mixes = checked.kinds
      }

      const size = sizeOf(common.size, url)
      const refused = serverProblems(info, common.settings.maxClients, mixes, userQueries === null)
      if (refused.length > 0) throw new UsageError(refused)
      const workload = userQueries ? null : scratchWorkload(scratchSchemaName(), rowsForBytes(sizeBytes))
      const plan = planLines({
        url: flags.url,
        info,
        sweep: common.sweep,
        size,
        workload,
        queries: userQueries,
        mixes,
        sizeBytes,
      })
      const warnings = serverWarnings(info, size)
      if (size.vcpus === null) {
        warnings.push(
          "the server's vCPUs are unknown, so nothing is scaled to the reference node: give --vcpus or --instance-class",
        )
      }

      if (flags['dry-run']) {
        this.note([...plan, '', 'Dry run: no load was sent.'].join('\n'))
        for (const warning of warnings) this.warnLine(warning)

        return databaseResult(flags.url, info, common.settings, size, [], [], warnings, new Date())
      }

      await this.confirmLoad(plan, flags.yes)
      const measuredAt = new Date()
      let schema: string | null = null
      const sweeps = await this.interruptible(
        async (signal) => {
          const done: NamedSweep[] = []
          try {
            if (workload) {
              schema = workload.schema
              this.note(`Creating ${schema} and filling it with ${workload.rows.toLocaleString('en-US')} rows...`)
              const bytes = await calibration.createScratch(workload, signal)
              if (!signal.aborted) this.note(`  ${formatBytes(bytes)} on disk, table and indexes`)
            }

            for (const kind of mixes) {
              if (signal.aborted) break
              const mix = workload ? (kind === 'read' ? workload.readMix : workload.writeMix) : userQueries![kind]!
              // eslint-disable-next-line no-await-in-loop -- one mix after the other: each is its own measurement
              done.push(await this.sweepMix(calibration, kind, mix, common.sweep, signal))
            }
          } finally {
            // Still under the interrupt handler: a second Ctrl-C here says what is left behind.
            if (schema) {
              await calibration.dropScratch(schema)
              this.note(`Dropped ${schema}.`)
              schema = null
            }
          }

          return done
        },
        () => (schema ? `the scratch schema ${schema} may remain: DROP SCHEMA ${schema} CASCADE` : null),
      )

      const thresholds = databaseThresholds(sweeps, size)
      const measured = databaseResult(flags.url, info, common.settings, size, sweeps, thresholds, warnings, measuredAt)
      return await this.complete(measured, flags['write-spec'], flags.color)
    } catch (error) {
      throw asReported(error)
    } finally {
      await calibration.close()
    }
  }

  private async sweepMix(
    calibration: PostgresCalibration,
    kind: MixKind,
    mix: QueryMix,
    sweep: SweepSettings,
    signal: AbortSignal,
  ): Promise<NamedSweep> {
    const target = calibration.target(mix)
    try {
      const result = await runSweep(target, sweep, signal, this.progress(kind, mix.description, sweep.p99TargetMs))
      return {name: kind, description: mix.description, unit: 'statements/s', ...result}
    } finally {
      await target.close()
    }
  }
}

function databaseResult(
  url: string,
  info: PostgresInfo,
  settings: CalibrationResult['settings'],
  size: SizeInfo,
  sweeps: NamedSweep[],
  thresholds: MeasuredThreshold[],
  warnings: string[],
  measuredAt: Date,
): CalibrationResult {
  return {
    schemaVersion: 1,
    kind: 'database',
    measuredAt: measuredAt.toISOString(),
    target: {
      url: redactUrl(url),
      server: `PostgreSQL ${info.version}`,
      vcpus: size.vcpus,
      vcpusFrom: size.vcpusFrom,
      instanceClass: size.instanceClass,
    },
    settings,
    sweeps,
    thresholds,
    warnings,
    specFile: null,
  }
}

function asReported(error: unknown): unknown {
  return error instanceof TargetError ? new TargetFailedError([error.message]) : error
}
