/**
 * The whole recommendation: the capacity plan (`capacity/`), chosen with these prices and
 * priced with them. This is what `recommend --json` prints and what every renderer shows. A pure
 * function: no files, environment, clock or network.
 */
import {Planner, planAt, shapeAt, type CapacityPlan, type RecommendOptions} from '../capacity/recommend.js'
import {resolveThresholds} from '../spec/thresholds.js'
import type {Spec} from '../spec/schema.js'
import type {StageNumber, Topology} from '../topology/types.js'
import {estimateCost, monthlyUsd, type Cost} from './estimate.js'
import {PRICES_AS_OF} from './prices.js'
import {createPricing} from './pricing.js'

export type {Assumption, EdgeDecision, NextStage, RecommendOptions} from '../capacity/recommend.js'

export interface Recommendation extends CapacityPlan {
  /** Bumped on any breaking change to this shape (README, "JSON output"). */
  readonly schemaVersion: 3
  readonly cost: Cost
}

/**
 * A planner for `spec` at any number of users, priced with scaleplan's price tables, keeping at
 * least `shardsBuilt` database shards (`RecommendOptions.shardsBuilt`).
 */
export function createPlanner(spec: Spec, shardsBuilt?: number): Planner {
  const thresholds = resolveThresholds(spec.thresholds)
  return new Planner(spec, thresholds, createPricing(thresholds), shardsBuilt)
}

export function recommend(spec: Spec, options: RecommendOptions = {}): Recommendation {
  return recommendAt(createPlanner(spec, options.shardsBuilt), spec.users, options)
}

/**
 * The recommendation at `users` for a planner's spec: for many user counts of one spec, build the
 * planner once (`options.shardsBuilt` is the planner's, given when it is built).
 */
export function recommendAt(planner: Planner, users: number, options: RecommendOptions = {}): Recommendation {
  const plan = planAt(planner, users, options)
  const pricing = createPricing(planner.thresholds)
  // Spelled out so the JSON keeps its documented order.
  return {
    schemaVersion: 3,
    name: plan.name,
    stage: plan.stage,
    recommendedStage: plan.recommendedStage,
    load: plan.load,
    topology: plan.topology,
    reasons: plan.reasons,
    cache: plan.cache,
    next: plan.next,
    edge: plan.edge,
    availability: plan.availability,
    quotas: plan.quotas,
    cost: estimateCost(plan.topology, plan.load, pricing),
    assumptions: [
      ...plan.assumptions,
      {
        name: 'prices',
        value: PRICES_AS_OF,
        unit: 'date',
        source: 'on-demand list prices, us-east-1 x regional factor; data transfer by geography and volume tier',
        estimate: false,
      },
    ],
    warnings: plan.warnings,
  }
}

/** What a forecast keeps of each sample: the plan's stage, its topology and their monthly cost. */
export interface PlanSample {
  readonly stage: StageNumber
  readonly topology: Topology
  /** Exactly `recommend(spec).cost.monthlyUsd`. */
  readonly monthlyUsd: number
}

/**
 * The stage, topology and cost `recommend` gives for `spec`, without writing what explains them
 * (reasons, next-stage triggers, checks, assumptions, the bill's details): a forecast draws
 * thousands of samples and shows none of that for any one of them.
 */
export function samplePlan(spec: Spec, options: RecommendOptions = {}): PlanSample {
  const planner = createPlanner(spec, options.shardsBuilt)
  const {stage, sizing, load} = shapeAt(planner, spec.users, options)
  return {
    stage,
    topology: sizing.topology,
    monthlyUsd: monthlyUsd(sizing.topology, load, createPricing(planner.thresholds)),
  }
}
