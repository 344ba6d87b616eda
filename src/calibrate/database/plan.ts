/**
 * What the database command checks and says before it sends load, and the thresholds it reads
 * off the sweeps afterwards. Pure: problems and warnings come back as lines.
 */
import {formatBytes} from '../../format/numbers.js'
import {formatDuration} from '../durations.js'
import {hasCapacity, measuredThreshold} from '../measured-threshold.js'
import {boundsLines} from '../plan-lines.js'
import {redactUrl} from '../redact.js'
import {scaleDatabase} from '../reference.js'
import type {MeasuredThreshold, NamedSweep, SizeInfo} from '../result.js'
import type {SweepSettings} from '../sweep.js'
import {THRESHOLD_FOR} from '../threshold-map.js'
import type {MixKind, UserQueries} from './options.js'
import {FILL_TIMEOUT_MS, type PostgresInfo} from './postgres.js'
import type {QueryMix, ScratchWorkload} from './workload.js'

/** What stops the run before it starts: too few connections, a standby for writes, no CREATE right. */
export function serverProblems(
  info: PostgresInfo,
  maxClients: number,
  mixes: readonly MixKind[],
  scratch: boolean,
): string[] {
  const problems: string[] = []
  // The control connection is open already; the scratch fill takes one more.
  const needed = maxClients + (scratch ? 1 : 0)
  if (needed > info.freeConnections) {
    problems.push(
      `--max-clients: ${maxClients} load connections do not fit: the server has ${Math.max(0, info.freeConnections)} free ` +
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

  return problems
}

export function serverWarnings(info: PostgresInfo, size: SizeInfo): string[] {
  const warnings: string[] = []
  if (info.leftoverSchemas.length > 0) {
    warnings.push(
      `scratch schemas of an earlier run that was killed are still there: ${info.leftoverSchemas.join(', ')}; if no calibration is running, drop them with DROP SCHEMA <name> CASCADE`,
    )
  }

  if (size.burstable) {
    warnings.push(
      `${size.instanceClass} is burstable: once its CPU credits run out it slows down, so a long run measures less than a short one`,
    )
  }

  return warnings
}

export interface DatabasePlan {
  readonly url: string
  readonly info: PostgresInfo
  readonly sweep: SweepSettings
  readonly size: SizeInfo
  /** The scratch workload, or null when the user's queries run instead. */
  readonly workload: ScratchWorkload | null
  readonly queries: UserQueries | null
  readonly mixes: readonly MixKind[]
  readonly sizeBytes: number
}

/** The statements a mix sends: the scratch workload's, or the user's query. */
export function mixOf(kind: MixKind, workload: ScratchWorkload | null, queries: UserQueries | null): QueryMix {
  return workload ? (kind === 'read' ? workload.readMix : workload.writeMix) : queries![kind]!
}

/** What the run will do, for people, before they agree to it. */
export function planLines({url, info, sweep, size, workload, queries, mixes, sizeBytes}: DatabasePlan): string[] {
  const lines = [
    `Calibrate ${redactUrl(url)}: PostgreSQL ${info.version}, database ${info.database} as ${info.user}` +
      (size.vcpus
        ? `, ${size.vcpus} vCPUs (${size.vcpusFrom === 'loopback' ? 'this machine: the server is on loopback' : (size.instanceClass ?? '--vcpus')})`
        : ''),
  ]
  if (workload) {
    lines.push(
      `  creates schema ${workload.schema} with one table of ${workload.rows.toLocaleString('en-US')} rows (about ${formatBytes(sizeBytes)}; each step of the fill at most ${formatDuration(FILL_TIMEOUT_MS)}), and drops it at the end; touches nothing else`,
    )
  }

  for (const kind of mixes) {
    const mix = mixOf(kind, workload, queries)
    const sessions = mix.readOnly ? 'read-only sessions' : 'read-write sessions'
    lines.push(`  ${kind} mix: ${workload ? mix.description : `${queries!.texts[kind]!.text}`} (${sessions})`)
  }

  lines.push(...boundsLines(sweep, mixes.length, 'statements/s'))
  return lines
}

/** dbNodeReadQps from the read sweep, dbNodeWriteQps from the write sweep, scaled to the reference node. */
export function databaseThresholds(sweeps: readonly NamedSweep[], size: SizeInfo): MeasuredThreshold[] {
  return sweeps.filter(hasCapacity).flatMap((sweep) => {
    const scaled = scaleDatabase(sweep.capacity.rate, size)
    if (!scaled) return []
    const name = sweep.name === 'read' ? THRESHOLD_FOR.databaseRead : THRESHOLD_FOR.databaseWrite
    return [measuredThreshold(name, scaled, sweep, 'statements/s')]
  })
}
