/**
 * Everything scaleplan says about a spec beyond its one plan, in one call: the simulation when it
 * has ranges, the timeline when it has growth, and the recommendation to show and build (the
 * chosen percentile's plan when there are ranges, the ordinary one otherwise). A spec with
 * neither gives exactly `plan(spec)` and nothing else.
 */
import type {Recommendation} from '../cost/recommend.js'
import type {Spec} from '../spec/schema.js'
import {medianSpec} from './inputs.js'
import {DEFAULT_SAMPLES, DEFAULT_SEED, simulate, type Forecast, type Plan, type Sample} from './simulate.js'
import {timeline, type Timeline} from './timeline.js'

export interface OutlookOptions {
  readonly samples?: number
  readonly seed?: number
  /** The percentile of cost whose plan is the recommendation (default 50). */
  readonly percentile?: number
  /** Plans each sample of the simulation without explaining it (`samplePlan`); by default `plan`. */
  readonly sample?: Sample
}

export interface Outlook {
  readonly recommendation: Recommendation
  /** Present when the spec has ranges. */
  readonly forecast?: Forecast
  /** The percentile `recommendation` was taken at; present with `forecast`. */
  readonly percentile?: number
  /** Present when the spec gives growth. */
  readonly timeline?: Timeline
}

/** True when a spec asks for more than one plan: it has ranges or growth. */
export function isUncertain(spec: Spec): boolean {
  return spec.ranges !== undefined || spec.growth !== undefined || spec.dataGrowth !== undefined
}

export function outlook(spec: Spec, plan: Plan, options: OutlookOptions = {}): Outlook {
  const growing = spec.growth !== undefined || spec.dataGrowth !== undefined
  const plans = growing ? {timeline: timeline(medianSpec(spec), plan)} : {}
  if (spec.ranges === undefined) return {recommendation: plan(spec), ...plans}
  const percentile = options.percentile ?? 50
  const simulation = simulate(spec, {
    samples: options.samples ?? DEFAULT_SAMPLES,
    seed: options.seed ?? DEFAULT_SEED,
    plan,
    sample: options.sample,
  })
  return {recommendation: simulation.recommendationAt(percentile), forecast: simulation.forecast, percentile, ...plans}
}
