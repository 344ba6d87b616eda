/**
 * The fine sweep: users from 1 to 10B with every other input fixed, across read/write mixes,
 * regions, data sizes and availability targets. Neither the monthly cost nor the stage may fall
 * anywhere, and in particular not one user past a point where a part of the architecture comes
 * in, which is where a fall would hide.
 */
import {describe, expect, it} from '@jest/globals'

import {createPlanner, recommendAt} from '../../src/cost/recommend.js'
import {specOf} from '../helpers/spec.js'

/** Dollars a float sum may differ by when two plans cost the same. */
const NOISE = 1e-6

function sweep(flags: Record<string, string>): {users: number; cost: number; stage: number}[] {
  const planner = createPlanner(specOf({...flags, users: '1'}))
  const points = new Set<number>()
  for (let i = 0; i <= 120; i++) points.add(Math.max(1, Math.round(10 ** (i / 12))))
  for (const from of Object.values(planner.from)) {
    if (from !== null) for (const users of [from - 1, from, from + 1]) if (users >= 1) points.add(users)
  }

  return [...points]
    .sort((a, b) => a - b)
    .map((users) => {
      const rec = recommendAt(planner, users)
      return {users, cost: rec.cost.monthlyUsd, stage: rec.stage.number}
    })
}

function falls(points: {users: number; cost: number; stage: number}[]): string[] {
  const found: string[] = []
  for (let i = 1; i < points.length; i++) {
    const [before, after] = [points[i - 1]!, points[i]!]
    if (after.cost < before.cost - NOISE) found.push(`cost ${before.cost} -> ${after.cost} at ${after.users} users`)
    if (after.stage < before.stage) found.push(`stage ${before.stage} -> ${after.stage} at ${after.users} users`)
  }

  return found
}

describe('cost and stage never fall as users rise', () => {
  it('in the case the old model fell 9.5% in: three regions, 10:90, 99.9%, 1 GB', () => {
    const points = sweep({
      regions: 'us-east-1,eu-west-1,ap-southeast-1',
      readWrite: '10:90',
      availability: '99.9',
      dataSize: '1GB',
    })
    expect(falls(points)).toEqual([])
    const at = (users: number) =>
      recommendAt(
        createPlanner(
          specOf({
            users: '1',
            regions: 'us-east-1,eu-west-1,ap-southeast-1',
            readWrite: '10:90',
            availability: '99.9',
            dataSize: '1GB',
          }),
        ),
        users,
      ).cost.monthlyUsd
    expect(at(72_443_596)).toBeGreaterThanOrEqual(at(70_794_578))
  })

  const cases = []
  for (const readWrite of ['90:10', '10:90', '50:50', '99:1', '0:100'])
    for (const regions of ['us-east-1', 'us-east-1,eu-west-1,ap-southeast-1'])
      for (const dataSize of ['1GB', '500GB', '10TB'])
        for (const availability of ['99.5', '99.9']) cases.push({readWrite, regions, dataSize, availability})

  it.each(cases)('$readWrite, $regions, $dataSize, $availability%', (flags) => {
    expect(falls(sweep(flags))).toEqual([])
  })
})
