/** Specs the report and diagram tests share: one per interesting shape of topology. */
import {recommend, type Recommendation} from '../../src/cost/recommend.js'
import {resolveSpec} from '../../src/spec/resolve.js'
import type {Spec} from '../../src/spec/schema.js'

export const REPORT_SPECS: Record<string, Record<string, unknown>> = {
  // Stage 1: one server.
  blog: {name: 'blog', users: 50, dataSize: '1GB'},
  // Stage 4, two regions, a cross-region replica.
  shop: {
    name: 'shop',
    users: '2.5M',
    regions: ['us-east-1', 'eu-west-1'],
    regionShares: {'us-east-1': 60, 'eu-west-1': 40},
    dataSize: '500GB',
    availability: 99.9,
  },
  // Stage 5: a CDN (large, mostly static responses) and a cache with its 80/20 arithmetic.
  news: {
    name: 'news',
    users: '8M',
    readWrite: '95:5',
    dataSize: '200GB',
    availability: 99.9,
    responseSize: '300KB',
    staticShare: 0.9,
    hotSet: 0.05,
  },
  // Stage 6: shards for the writes, each with read replicas.
  ledger: {
    name: 'ledger',
    users: '300M',
    readWrite: '99:1',
    dataSize: '100GB',
    availability: 99.95,
    thresholds: {cacheHitRatio: 0.5},
  },
  // Stage 7: services in three regions.
  social: {
    name: 'social',
    users: '30M',
    regions: 'us-east-1,eu-west-1,ap-southeast-1',
    dataSize: '5TB',
    services: 'feed,search,profile',
    availability: 99.95,
  },
}

/** The spec of a spec file holding `fields`; throws on invalid input. */
export function specFor(fields: Record<string, unknown>): Spec {
  const result = resolveSpec({file: {path: 'spec.yaml', fields}, env: {}, flags: {}})
  if (!result.ok) throw new Error(result.problems.join('\n'))
  return result.spec
}

export function recommendFor(fields: Record<string, unknown>): Recommendation {
  return recommend(specFor(fields))
}
