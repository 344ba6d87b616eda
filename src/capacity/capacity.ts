/**
 * The one capacity function: what each node carries at the spec's target utilisation
 * (`headroom`). The stage rules and the sizing both read these, so a rule crosses exactly where
 * the sizing runs out of the node it names.
 */
import type {Thresholds} from '../spec/thresholds.js'
import {CACHE_NODE_TYPES, DB_CLASSES, SMALL_CACHE_NODE, type DbClass} from './catalog.js'

/** Rounding slack: a load computed as 2.0000000001 nodes still fits in 2. */
const SLACK = 1e-9

/** ceil() that forgives floating-point noise just above a whole number. */
export function ceilCount(value: number): number {
  return Math.ceil(value - SLACK)
}

export interface DbNodeCapacity {
  readonly dbClass: DbClass
  /** Read queries/s the node carries at the target utilisation, with no writes. */
  readonly readQps: number
  /** Write queries/s the node carries at the target utilisation, with no reads. */
  readonly writeQps: number
}

export interface CacheNodeCapacity {
  readonly nodeType: string
  readonly memoryGiB: number
  /** Operations/s at the target utilisation. */
  readonly ops: number
  /** True for the burstable node, which is planned as one shard only. */
  readonly single: boolean
}

export interface Capacities {
  readonly headroom: number
  /** Requests/s one machine running the app and its database carries. */
  readonly singleServerRps: number
  readonly appServerRps: number
  readonly serviceTaskRps: number
  /** Every database class, smallest first. */
  readonly db: readonly DbNodeCapacity[]
  /** Every cache node type, smallest first (the burstable one first). */
  readonly cache: readonly CacheNodeCapacity[]
}

/** Measured capacities (thresholds) x target utilisation (the spec's headroom). */
export function capacities(thresholds: Thresholds, headroom: number): Capacities {
  return {
    headroom,
    singleServerRps: thresholds.singleServerRps * headroom,
    appServerRps: thresholds.appServerRps * headroom,
    serviceTaskRps: thresholds.serviceTaskRps * headroom,
    db: DB_CLASSES.map((dbClass) => ({
      dbClass,
      readQps: thresholds.dbNodeReadQps * dbClass.relativeCapacity * headroom,
      writeQps: thresholds.dbNodeWriteQps * dbClass.relativeCapacity * headroom,
    })),
    cache: [
      {
        nodeType: SMALL_CACHE_NODE.nodeType,
        memoryGiB: SMALL_CACHE_NODE.usableGiB,
        ops: SMALL_CACHE_NODE.maxOps * headroom,
        single: true,
      },
      ...CACHE_NODE_TYPES.map((node) => ({
        nodeType: node.nodeType,
        memoryGiB: thresholds.cacheNodeMemoryGiB * node.relativeMemory,
        ops: thresholds.cacheNodeOps * node.relativeOps * headroom,
        single: false,
      })),
    ],
  }
}

/**
 * The share of a database node's capacity a mix of reads and writes takes: reads and writes
 * each use their measured rate, and together they add up. 1 is the target utilisation.
 */
export function dbLoad(node: DbNodeCapacity, readQps: number, writeQps: number): number {
  return readQps / node.readQps + writeQps / node.writeQps
}

/** True when the node carries the mix within its target utilisation. */
export function dbFits(node: DbNodeCapacity, readQps: number, writeQps: number): boolean {
  return dbLoad(node, readQps, writeQps) <= 1 + SLACK
}

/**
 * Read queries/s a replica serves after replaying its primary's writes: a replica applies every
 * write of its shard, so it has only what those leave.
 */
export function replicaReadQps(node: DbNodeCapacity, replayedWriteQps: number): number {
  return node.readQps * Math.max(0, 1 - replayedWriteQps / node.writeQps)
}

/** App servers (or a service's tasks) for a peak: what it needs, plus one spare. */
export function serversFor(peakRps: number, perServerRps: number): number {
  return ceilCount(peakRps / perServerRps) + 1
}
