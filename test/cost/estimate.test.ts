import {describe, expect, it} from '@jest/globals'

import {recommend} from '../../src/cost/recommend.js'
import {specOf} from '../helpers/spec.js'

const line = (rec: ReturnType<typeof recommend>, component: string, region = 0) =>
  rec.cost.regions[region]!.lines.find((l) => l.component === component)?.monthlyUsd

describe('estimateCost', () => {
  it('prices a single server by hand', () => {
    const rec = recommend(specOf({users: '50', dataSize: '1GB'}))
    // t3.medium 0.0416 $/h x 730 h = 30.368; 22 GiB gp3 x 0.08 = 1.76 -> 32.13
    expect(line(rec, 'server')).toBe(32.13)
    // 50 x 50 / 86,400 = 0.0289 req/s x 2,628,000 s x 20 KB = 1.52 GB x 0.09 $/GB = 0.14
    expect(line(rec, 'data-transfer')).toBe(0.14)
    expect(line(rec, 'network')).toBe(0)
    expect(rec.cost.monthlyUsd).toBe(32.27)
  })

  it('bills a Multi-AZ primary as two instances with two volumes', () => {
    const rec = recommend(specOf({users: '1000', availability: '99.9'}))
    // db.t4g.medium 0.065 x 2 x 730 = 94.90; 20 GiB x 0.115 x 2 = 4.60
    expect(line(rec, 'database')).toBe(99.5)
    // 3 NAT gateways x 0.045 x 730 = 98.55
    expect(line(rec, 'network')).toBe(98.55)
  })

  it('applies the regional factor, and prices Valkey at 0.8x Redis', () => {
    const us = recommend(specOf({users: '4M'}))
    const eu = recommend(specOf({users: '4M', regions: 'eu-west-1'}))
    // 2 x cache.r7g.large at 0.219 x 0.8 (Valkey) x 730 = 255.79
    expect(line(us, 'cache')).toBe(255.79)
    // x 1.086 in eu-west-1
    expect(line(eu, 'cache')).toBeCloseTo(255.79 * 1.086, 1)
    const redis = recommend(specOf({users: '4M', cacheEngine: 'redis'}))
    expect(line(redis, 'cache')).toBe(319.74)
  })

  it('adds up lines to regions and regions to the total', () => {
    const rec = recommend(specOf({users: '2.5M', regions: 'us-east-1,eu-west-1,ap-southeast-1', services: 'search'}))
    for (const region of rec.cost.regions) {
      expect(region.monthlyUsd).toBeCloseTo(
        region.lines.reduce((sum, l) => sum + l.monthlyUsd, 0),
        2,
      )
    }

    expect(rec.cost.monthlyUsd).toBeCloseTo(
      rec.cost.regions.reduce((sum, r) => sum + r.monthlyUsd, 0),
      2,
    )
  })
})
