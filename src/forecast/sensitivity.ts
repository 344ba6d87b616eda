/**
 * Which uncertain input matters most: each range swung from its low end to its high end with
 * every other input at its median (one at a time, the tornado chart's method), and what that does
 * to the monthly cost and the stage.
 */
import type {Recommendation} from '../cost/recommend.js'
import type {Spec} from '../spec/schema.js'
import type {StageNumber} from '../topology/types.js'
import {pointSpec, type UncertainInput} from './inputs.js'

/** One input's swing, low end to high end. */
export interface Sensitivity {
  readonly name: string
  readonly low: number
  readonly high: number
  readonly lowMonthlyUsd: number
  readonly highMonthlyUsd: number
  /** Cost at the high end minus cost at the low end. */
  readonly swingUsd: number
  readonly lowStage: StageNumber
  readonly highStage: StageNumber
}

/**
 * Every input's swing, largest first: by the cost it moves, then by the stages it spans, then
 * by name so that ties read the same on every run.
 */
export function sensitivity(
  spec: Spec,
  inputs: readonly UncertainInput[],
  plan: (spec: Spec) => Recommendation,
): Sensitivity[] {
  return inputs
    .map(({name, range}): Sensitivity => {
      const atLow = plan(pointSpec(spec, {[name]: range.low}))
      const atHigh = plan(pointSpec(spec, {[name]: range.high}))
      return {
        name,
        low: range.low,
        high: range.high,
        lowMonthlyUsd: atLow.cost.monthlyUsd,
        highMonthlyUsd: atHigh.cost.monthlyUsd,
        swingUsd: Math.round((atHigh.cost.monthlyUsd - atLow.cost.monthlyUsd) * 100) / 100,
        lowStage: atLow.stage.number,
        highStage: atHigh.stage.number,
      }
    })
    .sort(
      (a, b) =>
        Math.abs(b.swingUsd) - Math.abs(a.swingUsd) ||
        Math.abs(b.highStage - b.lowStage) - Math.abs(a.highStage - a.lowStage) ||
        a.name.localeCompare(b.name),
    )
}
