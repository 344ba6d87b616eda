/**
 * The flags of planning under uncertainty, shared by recommend, report, diff and the commands
 * that synthesize: how many samples to draw and from which seed (ranges in the spec), and which
 * percentile's plan to build. Ranges and growth themselves are spec fields (`--users 1M..5M`,
 * `--growth 8%/month`), declared with the others in spec/schema.ts.
 */
import * as Flags from './flags.js'

import {recommend, samplePlan} from '../cost/recommend.js'
import {outlook, type Outlook} from '../forecast/outlook.js'
import {DEFAULT_SAMPLES, DEFAULT_SEED} from '../forecast/simulate.js'
import type {Spec} from '../spec/schema.js'

/** The --help section of these flags. */
export const FORECAST_GROUP = 'UNCERTAINTY'

export const forecastFlags = {
  samples: Flags.integer({
    description: 'samples drawn from the ranges in the spec (Monte Carlo)',
    default: DEFAULT_SAMPLES,
    min: 100,
    max: 1_000_000,
    helpValue: 'N',
    env: 'SCALEPLAN_SAMPLES',
    helpGroup: FORECAST_GROUP,
  }),
  seed: Flags.integer({
    description: 'seed of the sampling: the same seed gives the same forecast, byte for byte',
    default: DEFAULT_SEED,
    min: 0,
    max: 2 ** 32 - 1,
    helpValue: 'N',
    env: 'SCALEPLAN_SEED',
    helpGroup: FORECAST_GROUP,
  }),
}

/** `--percentile`, for the commands that build one topology out of a spec with ranges. */
export const percentileFlag = Flags.integer({
  description: 'with ranges in the spec: build the plan at this percentile of monthly cost (50 is the median)',
  default: 50,
  min: 1,
  max: 99,
  helpValue: 'P',
  env: 'SCALEPLAN_PERCENTILE',
  helpGroup: FORECAST_GROUP,
})

export interface ForecastFlagValues {
  readonly samples: number
  readonly seed: number
  readonly percentile?: number
}

/** The outlook of a spec with the command's flags, planned by scaleplan's own planner. */
export function outlookFromFlags(spec: Spec, flags: ForecastFlagValues): Outlook {
  return outlook(spec, recommend, {
    sample: samplePlan,
    samples: flags.samples,
    seed: flags.seed,
    ...(flags.percentile === undefined ? {} : {percentile: flags.percentile}),
  })
}
