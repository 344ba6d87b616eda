/**
 * `calibrate database`: a read and a write mix against PostgreSQL, on a scratch schema created,
 * filled and dropped here, or the user's own statements instead.
 */
import {formatBytes} from '../../format/numbers.js'
import type {CalibrationIO} from '../calibration-io.js'
import type {CommonOptions} from '../common-options.js'
import {parseDuration} from '../durations.js'
import {InputError} from '../errors.js'
import type {CalibrationResult} from '../result.js'
import {runCalibration, type Calibrator, type Scratch} from '../run-calibration.js'
import {
  checkUserQueries,
  parsePostgresUrl,
  parseSize,
  parseUserQueries,
  sizeOf,
  type MixKind,
  type UserQueries,
  type UserQueryFlags,
} from './options.js'
import {databaseThresholds, mixOf, planLines, serverProblems, serverWarnings} from './plan.js'
import {PostgresCalibration} from './postgres.js'
import {rowsForBytes, scratchSchemaName, scratchWorkload, type ScratchWorkload} from './workload.js'

export const DATABASE_DEFAULTS = {maxClients: 64, maxRate: 20_000, p99: '50ms', classPrefix: 'db.'} as const

export interface DatabaseOptions extends CommonOptions, UserQueryFlags {
  /** Size of the scratch table, like 256MB. */
  readonly size: string
  /** A statement slower than this is cancelled and counted as an error, like 10s. */
  readonly 'statement-timeout': string
}

interface Checked {
  readonly url: string
  readonly parsedUrl: URL | null
  readonly mix: string
  readonly queries: UserQueries | null
  readonly sizeBytes: number
  readonly statementTimeoutMs: number
}

const database: Calibrator<DatabaseOptions, Checked, PostgresCalibration> = {
  kind: 'database',
  defaults: DATABASE_DEFAULTS,

  check(options, _common, problems) {
    const timeout = parseDuration(options['statement-timeout'], {min: 100, max: 600_000})
    if (!timeout.ok) problems.push(`--statement-timeout: ${timeout.message}`)
    const parsedUrl = parsePostgresUrl(options.url, problems)
    const queries = parseUserQueries(options, problems)
    const sizeBytes = parseSize(options.size, problems)
    const statementTimeoutMs = timeout.ok ? timeout.value : 0
    return {url: options.url, parsedUrl, mix: options.mix, queries, sizeBytes, statementTimeoutMs}
  },

  connect: ({url, statementTimeoutMs}) => PostgresCalibration.connect({url, statementTimeoutMs}),

  async plan(calibration, {url, parsedUrl, mix, queries, sizeBytes}, common) {
    const info = await calibration.info()
    let mixes: MixKind[] = mix === 'both' ? ['read', 'write'] : [mix as MixKind]
    if (queries) {
      const checked = await checkUserQueries(calibration, queries)
      if (checked.problems.length > 0) throw new InputError(checked.problems)
      mixes = checked.kinds
    }

    const size = sizeOf(common.size, parsedUrl)
    const refused = serverProblems(info, common.settings.maxClients, mixes, queries === null)
    if (refused.length > 0) throw new InputError(refused)
    const workload = queries ? null : scratchWorkload(scratchSchemaName(), rowsForBytes(sizeBytes))
    const warnings = serverWarnings(info, size)
    if (size.vcpus === null) {
      warnings.push(
        "the server's vCPUs are unknown, so nothing is scaled to the reference node: give --vcpus or --instance-class",
      )
    }

    return {
      server: `PostgreSQL ${info.version}`,
      size,
      lines: planLines({url, info, sweep: common.sweep, size, workload, queries, mixes, sizeBytes}),
      warnings,
      warnOnDryRun: true,
      scratch: workload && scratchSchema(calibration, workload),
      sweeps: mixes.map((kind) => ({
        name: kind,
        unit: 'statements/s',
        target: calibration.target(mixOf(kind, workload, queries)),
      })),
      thresholds: (sweeps) => databaseThresholds(sweeps, size),
    }
  },

  close: (calibration) => calibration.close(),
}

function scratchSchema(calibration: PostgresCalibration, workload: ScratchWorkload): Scratch {
  const {schema, rows} = workload
  return {
    leftover: `the scratch schema ${schema} may remain: DROP SCHEMA ${schema} CASCADE`,
    async create(signal, note) {
      note(`Creating ${schema} and filling it with ${rows.toLocaleString('en-US')} rows...`)
      const bytes = await calibration.createScratch(workload, signal)
      if (!signal.aborted) note(`  ${formatBytes(bytes)} on disk, table and indexes`)
    },
    async remove(note) {
      await calibration.dropScratch(schema)
      note(`Dropped ${schema}.`)
    },
  }
}

/** Measures a PostgreSQL server: the reads/s and writes/s it sustains under the p99 target. */
export function calibrateDatabase(options: DatabaseOptions, io: CalibrationIO): Promise<CalibrationResult> {
  return runCalibration(database, options, io)
}
