/**
 * The Topology's bounds (topology/bounds.ts) as a person reads them: what is past its bound, and
 * which of the spec's inputs drove it there, so the fix is in the message. `synth`, `plan`,
 * `apply` and `destroy` refuse such a plan as bad input; `recommend` and `report` show it with a
 * warning, since the answer is still worth reading.
 */
import {formatNumber} from '../format/numbers.js'
import {SPEC_FIELDS, type Spec, type SpecKey} from '../spec/schema.js'
import {DEFAULT_THRESHOLDS, type ThresholdName} from '../spec/thresholds.js'
import {topologyExcesses, type BoundName, type Excess} from '../topology/bounds.js'
import type {Topology} from '../topology/types.js'

interface Drivers {
  /** Spec inputs that raise the count; named when the spec sets them (users always). */
  readonly inputs: readonly SpecKey[]
  /** Thresholds the count is sized by; named when the spec overrides them. */
  readonly thresholds: readonly ThresholdName[]
  readonly advice: string
}

const LOAD: readonly SpecKey[] = ['users', 'requestsPerUser', 'peakFactor']
const SIZED = 'plan for less load, or raise the thresholds it is sized by'
const DATABASE_THRESHOLDS: readonly ThresholdName[] = [
  'dbNodeReadQps',
  'dbNodeWriteQps',
  'storagePerShardGB',
  'maxReadReplicas',
  'cacheHitRatio',
]

/** What drives each bounded count, and what to do about it. */
const DRIVERS: Readonly<Record<BoundName, Drivers>> = {
  databaseInstancesPerRegion: {
    inputs: [...LOAD, 'readWrite', 'queriesPerRequest', 'headroom', 'dataSize'],
    thresholds: DATABASE_THRESHOLDS,
    advice: SIZED,
  },
  databaseInstances: {
    inputs: [...LOAD, 'readWrite', 'queriesPerRequest', 'headroom', 'dataSize', 'regions'],
    thresholds: DATABASE_THRESHOLDS,
    advice: SIZED,
  },
  appServersPerRegion: {
    inputs: [...LOAD, 'headroom'],
    thresholds: ['appServerRps', 'autoscalingMaxFactor'],
    advice: SIZED,
  },
  tasksPerService: {
    inputs: [...LOAD, 'headroom'],
    thresholds: ['serviceTaskRps', 'autoscalingMaxFactor'],
    advice: SIZED,
  },
  cacheNodesPerRegion: {
    inputs: [...LOAD, 'readWrite', 'queriesPerRequest', 'headroom', 'dataSize', 'hotSet'],
    thresholds: ['cacheNodeMemoryGiB', 'cacheNodeOps'],
    advice: SIZED,
  },
  servicesPerRegion: {inputs: ['services'], thresholds: [], advice: 'name fewer services'},
  serviceDeployments: {inputs: ['services', 'regions'], thresholds: [], advice: 'name fewer services or regions'},
}

/** Excesses of one bound shown in full before the rest are counted. */
const SHOWN_PER_BOUND = 3

/** One line per bound the plan passes, each naming the inputs that drove it; empty when within bounds. */
export function topologyLimitProblems(spec: Spec, topology: Topology): string[] {
  const byBound = new Map<string, Excess[]>()
  for (const excess of topologyExcesses(topology))
    byBound.set(excess.bound, [...(byBound.get(excess.bound) ?? []), excess])
  return [...byBound.values()].flatMap((excesses) => {
    const worst = [...excesses].sort((a, b) => b.count - a.count)
    const shown = worst.slice(0, SHOWN_PER_BOUND).map((excess) => `${excess.message}; ${drivenBy(spec, excess.bound)}`)
    const more = worst.length - shown.length
    return more > 0 ? [...shown, `  and ${more} more past the same bound`] : shown
  })
}

/**
 * The same problems as warnings on a recommendation, which stays worth reading: `recommend` and
 * `report` show what the load needs even where `synth` would refuse to build it.
 */
export function withTopologyLimitWarnings<
  R extends {readonly topology: Topology; readonly warnings: readonly string[]},
>(spec: Spec, recommendation: R): R {
  const limits = topologyLimitProblems(spec, recommendation.topology)
  if (limits.length === 0) return recommendation
  return {
    ...recommendation,
    warnings: [...recommendation.warnings, ...limits.map((limit) => `synth would refuse this plan: ${limit.trim()}`)],
  }
}

/** "driven by users 10B and thresholds.dbNodeReadQps 1 (default 18,500); plan for less load, ...". */
function drivenBy(spec: Spec, bound: BoundName): string {
  const {inputs, thresholds, advice} = DRIVERS[bound]
  const given = inputs.filter((key) => key === 'users' || !isDefault(spec, key)).map((key) => describe(spec, key))
  const overridden = thresholds
    .filter((name) => spec.thresholds[name] !== undefined)
    .map((name) => {
      const [value, fallback] = [spec.thresholds[name]!, DEFAULT_THRESHOLDS[name]]
      return `thresholds.${name} ${formatNumber(value, 6)} (default ${formatNumber(fallback, 6)})`
    })
  return `driven by ${[...given, ...overridden].join(', ')}; ${advice}`
}

function isDefault(spec: Spec, key: SpecKey): boolean {
  const fallback = SPEC_FIELDS[key].safeParse(undefined)
  return fallback.success && JSON.stringify(fallback.data) === JSON.stringify(spec[key as keyof Spec])
}

function describe(spec: Spec, key: SpecKey): string {
  const value = spec[key as keyof Spec]
  if (key === 'readWrite') return `readWrite ${spec.readWrite.reads}:${spec.readWrite.writes}`
  if (typeof value === 'number') return `${key} ${formatNumber(value, 6)}`
  if (Array.isArray(value)) return `${key} (${value.length})`
  return key
}
