/**
 * The Redis/Valkey side of `calibrate cache`, through ioredis: scratch keys under a random
 * prefix (each with a TTL, so even a killed run's keys expire), a GET/SET mix over one
 * connection per client, and deletion of exactly those keys at the end.
 */
import {randomBytes} from 'node:crypto'
import {Redis} from 'ioredis'

import type {LoadTarget, StepRun} from '../load-target.js'
import {RateCap} from '../rate-cap.js'
import {redactSecrets, secretsOf} from '../redact.js'
import {TargetError} from '../target-error.js'

export interface CacheInfo {
  /** "valkey 8.0.1", "redis 7.0.15". */
  readonly server: string
  readonly clusterEnabled: boolean
  /** maxmemory in bytes; 0 when unlimited. */
  readonly maxMemory: number
  readonly usedMemory: number
  readonly evictionPolicy: string
}

export interface ScratchKeys {
  readonly prefix: string
  readonly keys: number
  readonly valueBytes: number
  /** Seconds each key lives if the run cannot delete it. */
  readonly ttlSeconds: number
}

/** Share of operations that are GETs; the rest are SETs of an existing key. */
export const GET_SHARE = 0.8
const FILL_BATCH = 1000
/** Redis's per-key overhead (dict entry, key and value objects), roughly, for the plan's estimate. */
export const KEY_OVERHEAD_BYTES = 80

export function scratchKeys(keys: number, valueBytes: number, ttlSeconds: number): ScratchKeys {
  return {prefix: `scaleplan:calibrate:${randomBytes(4).toString('hex')}:`, keys, valueBytes, ttlSeconds}
}

export class RedisCalibration {
  private readonly secrets: string[]

  private constructor(
    private readonly url: string,
    private readonly control: Redis,
  ) {
    this.secrets = secretsOf(url)
  }

  static async connect(url: string): Promise<RedisCalibration> {
    const control = newClient(url)
    try {
      await control.connect()
      await control.ping()
    } catch (error) {
      control.disconnect()
      throw new TargetError(`cannot connect to the cache: ${redactSecrets(messageOf(error), secretsOf(url))}`)
    }

    return new RedisCalibration(url, control)
  }

  async info(): Promise<CacheInfo> {
    const text = await this.control.info()
    const field = (name: string) => new RegExp(`^${name}:(.*)$`, 'm').exec(text)?.[1]?.trim()
    const name = field('server_name') ?? 'redis'
    const version = field('valkey_version') ?? field('redis_version') ?? 'unknown'
    return {
      server: `${name} ${version}`,
      clusterEnabled: field('cluster_enabled') === '1',
      maxMemory: Number(field('maxmemory') ?? 0),
      usedMemory: Number(field('used_memory') ?? 0),
      evictionPolicy: field('maxmemory_policy') ?? 'unknown',
    }
  }

  /** Writes every scratch key, in pipelined batches. */
  async fill(scratch: ScratchKeys, signal: AbortSignal): Promise<void> {
    const value = 'x'.repeat(scratch.valueBytes)
    for (let start = 0; start < scratch.keys && !signal.aborted; start += FILL_BATCH) {
      const pipeline = this.control.pipeline()
      for (let i = start; i < Math.min(scratch.keys, start + FILL_BATCH); i++)
        pipeline.set(`${scratch.prefix}${i}`, value, 'EX', scratch.ttlSeconds)
      // eslint-disable-next-line no-await-in-loop -- one batch at a time keeps the server responsive
      await this.run(() => pipeline.exec())
    }
  }

  /** Deletes exactly the scratch keys (UNLINK frees memory in the background). */
  async deleteScratch(scratch: ScratchKeys): Promise<void> {
    for (let start = 0; start < scratch.keys; start += FILL_BATCH) {
      const names = Array.from(
        {length: Math.min(FILL_BATCH, scratch.keys - start)},
        (_, i) => `${scratch.prefix}${start + i}`,
      )
      // eslint-disable-next-line no-await-in-loop
      await this.run(() => this.control.unlink(...names))
    }
  }

  target(scratch: ScratchKeys): RedisTarget {
    return new RedisTarget(this.url, scratch, this.secrets)
  }

  async close(): Promise<void> {
    await this.control.quit().catch(() => this.control.disconnect())
  }

  private async run<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call()
    } catch (error) {
      throw new TargetError(`the cache failed: ${redactSecrets(messageOf(error), this.secrets)}`)
    }
  }
}

export class RedisTarget implements LoadTarget {
  readonly description = `${GET_SHARE * 100}% GET, ${100 - GET_SHARE * 100}% SET of random scratch keys`
  private readonly clients: Redis[] = []
  private readonly value: string

  constructor(
    private readonly url: string,
    private readonly scratch: ScratchKeys,
    private readonly secrets: readonly string[],
  ) {
    this.value = 'y'.repeat(scratch.valueBytes)
  }

  async prepare(concurrency: number): Promise<void> {
    const fresh = Array.from({length: Math.max(0, concurrency - this.clients.length)}, () => newClient(this.url))
    this.clients.push(...fresh)
    try {
      await Promise.all(fresh.map((client) => client.connect()))
    } catch (error) {
      throw new TargetError(`cannot open a load connection: ${redactSecrets(messageOf(error), this.secrets)}`)
    }
  }

  async runStep({concurrency, until, maxRate, sink, signal}: StepRun): Promise<void> {
    await this.prepare(concurrency)
    const cap = new RateCap(maxRate, sink)
    const {prefix, keys, ttlSeconds} = this.scratch
    const worker = async (client: Redis) => {
      while (!signal.aborted && performance.now() < until) {
        const wait = cap.take(signal)
        // eslint-disable-next-line no-await-in-loop -- a closed loop: one command at a time per client
        if (wait) await wait
        const key = `${prefix}${Math.floor(Math.random() * keys)}`
        const start = performance.now()
        try {
          // eslint-disable-next-line no-await-in-loop
          await (Math.random() < GET_SHARE ? client.get(key) : client.set(key, this.value, 'EX', ttlSeconds))
          sink.success(performance.now() - start)
        } catch (error) {
          if (signal.aborted) return
          sink.error(redactSecrets(messageOf(error), this.secrets))
        }
      }
    }

    await Promise.all(this.clients.slice(0, concurrency).map(worker))
  }

  close(): void {
    for (const client of this.clients.splice(0)) client.disconnect()
  }
}

function newClient(url: string): Redis {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 10_000,
    // Fail fast instead of queueing or retrying: a lost server shows as errors, not as a hang.
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
    connectionName: 'scaleplan-calibrate',
  })
  // Failures surface where a command fails; without a listener ioredis would also print them.
  client.on('error', () => undefined)
  return client
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!
}
