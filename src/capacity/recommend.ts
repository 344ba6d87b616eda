/**
 * The planner: Spec -> CapacityPlan (stage, Topology, reasons, next-stage triggers, quotas,
 * availability). Pricing it is the next step of the pipeline (`cost/recommend.ts`), which also
 * hands in the prices the planner compares. A pure function: no files, environment, clock or
 * network.
 */
import {formatBytes, formatNumber} from '../format/numbers.js'
import {measuredSource, type MeasuredProvenance} from '../spec/measured.js'
import {MAX_USERS, SPEC_FIELDS, fieldMeta, type Spec, type SpecKey} from '../spec/schema.js'
import {THRESHOLD_NAMES, THRESHOLDS, resolveThresholds} from '../spec/thresholds.js'
import {stageInfo, type StageName, type StageNumber, type Topology} from '../topology/types.js'
import {composeAvailability, formatPercent, type Availability} from './availability.js'
import {edgeCosts} from './edge.js'
import {computeLoad, type Load} from './load.js'
import {Planner, stageOfDecisions, type Decisions} from './planner.js'
import type {PlanPricing} from './pricing.js'
import {checkQuotas, type QuotaFinding} from './quotas.js'
import {evaluateRules, type Reason} from './rules.js'
import {buildTopology, type CacheMath, type Sizing} from './sizing.js'

export {Planner} from './planner.js'

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

/** The CDN decision at these users, with both costs it compared. */
export interface EdgeDecision {
  readonly cdn: boolean
  /** `latency` for users in two or more regions; `cost` where CloudFront costs no more; `none` without a CDN. */
  readonly why: 'latency' | 'cost' | 'none'
  /** Monthly USD of the project's edge through CloudFront: its volume tiers and requests, and the bucket it reads. */
  readonly cdnUsd: number
  /** Monthly USD of the project's edge without it: internet egress tiers from every region, and their buckets. */
  readonly directUsd: number
  /** The fewest daily users from which the plan has a CDN; null when users alone never bring it. */
  readonly cdnFromUsers: number | null
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
  readonly edge: EdgeDecision
  readonly availability: Availability
  /** Default AWS quotas the plan passes, with the increase to request. */
  readonly quotas: readonly QuotaFinding[]
  /** Every input and threshold the plan used. */
  readonly assumptions: readonly Assumption[]
  readonly warnings: readonly string[]
}

export interface RecommendOptions {
  /** Build the topology for this stage instead of the recommended one (`synth --stage`). */
  readonly stage?: StageNumber
  /**
   * Database shards already built: the plan keeps at least this many. Splitting is the costly
   * part of sharding, and nobody merges shards back to save a little, so a growth timeline plans
   * each month with the shards of the months before it. Read when the planner is built.
   */
  readonly shardsBuilt?: number
}

/** Plans `spec` with the prices `pricing` gives. */
export function planCapacity(spec: Spec, pricing: PlanPricing, options: RecommendOptions = {}): CapacityPlan {
  const planner = new Planner(spec, resolveThresholds(spec.thresholds), pricing, options.shardsBuilt)
  return planAt(planner, spec.users, options)
}

/** What a plan is built on: the load, the parts it needs and has, its stage and its sized topology. */
export interface PlanShape {
  readonly load: Load
  /** The parts the load needs. */
  readonly needed: Decisions
  readonly recommendedStage: StageNumber
  readonly stage: StageNumber
  /** The parts the plan has: those needed, or a forced stage's. */
  readonly decisions: Decisions
  readonly sizing: Sizing
}

/**
 * The plan's shape at `users`, without the reasons, triggers, checks and assumptions that explain
 * it: all a forecast keeps of each of its samples, and what `planAt` explains.
 */
export function shapeAt(planner: Planner, users: number, options: RecommendOptions = {}): PlanShape {
  const load = computeLoad(planner.spec, planner.thresholds, users)
  const needed = planner.decisionsAt(users)
  const recommendedStage = stageOfDecisions(needed)
  const stage = options.stage ?? recommendedStage
  const decisions = options.stage === undefined ? needed : planner.forcedDecisions(options.stage, users)
  const sizing = buildTopology(planner, load, decisions, stage, users)
  return {load, needed, recommendedStage, stage, decisions, sizing}
}

/**
 * The plan at `users` for the planner's spec. A planner holds everything that does not depend on
 * users, so planning one spec at many user counts (ranges, growth) builds it once.
 */
export function planAt(planner: Planner, users: number, options: RecommendOptions = {}): CapacityPlan {
  const {spec} = planner
  const {load, needed, recommendedStage, stage, decisions, sizing} = shapeAt(planner, users, options)
  const dataTier =
    options.stage === undefined
      ? sizing.dataTier
      : needed.split
        ? planner.dataTier.bestOrLargest(needed.dataLevel, users).plan
        : undefined
  const reasons = evaluateRules({planner, users, load, decisions: needed, dataTier})
  const readShare = spec.readWrite.reads / (spec.readWrite.reads + spec.readWrite.writes)
  const availability = composeAvailability(sizing.topology, readShare)
  const quotas = checkQuotas(sizing.topology, load)

  const warnings = [...sizing.warnings, ...quotas.map((quota) => quota.message)]
  if (stage !== recommendedStage) {
    const above = reasons.filter((r) => r.stage > stage).map((r) => r.message)
    warnings.unshift(
      `stage ${stage} was forced; the load needs stage ${recommendedStage} (${stageInfo(recommendedStage).name})` +
        (above.length > 0 ? `: ${above.join('; ')}` : ''),
    )
  }

  if (!availability.meetsTarget) {
    warnings.push(
      `the plan's SLAs compose to ${formatPercent(availability.percent)}, below the ${availability.targetPercent}% target: ` +
        availability.suggestions.join('; '),
    )
  }

  const costs = edgeCosts(planner.edge, planner.pricing, users, decisions.split, spec.regions[0]!)
  const edge: EdgeDecision = {
    cdn: decisions.cdn,
    why: !decisions.cdn ? 'none' : spec.regions.length >= 2 ? 'latency' : 'cost',
    cdnUsd: costs.withCdn,
    directUsd: costs.withoutCdn,
    cdnFromUsers: planner.from.cdn,
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
    next: nextStages(planner, recommendedStage),
    edge,
    availability,
    quotas,
    assumptions: assumptions(planner),
    warnings,
  }
}

/**
 * For each higher stage, the fewest daily users at which it is recommended. Every part, once in
 * the plan, stays in as users grow, so the stage at any users follows from where each part
 * comes in; a stage reached at the same users as the one above it is skipped over.
 */
export function nextStages(planner: Planner, current: StageNumber): NextStage[] {
  const from = planner.stageFrom()
  const reachedFrom = (stage: StageNumber): number | null => {
    let first: number | null = null
    for (let s = stage; s <= 7; s++) {
      const users = from[s as StageNumber]
      if (users !== null && (first === null || users < first)) first = users
    }

    return first
  }

  const next: NextStage[] = []
  for (let target = current + 1; target <= 7; target++) {
    const stage = target as StageNumber
    const {name} = stageInfo(stage)
    const atUsers = reachedFrom(stage)
    if (atUsers === null) {
      next.push({stage, name, atUsers, because: unreachable(planner.spec, stage)})
      continue
    }

    if (stage < 7 && reachedFrom((stage + 1) as StageNumber) === atUsers) continue
    next.push({stage, name, atUsers, because: becauseAt(planner, atUsers, stage)})
  }

  return next
}

function becauseAt(planner: Planner, users: number, stage: StageNumber): string {
  const decisions = planner.decisionsAt(users)
  const load = computeLoad(planner.spec, planner.thresholds, users)
  const dataTier = decisions.split ? planner.dataTier.bestOrLargest(decisions.dataLevel, users).plan : undefined
  return evaluateRules({planner, users, load, decisions, dataTier})
    .filter((r) => r.stage === stage)
    .map((r) => r.message)
    .join('; ')
}

function unreachable(spec: Spec, stage: StageNumber): string {
  if (stage === 7 && spec.services.length === 0) {
    return 'microservices need named services: give --services (like search,payment,profile)'
  }

  return `not reached by users alone, up to ${formatNumber(MAX_USERS)} daily users, with the other inputs as they are`
}

function assumptions(planner: Planner): Assumption[] {
  const {spec, thresholds} = planner
  const input = (name: SpecKey, value: number | string): Assumption => {
    const {unit, defaultSource, defaultJson} = inputFacts(name)
    const given = JSON.stringify(spec[name]) !== defaultJson
    const source = given ? 'spec' : (defaultSource ?? 'spec')
    return {name, value, unit, source, estimate: !given && source.startsWith('estimate')}
  }

  return [
    input('users', spec.users),
    input('requestsPerUser', spec.requestsPerUser),
    input('peakFactor', spec.peakFactor),
    input('readWrite', `${spec.readWrite.reads}:${spec.readWrite.writes}`),
    input('queriesPerRequest', spec.queriesPerRequest),
    input('dataSize', formatBytes(spec.dataSize)),
    input('objectDataSize', formatBytes(spec.objectDataSize)),
    input('responseSize', formatBytes(spec.responseSize)),
    input('staticShare', spec.staticShare),
    input('hotSet', spec.hotSet),
    input('headroom', spec.headroom),
    input('availability', spec.availability),
    ...THRESHOLD_NAMES.map((name): Assumption => {
      const measured = spec.measured?.[name]
      const {unit, source, estimate} = THRESHOLDS[name]
      const value = thresholds[name]
      // Literals, not a spread of the shared fields: every plan lists every threshold.
      if (measured) return {name, value, unit, source: measuredSource(measured), estimate: false, measured}
      const overridden = name in spec.thresholds
      return {name, value, unit, source: overridden ? 'spec override' : source, estimate: overridden ? false : estimate}
    }),
  ]
}

interface InputFacts {
  readonly unit: string
  readonly defaultSource: string | undefined
  /** The field's default as parsed, as JSON: a given value differs from it. */
  readonly defaultJson: string | undefined
}

/** What an assumption needs of a field's declaration, read once per field: every plan lists them all. */
function inputFacts(name: SpecKey): InputFacts {
  let facts = inputFactsCache.get(name)
  if (!facts) {
    const meta = fieldMeta(name)
    const parsed = SPEC_FIELDS[name].safeParse(undefined)
    facts = {
      unit: meta.unit ?? '',
      defaultSource: meta.defaultSource,
      defaultJson: JSON.stringify(parsed.success ? parsed.data : undefined),
    }
    inputFactsCache.set(name, facts)
  }

  return facts
}

const inputFactsCache = new Map<SpecKey, InputFacts>()
