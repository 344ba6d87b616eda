/**
 * How a spec change moves a forecast: the P90 cost (what a budget must cover) and the odds of
 * each stage. Both specs are sampled with the same seed and the same stream per input, so an
 * input left alone draws the same values on both sides and what moves is the change itself.
 */
import {stageInfo, type StageName, type StageNumber} from '../topology/types.js'
import type {Forecast} from './simulate.js'

/** A stage's odds moving less than this (one percentage point) is sampling noise, not news. */
export const ODDS_NOTICE = 0.01

export interface ForecastChange {
  /** Monthly cost percentiles in USD; a side without ranges has its one cost at every percentile. */
  readonly cost: {
    readonly p10: {readonly base: number; readonly head: number}
    readonly p50: {readonly base: number; readonly head: number}
    readonly p90: {readonly base: number; readonly head: number; readonly deltaUsd: number}
  }
  /** Every stage either side needed, lowest first; a side without ranges counts its one plan as certain. */
  readonly stages: readonly {
    readonly stage: StageNumber
    readonly name: StageName
    readonly base: number
    readonly head: number
  }[]
  readonly p90Moved: boolean
  readonly oddsMoved: boolean
}

/** The point side of a comparison: one plan, a certain stage and cost. */
export interface PointPlan {
  readonly stage: StageNumber
  readonly monthlyUsd: number
}

export function compareForecasts(base: Forecast | PointPlan, head: Forecast | PointPlan): ForecastChange {
  const odds = (side: Forecast | PointPlan, stage: StageNumber) =>
    'stages' in side ? (side.stages.find((s) => s.stage === stage)?.probability ?? 0) : side.stage === stage ? 1 : 0
  const percentile = (side: Forecast | PointPlan, key: 'p10' | 'p50' | 'p90') =>
    'cost' in side ? side.cost[key] : side.monthlyUsd
  const numbers = [
    ...new Set([base, head].flatMap((side) => ('stages' in side ? side.stages.map((s) => s.stage) : [side.stage]))),
  ]
  const stages = numbers
    .sort((a, b) => a - b)
    .map((stage) => ({stage, name: stageInfo(stage).name, base: odds(base, stage), head: odds(head, stage)}))
  const p90 = {base: percentile(base, 'p90'), head: percentile(head, 'p90')}
  const deltaUsd = Math.round((p90.head - p90.base) * 100) / 100
  return {
    cost: {
      p10: {base: percentile(base, 'p10'), head: percentile(head, 'p10')},
      p50: {base: percentile(base, 'p50'), head: percentile(head, 'p50')},
      p90: {...p90, deltaUsd},
    },
    stages,
    p90Moved: deltaUsd !== 0,
    oddsMoved: stages.some((s) => Math.abs(s.head - s.base) >= ODDS_NOTICE),
  }
}
