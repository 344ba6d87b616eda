/**
 * `calibrate cache`: a GET/SET mix against one Redis or Valkey node, on scratch keys written under
 * a random prefix (each with a TTL) and deleted at the end.
 */
import {formatBytes} from '../../format/numbers.js'
import {COUNT} from '../../spec/forms.js'
import type {CalibrationIO} from '../calibration-io.js'
import type {CommonOptions} from '../common-options.js'
import {InputError} from '../errors.js'
import {hasCapacity, measuredThreshold} from '../measured-threshold.js'
import {boundsLines, worstCaseMs} from '../plan-lines.js'
import {readNumber} from '../read-number.js'
import {redactUrl} from '../redact.js'
import {scaleCache} from '../reference.js'
import type {CalibrationResult, MeasuredThreshold, NamedSweep, SizeInfo} from '../result.js'
import {runCalibration, type Calibrator, type Scratch} from '../run-calibration.js'
import {THRESHOLD_FOR} from '../threshold-map.js'
import {KEY_OVERHEAD_BYTES, RedisCalibration, scratchKeys, type CacheInfo, type ScratchKeys} from './redis.js'

export const CACHE_DEFAULTS = {maxClients: 64, maxRate: 200_000, p99: '10ms', classPrefix: 'cache.'} as const

export interface CacheOptions extends CommonOptions {
  /** Scratch keys to write and read, like 100k. */
  readonly keys: string
  readonly 'value-size': number
}

interface Checked {
  readonly url: string
  readonly keys: number
  readonly valueBytes: number
}

const cache: Calibrator<CacheOptions, Checked, RedisCalibration> = {
  kind: 'cache',
  defaults: CACHE_DEFAULTS,

  check(options, _common, problems) {
    const keys = readNumber(COUNT, options.keys)
    if (keys === null || keys < 1 || keys > 100_000_000 || !Number.isInteger(keys))
      problems.push(`--keys: expected a key count from 1 to 100M, like 100k, got "${options.keys}"`)
    if (!/^rediss?:\/\//.test(options.url))
      problems.push(
        `--url: expected a URL like redis://host:6379 or rediss://host:6379, got "${redactUrl(options.url)}"`,
      )
    return {url: options.url, keys: keys ?? 0, valueBytes: options['value-size']}
  },

  connect: ({url}) => RedisCalibration.connect(url),

  async plan(calibration, {url, keys, valueBytes}, common) {
    // Keys outlive a killed run by at most the whole run plus ten minutes.
    const ttlSeconds = Math.ceil(worstCaseMs(common.sweep, 1) / 1000) + 600
    const scratch = scratchKeys(keys, valueBytes, ttlSeconds)
    const info = await calibration.info()
    const refused = serverProblems(info, scratch)
    if (refused.length > 0) throw new InputError(refused)
    return {
      server: info.server,
      size: common.size,
      lines: [
        `Calibrate ${redactUrl(url)}: ${info.server}`,
        `  writes ${scratch.keys.toLocaleString('en-US')} keys of ${scratch.valueBytes} bytes (about ${formatBytes(scratchBytes(scratch))}) under ${scratch.prefix}, each expiring after ${ttlSeconds} s, and deletes them at the end; touches no other key`,
        ...boundsLines(common.sweep, 1, 'operations/s'),
      ],
      warnings:
        info.maxMemory > 0 && info.evictionPolicy.startsWith('allkeys')
          ? [`maxmemory-policy is ${info.evictionPolicy}: if memory runs short, the scratch keys may evict other keys`]
          : [],
      scratch: scratchKeySet(calibration, scratch),
      sweeps: [{name: 'cache', unit: 'operations/s', target: calibration.target(scratch)}],
      thresholds: (sweeps) => cacheThresholds(sweeps[0]!, common.size),
    }
  },

  close: (calibration) => calibration.close(),
}

function scratchKeySet(calibration: RedisCalibration, scratch: ScratchKeys): Scratch {
  return {
    leftover: `the scratch keys ${scratch.prefix}* remain until they expire in at most ${scratch.ttlSeconds} s`,
    create: (signal) => calibration.fill(scratch, signal),
    async remove(note) {
      await calibration.deleteScratch(scratch)
      note(`Deleted the ${scratch.keys.toLocaleString('en-US')} scratch keys.`)
    },
  }
}

function scratchBytes(scratch: ScratchKeys): number {
  return scratch.keys * (scratch.valueBytes + scratch.prefix.length + 8 + KEY_OVERHEAD_BYTES)
}

/** What stops the run before it starts: a cluster node, or too little memory for the scratch keys. */
function serverProblems(info: CacheInfo, scratch: ScratchKeys): string[] {
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

  return problems
}

/** cacheNodeOps from the GET/SET sweep, for the reference node. */
function cacheThresholds(sweep: NamedSweep, size: SizeInfo): MeasuredThreshold[] {
  if (!hasCapacity(sweep)) return []
  return [measuredThreshold(THRESHOLD_FOR.cacheNode, scaleCache(sweep.capacity.rate, size), sweep, 'operations/s')]
}

/** Measures a Redis or Valkey node: the GET/SET operations/s it serves under the p99 target. */
export function calibrateCache(options: CacheOptions, io: CalibrationIO): Promise<CalibrationResult> {
  return runCalibration(cache, options, io)
}
