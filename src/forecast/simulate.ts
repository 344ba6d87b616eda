/**
 * A seeded Monte Carlo over a spec's ranges: each sample draws every uncertain input, plans that
 * point with the ordinary planner, and keeps its stage, cost and topology. Out come the odds of
 * each stage, cost percentiles, the most likely topology and (sensitivity.ts) which input matters
 * most. A pure function of the spec, the sample count and the seed.
 */
import type {PlanSample, Recommendation, RecommendOptions} from '../cost/recommend.js'
import type {Distribution} from '../spec/forms.js'
import type {Spec} from '../spec/schema.js'
import {stageInfo, type StageName, type StageNumber, type Topology} from '../topology/types.js'
import {quantile} from './distribution.js'
import {medianSpec, pointSpec, uncertainInputs} from './inputs.js'
import {nearestRank} from './percentile.js'
import {createRandom} from './random.js'
import {sensitivity, type Sensitivity} from './sensitivity.js'

/** Samples drawn when none is asked for: enough for percentiles steady to about 1%. */
export const DEFAULT_SAMPLES = 10_000
/** The seed when none is given: fixed, so the same spec gives the same forecast every run. */
export const DEFAULT_SEED = 1

/** The planner a forecast runs: `recommend` from cost/, or a stand-in in tests. */
export type Plan = (spec: Spec, options?: RecommendOptions) => Recommendation

/** The plan of one sample, unexplained: `samplePlan` from cost/. */
export type Sample = (spec: Spec) => PlanSample

export interface ForecastOptions {
  readonly samples: number
  readonly seed: number
  /** Plans the few points shown in full: the most likely topology, the medians, a percentile. */
  readonly plan: Plan
  /** Plans every sample; by default `plan`'s stage, topology and cost. */
  readonly sample?: Sample
}

export interface StageOdds {
  readonly stage: StageNumber
  readonly name: StageName
  /** Share of samples, 0..1. */
  readonly probability: number
}

export interface Forecast {
  readonly samples: number
  readonly seed: number
  /** The ranges sampled, as given. */
  readonly inputs: readonly {
    readonly name: string
    readonly low: number
    readonly high: number
    readonly distribution: Distribution
  }[]
  /** Stages some sample needed, lowest first. */
  readonly stages: readonly StageOdds[]
  /** Monthly cost in USD over the samples (nearest-rank percentiles). */
  readonly cost: {readonly p10: number; readonly p50: number; readonly p90: number; readonly mean: number}
  /**
   * The architecture the most samples planned: the same stage, components, instance types and
   * shards, whatever the server counts and storage sizes (ties: the cheaper one). Its topology is
   * that of its median-cost sample.
   */
  readonly mostLikely: {
    readonly stage: StageNumber
    readonly name: StageName
    readonly probability: number
    readonly monthlyUsd: number
    readonly topology: Topology
  }
  /** The plan with every input at its median: where the tornado's bars start. */
  readonly median: {readonly stage: StageNumber; readonly monthlyUsd: number}
  /** Largest swing first. */
  readonly sensitivity: readonly Sensitivity[]
}

export interface Simulation {
  readonly forecast: Forecast
  /**
   * The plan of the sample at the `percentile`-th rank of monthly cost: at 90, nine samples in
   * ten cost no more. The topology `synth --percentile` builds.
   */
  recommendationAt(percentile: number): Recommendation
}

/** Runs the simulation. A spec without ranges gives 100% odds on its one plan. */
export function simulate(spec: Spec, {samples, seed, plan, sample = sampleOf(plan)}: ForecastOptions): Simulation {
  const inputs = uncertainInputs(spec)
  // Drawn up front, one stream per input (random.ts says why), in sample order.
  const values = inputs.map(({name, range}) => {
    const random = createRandom(seed, name)
    const column = new Float64Array(samples)
    for (let i = 0; i < samples; i++) column[i] = quantile(range, random())
    return column
  })
  const specAt = (i: number) => pointSpec(spec, Object.fromEntries(inputs.map(({name}, k) => [name, values[k]![i]!])))

  const costs = new Float64Array(samples)
  const stageCounts = new Map<StageNumber, number>()
  const architectures = new Map<string, number[]>()
  for (let i = 0; i < samples; i++) {
    const {stage, topology, monthlyUsd} = sample(specAt(i))
    costs[i] = monthlyUsd
    stageCounts.set(stage, (stageCounts.get(stage) ?? 0) + 1)
    const key = architectureKey(topology)
    const members = architectures.get(key)
    if (members) members.push(i)
    else architectures.set(key, [i])
  }

  // Sample indices by cost, ties in sample order: the percentile's sample is the same every run.
  const byCost = Array.from({length: samples}, (_, i) => i).sort((a, b) => costs[a]! - costs[b]! || a - b)
  const costAt = (percentile: number) => costs[byCost[nearestRank(samples, percentile)]!]!
  const mode = [...architectures.values()].sort(
    (a, b) => b.length - a.length || costs[a[0]!]! - costs[b[0]!]! || a[0]! - b[0]!,
  )[0]!
  const modalSample = [...mode].sort((a, b) => costs[a]! - costs[b]! || a - b)[nearestRank(mode.length, 50)]!
  const modal = plan(specAt(modalSample))
  const median = plan(medianSpec(spec))

  const forecast: Forecast = {
    samples,
    seed,
    inputs: inputs.map(({name, range}) => ({
      name,
      low: range.low,
      high: range.high,
      distribution: range.distribution,
    })),
    stages: [...stageCounts.entries()]
      .sort(([a], [b]) => a - b)
      .map(([stage, count]) => ({stage, name: stageInfo(stage).name, probability: count / samples})),
    cost: {
      p10: costAt(10),
      p50: costAt(50),
      p90: costAt(90),
      mean: meanOf(costs),
    },
    mostLikely: {
      stage: modal.stage.number,
      name: modal.stage.name,
      probability: mode.length / samples,
      monthlyUsd: modal.cost.monthlyUsd,
      topology: modal.topology,
    },
    median: {stage: median.stage.number, monthlyUsd: median.cost.monthlyUsd},
    sensitivity: sensitivity(spec, inputs, plan),
  }

  return {
    forecast,
    recommendationAt: (percentile) => plan(specAt(byCost[nearestRank(samples, percentile)]!)),
  }
}

function sampleOf(plan: Plan): Sample {
  return (spec) => {
    const recommendation = plan(spec)
    return {
      stage: recommendation.stage.number,
      topology: recommendation.topology,
      monthlyUsd: recommendation.cost.monthlyUsd,
    }
  }
}

/** Fields that count or size a component rather than choose it: they vary from sample to sample. */
const COUNTS = new Set([
  'minCount',
  'maxCount',
  'minTasks',
  'maxTasks',
  'volumeGiB',
  'storageGiB',
  'hotDataGiB',
  'natGateways',
  'replicasPerShard',
  'memoryMiB',
  'cpuUnits',
])

/** A topology's architecture: stage, regions, and each component's kind and type, counts aside. */
function architectureKey(topology: Topology): string {
  // Concatenated in place: this runs for every sample.
  let key = `${topology.stage} cdn=${topology.edge.cdn}`
  for (const region of topology.regions) {
    key += ` ${region.region}`
    for (const component of region.components) {
      for (const field in component) {
        if (!COUNTS.has(field)) key += ` ${field}=${String(component[field as keyof typeof component])}`
      }
    }
  }

  return key
}

/**
 * The mean, exact like every money value (renderers round). Summed as offsets from the first value,
 * so equal values give that value to the last bit and large totals lose less precision.
 */
function meanOf(values: ArrayLike<number>): number {
  const base = values[0] ?? 0
  let offsets = 0
  for (let i = 0; i < values.length; i++) offsets += values[i]! - base
  return base + offsets / Math.max(1, values.length)
}
