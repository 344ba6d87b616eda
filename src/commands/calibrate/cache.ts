import * as Flags from '@oclif/core/flags'

import {
  KEY_OVERHEAD_BYTES,
  RedisCalibration,
  scratchKeys,
  type CacheInfo,
  type ScratchKeys,
} from '../../calibrate/cache/redis.js'
import {boundsLines, worstCaseMs} from '../../calibrate/plan-lines.js'
import {redactUrl} from '../../calibrate/redact.js'
import {scaleCache} from '../../calibrate/reference.js'
import type {CalibrationResult, MeasuredThreshold, NamedSweep} from '../../calibrate/result.js'
import {runSweep} from '../../calibrate/sweep.js'
import {TargetError} from '../../calibrate/target-error.js'
import {THRESHOLD_FOR} from '../../calibrate/threshold-map.js'
import {THRESHOLDS} from '../../spec/thresholds.js'
import {CalibrateCommand, calibrateFlags, TargetFailedError, type ParsedCommon} from '../../cli/calibrate-command.js'
import {UsageError} from '../../cli/errors.js'
import {readNumber} from '../../calibrate/read-number.js'
import {formatBytes} from '../../format/numbers.js'
import {COUNT} from '../../spec/forms.js'

const DEFAULTS = {maxClients: 64, maxRate: 200_000, p99: '10ms', classPrefix: 'cache.'} as const

export default class CalibrateCache extends CalibrateCommand {
  static override summary = 'Measure a Redis or Valkey node: GET/SET operations/s it serves under a p99 latency target.'
  static override description =
    'Writes scratch keys under a random prefix (scaleplan:calibrate:<random>:, each with a TTL), sends 80% GET and ' +
    '20% SET at rising concurrency until p99 latency passes --p99, and deletes exactly those keys at the end, also on ' +
    'Ctrl-C and on error. Point it at a staging node, never production. It prints the plan and asks first; --yes in CI.'

  static override examples = [
    '<%= config.bin %> <%= command.id %> --url redis://staging-cache:6379 --instance-class cache.r7g.large',
    'REDISCLI_AUTH=... <%= config.bin %> <%= command.id %> --url rediss://:$TOKEN@staging-cache:6379 --write-spec scaleplan.yaml --yes',
  ]

  static override flags = {
    url: Flags.string({
      description: 'redis:// or rediss:// URL of one staging node (a password here is never shown)',
      env: 'SCALEPLAN_CACHE_URL',
      required: true,
      helpValue: 'URL',
    }),
    keys: Flags.string({description: 'scratch keys to write and read, like 100k', default: '100k', helpValue: 'N'}),
    'value-size': Flags.integer({description: 'bytes per value', default: 100, min: 1, max: 1_000_000}),
    ...calibrateFlags(DEFAULTS),
  }

  async run(): Promise<CalibrationResult> {
    const {flags} = await this.parse(CalibrateCache)
    const problems: string[] = []
    const common = this.parseCommon(flags, DEFAULTS, problems)
    const keys = readNumber(COUNT, flags.keys)
    if (keys === null || keys < 1 || keys > 100_000_000 || !Number.isInteger(keys))
      problems.push(`--keys: expected a key count from 1 to 100M, like 100k, got "${flags.keys}"`)
    if (!/^rediss?:\/\//.test(flags.url))
      problems.push(`--url: expected a URL like redis://host:6379 or rediss://host:6379, got "${redactUrl(flags.url)}"`)
    await this.checkSpecFile(flags['write-spec'], problems)
    if (problems.length > 0) throw new UsageError(problems)

    let calibration: RedisCalibration
    try {
      calibration = await RedisCalibration.connect(flags.url)
    } catch (error) {
      throw asReported(error)
    }

    // Keys outlive a killed run by at most the whole run plus ten minutes.
    const ttlSeconds = Math.ceil(worstCaseMs(common.sweep, 1) / 1000) + 600
    const scratch = scratchKeys(keys ?? 0, flags['value-size'], ttlSeconds)
    let filled = false
    try {
      const info = await calibration.info()
      checkServer(info, scratch)
      const plan = [
        `Calibrate ${redactUrl(flags.url)}: ${info.server}`,
        `  writes ${scratch.keys.toLocaleString('en-US')} keys of ${scratch.valueBytes} bytes (about ${formatBytes(scratchBytes(scratch))}) under ${scratch.prefix}, each expiring after ${ttlSeconds} s, and deletes them at the end; touches no other key`,
        ...boundsLines(common.sweep, 1, 'operations/s'),
      ]
      const warnings =
        info.maxMemory > 0 && info.evictionPolicy.startsWith('allkeys')
          ? [`maxmemory-policy is ${info.evictionPolicy}: if memory runs short, the scratch keys may evict other keys`]
          : []
      let measuredAt = new Date().toISOString()
      const result = (sweeps: NamedSweep[], thresholds: MeasuredThreshold[]): CalibrationResult => ({
        schemaVersion: 1,
        kind: 'cache',
        measuredAt,
        target: {
          url: redactUrl(flags.url),
          server: info.server,
          vcpus: common.size.vcpus,
          vcpusFrom: common.size.vcpusFrom,
          instanceClass: common.size.instanceClass,
        },
        settings: common.settings,
        sweeps,
        thresholds,
        warnings,
        specFile: null,
      })
      if (flags['dry-run']) {
        this.note([...plan, '', 'Dry run: no load was sent.'].join('\n'))
        return result([], [])
      }

      await this.confirmLoad(plan, flags.yes)
      measuredAt = new Date().toISOString()
      const target = calibration.target(scratch)
      const sweep = await this.interruptible(
        async (signal) => {
          try {
            filled = true
            await calibration.fill(scratch, signal)
            return await runSweep(
              target,
              common.sweep,
              signal,
              this.progress('cache', target.description, common.sweep.p99TargetMs),
            )
          } finally {
            target.close()
            await calibration.deleteScratch(scratch)
            filled = false
            this.note(`Deleted the ${scratch.keys.toLocaleString('en-US')} scratch keys.`)
          }
        },
        () =>
          filled ? `the scratch keys ${scratch.prefix}* remain until they expire in at most ${ttlSeconds} s` : null,
      )
      const sweeps: NamedSweep[] = [{name: 'cache', description: target.description, unit: 'operations/s', ...sweep}]
      return await this.complete(result(sweeps, cacheThresholds(sweeps[0]!, common)), flags['write-spec'], flags.color)
    } catch (error) {
      throw asReported(error)
    } finally {
      await calibration.close()
    }
  }
}

function scratchBytes(scratch: ScratchKeys): number {
  return scratch.keys * (scratch.valueBytes + scratch.prefix.length + 8 + KEY_OVERHEAD_BYTES)
}

function checkServer(info: CacheInfo, scratch: ScratchKeys): void {
  const problems: string[] = []
  if (info.clusterEnabled) {
    problems.push(
      '--url: the server runs in cluster mode; keys of other slots would be redirected: point --url at a node of a non-cluster setup',
    )
  }

  if (info.maxMemory > 0 && info.usedMemory + scratchBytes(scratch) > info.maxMemory * 0.9) {
    problems.push(
      `--keys: ${formatBytes(scratchBytes(scratch))} of scratch keys would fill the node past 90% of its maxmemory (${formatBytes(info.maxMemory)}, ${formatBytes(info.usedMemory)} used); give fewer --keys or a smaller --value-size`,
    )
  }

  if (problems.length > 0) throw new UsageError(problems)
}

function cacheThresholds(sweep: NamedSweep, common: ParsedCommon): MeasuredThreshold[] {
  if (!sweep.capacity) return []
  const scaled = scaleCache(sweep.capacity.rate, common.size)
  const name = THRESHOLD_FOR.cacheNode
  return [
    {
      name,
      value: scaled.value,
      unit: THRESHOLDS[name].unit,
      referenceClass: scaled.referenceClass,
      factor: scaled.factor,
      how: scaled.how,
      measured: sweep.capacity.rate,
      measuredUnit: 'operations/s',
      lowerBound: sweep.capacity.lowerBound,
      sweep: sweep.name,
      atClients: sweep.capacity.concurrency,
    },
  ]
}

function asReported(error: unknown): unknown {
  return error instanceof TargetError ? new TargetFailedError([error.message]) : error
}
