/**
 * From what was measured on the user's server to what the thresholds describe: the catalog's
 * reference sizes (a db.r7g.xlarge database node, an m7g.large app server, a 2-vCPU service task,
 * a cache.r7g.large cache node). Each result says how it was scaled.
 */
import {APP_SERVER_INSTANCE, CACHE_NODE_TYPES, DB_CLASSES, SERVICE_TASK} from '../capacity/catalog.js'
import {instanceClassInfo} from './instance-class.js'

export interface Scaled {
  /** The value for the reference size. */
  readonly value: number
  readonly referenceClass: string
  /** value / measured. */
  readonly factor: number
  /** One sentence: how the measured figure became `value`. */
  readonly how: string
}

export interface ServerSize {
  readonly vcpus: number | null
  readonly instanceClass: string | null
}

const DB_REFERENCE = DB_CLASSES.find((c) => c.relativeCapacity === 1)!
const CACHE_REFERENCE = CACHE_NODE_TYPES.find((c) => c.relativeOps === 1)!

/**
 * A database rate for the reference node. A class the catalog rates is scaled by that rating,
 * so the planner gives back exactly the measured rate for the measured class; otherwise by vCPUs,
 * linearly. Null when neither the class nor the vCPUs are known.
 */
export function scaleDatabase(rate: number, size: ServerSize): Scaled | null {
  const rated = size.instanceClass ? DB_CLASSES.find((c) => c.instanceClass === size.instanceClass) : undefined
  const reference = DB_REFERENCE.instanceClass
  if (rated) {
    const factor = 1 / rated.relativeCapacity
    return {
      value: rate * factor,
      referenceClass: reference,
      factor,
      how:
        factor === 1
          ? `measured on the reference class ${reference} itself: not scaled`
          : `scaled from ${rated.instanceClass} by the catalog's rating of it (${rated.relativeCapacity} x ${reference}), so plans give back the measured rate on ${rated.instanceClass}`,
    }
  }

  if (size.vcpus === null) return null
  const factor = DB_REFERENCE.vcpu / size.vcpus
  return {
    value: rate * factor,
    referenceClass: reference,
    factor,
    how:
      factor === 1
        ? `measured on ${size.vcpus} vCPUs, as many as ${reference}: not scaled`
        : `scaled linearly by vCPUs, ${size.vcpus} measured to ${DB_REFERENCE.vcpu} on ${reference} (x${round(factor)})`,
  }
}

/** vCPUs of the app server the catalog plans with, and of one service task. */
export const APP_SERVER_VCPUS = instanceClassInfo(APP_SERVER_INSTANCE)!.vcpus
export const SERVICE_TASK_VCPUS = SERVICE_TASK.cpuUnits / 1024

/** App requests/s per vCPU scaled to `vcpus` (an app server or a service task), linearly. */
export function scaleApp(ratePerVcpu: number, measuredVcpus: number, vcpus: number, referenceClass: string): Scaled {
  return {
    value: ratePerVcpu * vcpus,
    referenceClass,
    factor: vcpus / measuredVcpus,
    how:
      vcpus === measuredVcpus
        ? `measured on ${measuredVcpus} vCPUs, as many as ${referenceClass}: not scaled`
        : `scaled linearly by vCPUs, ${measuredVcpus} measured to ${vcpus} on ${referenceClass} (x${round(vcpus / measuredVcpus)})`,
  }
}

/**
 * Cache operations for the reference node. Redis and Valkey run commands on one thread, so vCPUs
 * say little: a class the catalog rates is scaled by that rating, anything else is taken as is.
 */
export function scaleCache(rate: number, size: ServerSize): Scaled {
  const reference = CACHE_REFERENCE.nodeType
  const rated = size.instanceClass ? CACHE_NODE_TYPES.find((c) => c.nodeType === size.instanceClass) : undefined
  if (rated && rated.relativeOps !== 1) {
    const factor = 1 / rated.relativeOps
    return {
      value: rate * factor,
      referenceClass: reference,
      factor,
      how: `scaled from ${rated.nodeType} by the catalog's rating of it (${rated.relativeOps} x ${reference})`,
    }
  }

  return {
    value: rate,
    referenceClass: reference,
    factor: 1,
    how: rated
      ? `measured on the reference class ${reference} itself: not scaled`
      : `not scaled: Redis and Valkey execute commands on one thread, so one node's rate follows one core, not its vCPU count`,
  }
}

const round = (n: number) => Number(n.toFixed(2))
