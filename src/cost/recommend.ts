/**
 * The whole recommendation: the capacity plan (`capacity/`), priced. This is what
 * `recommend --json` prints and what every renderer shows. A pure function: no files,
 * environment, clock or network.
 */
import {planCapacity, type CapacityPlan, type RecommendOptions} from '../capacity/recommend.js'
import {resolveThresholds} from '../spec/thresholds.js'
import type {Spec} from '../spec/schema.js'
import {estimateCost, type Cost} from './estimate.js'
import {PRICES_AS_OF} from './prices.js'

export type {Assumption, NextStage, RecommendOptions} from '../capacity/recommend.js'

export interface Recommendation extends CapacityPlan {
  /** Bumped on any breaking change to this shape (README, "JSON output"). */
  readonly schemaVersion: 3
  readonly cost: Cost
}

export function recommend(spec: Spec, options: RecommendOptions = {}): Recommendation {
  const plan = planCapacity(spec, options)
  const {avgResponseKB} = resolveThresholds(spec.thresholds)
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
    cost: estimateCost(plan.topology, plan.load.regions, avgResponseKB),
    assumptions: [
      ...plan.assumptions,
      {
        name: 'prices',
        value: PRICES_AS_OF,
        unit: 'date',
        source: 'on-demand list prices, us-east-1 x regional factor (src/cost/prices.ts)',
        estimate: false,
      },
    ],
    warnings: plan.warnings,
  }
}
