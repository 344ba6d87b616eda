import {describe, expect, it, jest} from '@jest/globals'
import fc from 'fast-check'

import {recommend} from '../../src/cost/recommend.js'
import {timeline} from '../../src/forecast/timeline.js'
import type {Spec} from '../../src/spec/schema.js'
import {specOf} from '../helpers/spec.js'

// Each sample is a whole plan; on a shared 2-core machine a few hundred of them take seconds.
jest.setTimeout(60_000)

const plan = (spec: Spec) => recommend(spec)

describe('timeline', () => {
  it('is flat when nothing grows', () => {
    fc.assert(
      fc.property(fc.integer({min: 1, max: 50_000_000}), fc.integer({min: 1, max: 36}), (users, horizon) => {
        const result = timeline(
          specOf({users: String(users), growth: '0%/month', dataGrowth: '0GB/month', horizon: String(horizon)}),
          plan,
        )
        expect(result.months).toHaveLength(horizon + 1)
        const [first] = result.months
        for (const month of result.months) {
          expect({...month, month: 0}).toEqual({...first, month: 0})
          expect(month.changes).toEqual([])
        }
        expect(result.events).toEqual([])
      }),
      {numRuns: 5},
    )
  })

  it('plans each month exactly as recommend plans that month’s users and data', () => {
    const spec = specOf({users: '300k', dataSize: '200GB', growth: '12%/month', dataGrowth: '100GB/month'})
    const result = timeline(spec, plan)
    expect(result.horizon).toBe(24)
    for (const month of [0, 7, 15, 24]) {
      const row = result.months[month]!
      const direct = recommend(specOf({users: String(row.users), dataSize: `${row.dataSizeBytes}B`}))
      expect(row.stage).toBe(direct.stage.number)
      expect(row.monthlyUsd).toBe(direct.cost.monthlyUsd)
    }
    // 12% a month for 24 months, compounded.
    expect(result.months[24]!.users).toBe(Math.round(300_000 * 1.12 ** 24))
    expect(result.months[24]!.dataSizeBytes).toBe(200e9 + 24 * 100e9)
  })

  it('names the first month of each new stage with the month to start', () => {
    const result = timeline(specOf({users: '50k', growth: '2x/year', horizon: '60'}), plan)
    const stages = result.events.filter((e) => e.kind === 'stage')
    expect(stages.length).toBeGreaterThan(0)
    for (const event of stages) {
      const before = result.months[event.month - 1]!
      expect(result.months[event.month]!.stage).toBe(event.stage)
      expect(before.stage).toBeLessThan(event.stage!)
      expect(event.startBy).toBe(event.month - event.leadTimeMonths)
    }
  })
})
