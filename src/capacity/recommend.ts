/**
 * The planner: Spec -> CapacityPlan (stage, Topology, reasons, next-stage triggers). Pricing it
 * is the next step of the pipeline (`cost/recommend.ts`). A pure function: no files,
 * environment, clock or network.
 */
import {measuredSource, type MeasuredProvenance} from '../spec/measured.js'
import {formatBytes} from '../format/numbers.js'
import {MAX_USERS, fieldMeta, type Spec, type SpecKey} from '../spec/schema.js'
import {stageInfo, type StageName, type StageNumber, type Topology} from '../topology/types.js'
import {computeLoad, type Load} from './load.js'
import {evaluateRules, stageOf, type Reason} from './rules.js'
import {buildTopology, type CacheMath} from './sizing.js'
import {THRESHOLD_NAMES, THRESHOLDS, resolveThresholds, type Thresholds} from '../spec/thresholds.js'

export interface NextStage {
  readonly stage: StageNumber
  readonly name: StageName
  /** Daily users at which this stage (or a higher one) is first recommended; null when users alone never reach it. */
  readonly atUsers: number | null
  readonly because: string
}

export interface Assumption {
  readonly name: string
  readonly value: number | string
  readonly unit: string
  readonly source: string
  readonly estimate: boolean
  /** Set when `scaleplan calibrate` measured this value: when, at what target, on what. */
  readonly measured?: MeasuredProvenance
}

export interface CapacityPlan {
  readonly name: string
  readonly stage: {readonly number: StageNumber; readonly name: StageName; readonly title: string}
  /** The stage the load needs; differs from `stage.number` only when a stage was forced. */
  readonly recommendedStage: StageNumber
  readonly load: Load
  readonly topology: Topology
  readonly reasons: readonly Reason[]
  readonly cache: readonly CacheMath[]
  readonly next: readonly NextStage[]
  /** Every input and threshold the plan used. */
  readonly assumptions: readonly Assumption[]
  readonly warnings: readonly string[]
}

export interface RecommendOptions {
  /** Build the topology for this stage instead of the recommended one (`synth --stage`). */
  readonly stage?: StageNumber
}

export function planCapacity(spec: Spec, options: RecommendOptions = {}): CapacityPlan {
  const thresholds = resolveThresholds(spec.thresholds)
  const load = computeLoad(spec)
  const reasons = evaluateRules(spec, load, thresholds)
  const recommendedStage = stageOf(reasons)
  const stage = options.stage ?? recommendedStage
  const sizing = buildTopology(spec, load, stage, thresholds)
  const warnings = [...sizing.warnings]
  if (stage !== recommendedStage) {
    warnings.unshift(
      `stage ${stage} was forced; the load needs stage ${recommendedStage} (${stageInfo(recommendedStage).name})` +
        (stage < recommendedStage
          ? `: ${reasons
              .filter((r) => r.stage > stage)
              .map((r) => r.message)
              .join('; ')}`
          : ''),
    )
  }

  const info = stageInfo(stage)
  return {
    name: spec.name,
    stage: {number: info.number, name: info.name, title: info.title},
    recommendedStage,
    load,
    topology: sizing.topology,
    reasons,
    cache: sizing.cache,
    next: nextStages(spec, recommendedStage, thresholds),
    assumptions: assumptions(spec, thresholds),
    warnings,
  }
}

/** The stage the rules give for `users`, other inputs fixed. */
function stageAtUsers(spec: Spec, users: number, thresholds: Thresholds): {stage: StageNumber; reasons: Reason[]} {
  const scaled = {...spec, users}
  const reasons = evaluateRules(scaled, computeLoad(scaled), thresholds)
  return {stage: stageOf(reasons), reasons}
}

/**
 * For each higher stage, the fewest daily users at which it is recommended. Every rule is
 * monotone in users (load grows with them, nothing else changes), so a binary search finds it.
 */
export function nextStages(spec: Spec, current: StageNumber, thresholds: Thresholds): NextStage[] {
  const firstUsers = new Map<StageNumber, number | null>()
  const atMax = stageAtUsers(spec, MAX_USERS, thresholds).stage
  for (let target = current + 1; target <= 7; target++) {
    const stage = target as StageNumber
    if (atMax < stage) {
      firstUsers.set(stage, null)
      continue
    }

    let low = spec.users // the stage here is below target
    let high = MAX_USERS // the stage here reaches target
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2)
      if (stageAtUsers(spec, middle, thresholds).stage >= stage) high = middle
      else low = middle
    }

    firstUsers.set(stage, high)
  }

  const next: NextStage[] = []
  for (const [stage, atUsers] of firstUsers) {
    const {name} = stageInfo(stage)
    if (atUsers === null) {
      next.push({stage, name, atUsers, because: unreachable(spec, stage)})
      continue
    }

    // A stage reached at the same users as the one above it is skipped over, never recommended.
    if (firstUsers.get((stage + 1) as StageNumber) === atUsers) continue
    const because = stageAtUsers(spec, atUsers, thresholds)
      .reasons.filter((r) => r.stage === stage)
      .map((r) => r.message)
      .join('; ')
    next.push({stage, name, atUsers, because})
  }

  return next
}

function unreachable(spec: Spec, stage: StageNumber): string {
  if (stage === 7 && spec.services.length === 0) {
    return 'microservices need named services: give --services (like search,payment,profile)'
  }

  return `not reached by users alone, up to ${MAX_USERS.toLocaleString('en-US')} daily users, with the other inputs as they are`
}

function assumptions(spec: Spec, thresholds: Thresholds): Assumption[] {
  const input = (name: SpecKey, value: number | string, source = 'spec'): Assumption => ({
    name,
    value,
    unit: fieldMeta(name).unit!,
    source,
    estimate: false,
  })
  return [
    input('users', spec.users),
    input('requestsPerUser', spec.requestsPerUser),
    input('peakFactor', spec.peakFactor, 'spec; Alex Xu uses 2 (sources: alex-xu-estimation)'),
    input('readWrite', `${spec.readWrite.reads}:${spec.readWrite.writes}`),
    input('dataSize', formatBytes(spec.dataSize)),
    input('availability', spec.availability),
    {
      name: 'queriesPerRequest',
      value: 1,
      unit: 'database queries',
      source: 'model: each read or write request is one database query',
      estimate: true,
    },
    ...THRESHOLD_NAMES.map((name): Assumption => {
      const measured = spec.measured?.[name]
      const base = {name, value: thresholds[name], unit: THRESHOLDS[name].unit}
      if (measured) return {...base, source: measuredSource(measured), estimate: false, measured}
      return {
        ...base,
        source: name in spec.thresholds ? 'spec override' : THRESHOLDS[name].source,
        estimate: name in spec.thresholds ? false : THRESHOLDS[name].estimate,
      }
    }),
  ]
}
