/**
 * The simulation's promises, as properties over the real planner: a point range plans exactly
 * the point, percentiles are ordered, the same seed gives the same bytes, and each input draws
 * from its own stream.
 */
import {describe, expect, it, jest} from '@jest/globals'
import fc from 'fast-check'

import {recommend} from '../../src/cost/recommend.js'
import {quantile} from '../../src/forecast/distribution.js'
import {outlook} from '../../src/forecast/outlook.js'
import {createRandom} from '../../src/forecast/random.js'
import {simulate} from '../../src/forecast/simulate.js'
import type {Spec} from '../../src/spec/schema.js'
import {specOf} from '../helpers/spec.js'

// Each sample is a whole plan; on a shared 2-core machine a few hundred of them take seconds.
jest.setTimeout(60_000)

const plan = (spec: Spec) => recommend(spec)
const SAMPLES = 200

describe('the seeded generator', () => {
  it('gives the same numbers for the same seed and stream, others for another stream', () => {
    const draw = (seed: number, stream: string) => Array.from({length: 5}, createRandom(seed, stream))
    expect(draw(7, 'users')).toEqual(draw(7, 'users'))
    expect(draw(7, 'users')).not.toEqual(draw(7, 'peakFactor'))
    expect(draw(7, 'users')).not.toEqual(draw(8, 'users'))
  })

  it('draws evenly over [0, 1)', () => {
    const random = createRandom(1, 'even')
    const draws = Array.from({length: 20_000}, random)
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0)
    expect(Math.max(...draws)).toBeLessThan(1)
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length
    expect(mean).toBeCloseTo(0.5, 2)
    // Each tenth of the interval holds a tenth of the draws, within sampling error.
    for (let decile = 0; decile < 10; decile++) {
      const share = draws.filter((d) => Math.floor(d * 10) === decile).length / draws.length
      expect(Math.abs(share - 0.1)).toBeLessThan(0.01)
    }
  })
})

describe('distributions', () => {
  const bounds = {min: 0, max: 1e12}
  it.each(['lognormal', 'normal'] as const)(
    'puts the ends of a %s range at its 5th and 95th percentiles',
    (distribution) => {
      const range = {low: 1e6, high: 5e6, distribution, bounds}
      expect(quantile(range, 0.05) / 1e6).toBeCloseTo(1, 6)
      expect(quantile(range, 0.95) / 5e6).toBeCloseTo(1, 6)
    },
  )

  it('spreads a uniform range evenly between its ends and keeps values inside the bounds', () => {
    const range = {low: 10, high: 20, distribution: 'uniform' as const, bounds}
    expect(quantile(range, 0)).toBeCloseTo(10, 6)
    expect(quantile(range, 0.5)).toBe(15)
    const share = {low: 0.5, high: 0.99, distribution: 'normal' as const, bounds: {min: 0, max: 1}}
    expect(quantile(share, 0.9999)).toBeLessThanOrEqual(1)
  })
})

describe('simulate', () => {
  it('plans a point range exactly as the point', () => {
    fc.assert(
      fc.property(fc.integer({min: 1, max: 200_000_000}), fc.integer({min: 1, max: 40}), (users, peak) => {
        const ranged = specOf({users: `${users}..${users}`, peakFactor: `${peak / 4 + 1}..${peak / 4 + 1}`})
        const point = specOf({users: String(users), peakFactor: String(peak / 4 + 1)})
        const {forecast, recommendationAt} = simulate(ranged, {samples: 100, seed: 3, plan})
        const expected = recommend(point)
        expect(recommendationAt(50)).toEqual(expected)
        expect(recommendationAt(90)).toEqual(expected)
        expect(forecast.stages).toEqual([{stage: expected.stage.number, name: expected.stage.name, probability: 1}])
        const cost = expected.cost.monthlyUsd
        expect(forecast.cost).toEqual({p10: cost, p50: cost, p90: cost, mean: cost})
        expect(forecast.mostLikely.topology).toEqual(expected.topology)
      }),
      {numRuns: 8},
    )
  })

  it('orders the cost percentiles, and odds add up to 1', () => {
    fc.assert(
      fc.property(
        fc.integer({min: 1_000, max: 5_000_000}),
        fc.double({min: 1.1, max: 20, noNaN: true}),
        fc.constantFrom('lognormal', 'normal', 'uniform'),
        fc.nat(1000),
        (low, spread, distribution, seed) => {
          const high = Math.round(low * spread)
          const spec = specOf({users: `${low}..${high} ${distribution}`, requestsPerUser: '20..80'})
          const {forecast} = simulate(spec, {samples: SAMPLES, seed, plan})
          expect(forecast.cost.p10).toBeLessThanOrEqual(forecast.cost.p50)
          expect(forecast.cost.p50).toBeLessThanOrEqual(forecast.cost.p90)
          expect(forecast.stages.reduce((sum, s) => sum + s.probability, 0)).toBeCloseTo(1, 12)
        },
      ),
      {numRuns: 6},
    )
  })

  it('gives the same bytes for the same seed, and another forecast for another seed', () => {
    const spec = specOf({users: '1M..5M', requestsPerUser: '20..80', peakFactor: '1.5..4'})
    const once = JSON.stringify(simulate(spec, {samples: SAMPLES, seed: 42, plan}).forecast)
    const again = JSON.stringify(simulate(spec, {samples: SAMPLES, seed: 42, plan}).forecast)
    expect(again).toBe(once)
    expect(JSON.stringify(simulate(spec, {samples: SAMPLES, seed: 43, plan}).forecast)).not.toBe(once)
  })

  it('builds the percentile asked for: the P90 plan costs the P90', () => {
    const spec = specOf({users: '1M..5M', requestsPerUser: '20..80'})
    const simulation = simulate(spec, {samples: SAMPLES, seed: 1, plan})
    expect(simulation.recommendationAt(90).cost.monthlyUsd).toBe(simulation.forecast.cost.p90)
    expect(simulation.recommendationAt(10).cost.monthlyUsd).toBe(simulation.forecast.cost.p10)
  })

  it('ranks the input with the widest effect first', () => {
    const spec = specOf({users: '1M..20M', peakFactor: '1.9..2.1'})
    const {forecast} = simulate(spec, {samples: SAMPLES, seed: 1, plan})
    expect(forecast.sensitivity.map((s) => s.name)).toEqual(['users', 'peakFactor'])
    expect(forecast.sensitivity[0]!.swingUsd).toBeGreaterThan(forecast.sensitivity[1]!.swingUsd)
  })

  it('leaves a point spec to the ordinary planner', () => {
    const spec = specOf({users: '2.5M'})
    expect(outlook(spec, plan)).toEqual({recommendation: recommend(spec)})
  })
})
