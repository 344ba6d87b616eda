import * as Flags from '@oclif/core/flags'

import {runSweep} from '../../calibrate/sweep.js'
import {isLoopbackHost, localVcpus} from '../../calibrate/loopback.js'
import {PARAM_FORMS, parseParamGenerator, type ParamGenerator} from '../../calibrate/database/param-generator.js'
import {PostgresCalibration, type PostgresInfo} from '../../calibrate/database/postgres.js'
import {
  rowsForBytes,
  scratchSchemaName,
  scratchWorkload,
  userQueryMix,
  type QueryMix,
  type ScratchWorkload,
} from '../../calibrate/database/workload.js'
import {redactUrl} from '../../calibrate/redact.js'
import {scaleDatabase} from '../../calibrate/reference.js'
import type {CalibrationResult, MeasuredThreshold, NamedSweep} from '../../calibrate/result.js'
import {TargetError} from '../../calibrate/target-error.js'
import {THRESHOLD_FOR} from '../../calibrate/threshold-map.js'
import {THRESHOLDS} from '../../capacity/thresholds.js'
import {
  boundsLines,
  CalibrateCommand,
  calibrateFlags,
  TargetFailedError,
  type ParsedCommon,
} from '../../cli/calibrate-command.js'
import {UsageError} from '../../cli/errors.js'
import {formatBytes, parseDataSize} from '../../spec/units.js'

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
    const timeout = parseDurationFlag(flags['statement-timeout'], problems)
    const url = parsePostgresUrl(flags.url, problems)
    const userQueries = parseUserQueries(flags, problems)
    const sizeBytes = parseSize(flags.size, problems)
    await this.checkSpecFile(flags['write-spec'], problems)
    if (problems.length > 0) throw new UsageError(problems)

    let calibration: PostgresCalibration
    try {
      calibration = await PostgresCalibration.connect({url: flags.url, statementTimeoutMs: timeout})
    } catch (error) {
      throw asReported(error)
    }

    let schema: string | null = null
    try {
      const info = await calibration.info()
      const mixes = userQueries
        ? await checkUserQueries(calibration, userQueries)
        : ((flags.mix === 'both' ? ['read', 'write'] : [flags.mix]) as ('read' | 'write')[])
      const size = sizeOf(common, url)
      checkServer(info, common, mixes, userQueries === null)
      const workload = userQueries ? null : scratchWorkload(scratchSchemaName(), rowsForBytes(sizeBytes))
      const plan = planLines(flags.url, info, common, workload, userQueries, mixes, sizeBytes, size)
      const warnings = serverWarnings(info, common)
      if (flags['dry-run']) {
        if (!this.jsonEnabled())
          this.log([...plan, '', 'Dry run: no load was sent.', ...warnings.map((w) => `Warning: ${w}`)].join('\n'))
        return this.result(flags.url, info, common, size, [], [], warnings, null)
      }

      await this.confirmLoad(plan, flags.yes)
      const measuredAt = new Date().toISOString()
      const sweeps = await this.interruptible(
        async (signal) => {
          const done: NamedSweep[] = []
          try {
            if (workload) {
              schema = workload.schema
              if (!this.jsonEnabled())
                this.log(`Creating ${schema} and filling it with ${workload.rows.toLocaleString('en-US')} rows...`)
              const bytes = await calibration.createScratch(workload, signal)
              if (!signal.aborted && !this.jsonEnabled()) this.log(`  ${formatBytes(bytes)} on disk, table and indexes`)
            }

            for (const kind of mixes) {
              if (signal.aborted) break
              const mix = workload ? (kind === 'read' ? workload.readMix : workload.writeMix) : userQueries![kind]!
              // eslint-disable-next-line no-await-in-loop -- one mix after the other: each is its own measurement
              done.push(await this.sweepMix(calibration, kind, mix, common, signal))
            }
          } finally {
            // Still under the interrupt handler: a second Ctrl-C here says what is left behind.
            if (schema) {
              await calibration.dropScratch(schema)
              if (!this.jsonEnabled()) this.log(`Dropped ${schema}.`)
              schema = null
            }
          }

          return done
        },
        () => (schema ? `the scratch schema ${schema} may remain: DROP SCHEMA ${schema} CASCADE` : null),
      )

      const thresholds = measuredThresholds(sweeps, size)
      if (size.vcpus === null)
        warnings.push(
          "the server's vCPUs are unknown, so nothing was scaled to the reference node: give --vcpus or --instance-class",
        )
      const measured = this.result(flags.url, info, common, size, sweeps, thresholds, warnings, measuredAt)
      const specFile = flags['write-spec']
      const written = specFile ? await this.recordInSpec(specFile, measured, warnings) : []
      const result = {...measured, specFile: written.length > 0 ? specFile! : null}
      this.report(result, flags.color)
      return result
    } catch (error) {
      throw asReported(error)
    } finally {
      await calibration.close()
    }
  }

  private async sweepMix(
    calibration: PostgresCalibration,
    kind: 'read' | 'write',
    mix: QueryMix,
    common: ParsedCommon,
    signal: AbortSignal,
  ): Promise<NamedSweep> {
    const target = calibration.target(mix)
    try {
      const sweep = await runSweep(
        target,
        common.sweep,
        signal,
        this.progress(kind, mix.description, common.sweep.p99TargetMs),
      )
      return {name: kind, description: mix.description, unit: 'statements/s', ...sweep}
    } finally {
      await target.close()
    }
  }

  private result(
    url: string,
    info: PostgresInfo,
    common: ParsedCommon,
    size: ParsedCommon['size'],
    sweeps: NamedSweep[],
    thresholds: MeasuredThreshold[],
    warnings: string[],
    measuredAt: string | null,
  ): CalibrationResult {
    return {
      schemaVersion: 1,
      kind: 'database',
      measuredAt: measuredAt ?? new Date().toISOString(),
      target: {
        url: redactUrl(url),
        server: `PostgreSQL ${info.version}`,
        vcpus: size.vcpus,
        vcpusFrom: size.vcpusFrom,
        instanceClass: size.instanceClass,
      },
      settings: common.settings,
      sweeps,
      thresholds,
      warnings,
      specFile: null,
    }
  }
}

type UserQueries = Partial<Record<'read' | 'write', QueryMix>> & {
  readonly texts: Partial<Record<'read' | 'write', {text: string; params: number}>>
}

function parseDurationFlag(input: string, problems: string[]): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*$/i.exec(input)
  const ms = match
    ? Number(match[1]) * ({ms: 1, s: 1000, m: 60_000} as Record<string, number>)[(match[2] ?? 's').toLowerCase()]!
    : Number.NaN
  if (!(ms >= 100 && ms <= 600_000)) {
    problems.push(`--statement-timeout: expected a duration from 100ms to 10m, like 10s, got "${input}"`)
    return 10_000
  }

  return ms
}

function parsePostgresUrl(raw: string, problems: string[]): URL | null {
  try {
    const url = new URL(raw)
    if (url.protocol === 'postgres:' || url.protocol === 'postgresql:') return url
  } catch {
    // reported below
  }

  problems.push(`--url: expected a PostgreSQL URL like postgres://user@host:5432/database, got "${redactUrl(raw)}"`)
  return null
}

function parseSize(input: string, problems: string[]): number {
  const parsed = parseDataSize(input)
  if (parsed.ok && parsed.value >= 1e6 && parsed.value <= 1e12) return parsed.value
  problems.push(`--size: expected a table size from 1MB to 1TB, like 256MB or 2GB, got "${input}"`)
  return 0
}

function parseUserQueries(
  flags: {
    'read-query'?: string
    'write-query'?: string
    'read-param'?: string[]
    'write-param'?: string[]
    'allow-writes': boolean
    mix: string
  },
  problems: string[],
): UserQueries | null {
  const read = flags['read-query']
  const write = flags['write-query']
  for (const kind of ['read', 'write'] as const) {
    if (flags[`${kind}-param`] && !flags[`${kind}-query`])
      problems.push(`--${kind}-param: goes with --${kind}-query, which is missing`)
  }

  if (read === undefined && write === undefined) {
    if (flags['allow-writes'])
      problems.push(
        '--allow-writes: goes with --write-query, which is missing (the scratch workload writes only to its own schema)',
      )
    return null
  }

  if (flags.mix !== 'both')
    problems.push(
      '--mix: chooses mixes of the scratch workload; with --read-query / --write-query, the queries you give are the mixes',
    )
  if (write !== undefined && !flags['allow-writes']) {
    problems.push(
      '--write-query: writes to your tables, so it needs --allow-writes (and a staging database, never production)',
    )
  }

  const queries: UserQueries = {texts: {}}
  for (const [kind, text] of [
    ['read', read],
    ['write', write],
  ] as const) {
    if (text === undefined) continue
    if (text.trim() === '') {
      problems.push(`--${kind}-query: expected one SQL statement, got an empty string`)
      continue
    }

    const generators: ParamGenerator[] = []
    for (const spec of flags[`${kind}-param`] ?? []) {
      const generator = parseParamGenerator(spec)
      if (typeof generator === 'string') problems.push(`--${kind}-param: ${generator}`)
      else generators.push(generator)
    }

    queries[kind] = userQueryMix(kind, text, generators)
    queries.texts[kind] = {text, params: (flags[`${kind}-param`] ?? []).length}
  }

  return queries
}

/** Asks the server how many parameters each query takes, and compares with the generators given. */
async function checkUserQueries(calibration: PostgresCalibration, queries: UserQueries): Promise<('read' | 'write')[]> {
  const problems: string[] = []
  const kinds: ('read' | 'write')[] = []
  for (const kind of ['read', 'write'] as const) {
    const query = queries.texts[kind]
    if (!query) continue
    kinds.push(kind)
    // eslint-disable-next-line no-await-in-loop -- one control connection: its statements run one at a time anyway
    const expected = await calibration.parameterCount(query.text, `--${kind}-query`)
    if (expected !== query.params) {
      problems.push(
        `--${kind}-param: the ${kind} query takes ${expected} parameter${expected === 1 ? '' : 's'}, got ${query.params} generator${query.params === 1 ? '' : 's'}; give one --${kind}-param per $n, in order (${PARAM_FORMS})`,
      )
    }
  }

  if (problems.length > 0) throw new UsageError(problems)
  return kinds
}

function sizeOf(common: ParsedCommon, url: URL | null): ParsedCommon['size'] {
  if (common.size.vcpus !== null || !url) return common.size
  const host = decodeURIComponent(url.hostname || new URLSearchParams(url.search).get('host') || 'localhost')
  return isLoopbackHost(host) ? {...common.size, vcpus: localVcpus(), vcpusFrom: 'loopback'} : common.size
}

function checkServer(info: PostgresInfo, common: ParsedCommon, mixes: readonly string[], scratch: boolean): void {
  const problems: string[] = []
  // The control connection is open already; the scratch fill takes one more.
  const needed = common.settings.maxClients + (scratch ? 1 : 0)
  if (needed > info.freeConnections) {
    problems.push(
      `--max-clients: ${common.settings.maxClients} load connections do not fit: the server has ${Math.max(0, info.freeConnections)} free ` +
        `(max_connections ${info.maxConnections}); give --max-clients ${Math.max(1, info.freeConnections - (scratch ? 1 : 0))} or less`,
    )
  }

  if (info.inRecovery && mixes.includes('write')) {
    problems.push(
      `--url: the server is a standby (read replica), which refuses writes; measure writes on the primary, or give --mix read`,
    )
  }

  if (scratch && !info.canCreateSchema) {
    problems.push(
      `--url: ${info.user} may not create schemas in ${info.database}, which the scratch workload needs; grant CREATE on the database to a staging role, or measure your own statements with --read-query`,
    )
  }

  if (problems.length > 0) throw new UsageError(problems)
}

function serverWarnings(info: PostgresInfo, common: ParsedCommon): string[] {
  const warnings: string[] = []
  if (info.leftoverSchemas.length > 0) {
    warnings.push(
      `scratch schemas of an earlier run that was killed are still there: ${info.leftoverSchemas.join(', ')}; if no calibration is running, drop them with DROP SCHEMA <name> CASCADE`,
    )
  }

  if (common.size.burstable) {
    warnings.push(
      `${common.size.instanceClass} is burstable: once its CPU credits run out it slows down, so a long run measures less than a short one`,
    )
  }

  return warnings
}

function planLines(
  url: string,
  info: PostgresInfo,
  common: ParsedCommon,
  workload: ScratchWorkload | null,
  queries: UserQueries | null,
  mixes: readonly ('read' | 'write')[],
  sizeBytes: number,
  size: ParsedCommon['size'],
): string[] {
  const lines = [
    `Calibrate ${redactUrl(url)}: PostgreSQL ${info.version}, database ${info.database} as ${info.user}` +
      (size.vcpus
        ? `, ${size.vcpus} vCPUs (${size.vcpusFrom === 'loopback' ? 'this machine: the server is on loopback' : (size.instanceClass ?? '--vcpus')})`
        : ''),
  ]
  if (workload) {
    lines.push(
      `  creates schema ${workload.schema} with one table of ${workload.rows.toLocaleString('en-US')} rows (about ${formatBytes(sizeBytes)}), and drops it at the end; touches nothing else`,
    )
  }

  for (const kind of mixes) {
    const mix = workload ? (kind === 'read' ? workload.readMix : workload.writeMix) : queries![kind]!
    const sessions = mix.readOnly ? 'read-only sessions' : 'read-write sessions'
    lines.push(`  ${kind} mix: ${workload ? mix.description : `${queries!.texts[kind]!.text}`} (${sessions})`)
  }

  lines.push(...boundsLines(common, mixes.length, 'statements/s'))
  return lines
}

function measuredThresholds(sweeps: readonly NamedSweep[], size: ParsedCommon['size']): MeasuredThreshold[] {
  const thresholds: MeasuredThreshold[] = []
  for (const sweep of sweeps) {
    if (!sweep.capacity) continue
    const scaled = scaleDatabase(sweep.capacity.rate, size)
    if (!scaled) continue
    const name = sweep.name === 'read' ? THRESHOLD_FOR.databaseRead : THRESHOLD_FOR.databaseWrite
    thresholds.push({
      name,
      value: scaled.value,
      unit: THRESHOLDS[name].unit,
      referenceClass: scaled.referenceClass,
      factor: scaled.factor,
      how: scaled.how,
      measured: sweep.capacity.rate,
      measuredUnit: 'statements/s',
      lowerBound: sweep.capacity.lowerBound,
      sweep: sweep.name,
      atClients: sweep.capacity.concurrency,
    })
  }

  return thresholds
}

function asReported(error: unknown): unknown {
  return error instanceof TargetError ? new TargetFailedError([error.message]) : error
}
