/**
 * Hand-worked cases, at least one per stage. Defaults unless stated: 50 requests per user per
 * day, peak factor 2, 90:10 reads:writes, 10 GB, availability 99.5%, so
 * peak req/s = users x 50 x 2 / 86,400 = users / 864.
 */
import {describe, expect, it} from '@jest/globals'

import {recommend} from '../../src/cost/recommend.js'
import {unitCount} from '../../src/topology/derived.js'
import {componentOf, type RegionTopology} from '../../src/topology/types.js'
import {specOf} from '../helpers/spec.js'

const primary = (rec: ReturnType<typeof recommend>): RegionTopology =>
  rec.topology.regions.find((region) => region.region === rec.topology.primaryRegion)!
const rules = (rec: ReturnType<typeof recommend>) => rec.reasons.map((r) => r.rule).sort()

describe('the published back-of-the-envelope case (Alex Xu, Twitter)', () => {
  it('150M daily users x 2 requests, peak factor 2: ~3,472 average and ~6,944 peak req/s', () => {
    const rec = recommend(specOf({users: '150M', requestsPerUser: '2', peakFactor: '2'}))
    // 150,000,000 x 2 / 86,400 = 3,472.2; x 2 = 6,944.4
    expect(rec.load.avgRps).toBeCloseTo(3472.22, 2)
    expect(rec.load.peakRps).toBeCloseTo(6944.44, 2)
    // 90:10 split of the peak
    expect(rec.load.readRps).toBeCloseTo(6250, 6)
    expect(rec.load.writeRps).toBeCloseTo(694.44, 2)
  })
})

describe('stage 1: single server', () => {
  it('tens of users and a gigabyte of data fit on one machine with the defaults', () => {
    const rec = recommend(specOf({users: '50', dataSize: '1GB'}))
    // peak = 50 / 864 = 0.058 req/s <= 100; data 1 GB <= 100 GB; 99.5% < 99.9%
    expect(rec.stage.number).toBe(1)
    expect(rec.reasons).toEqual([])
    // volume = 20 GiB base + ceil(1 GB = 0.93 GiB x 1.25 headroom = 1.16) = 22 GiB
    expect(componentOf(primary(rec), 'server')).toMatchObject({instanceType: 't3.medium', volumeGiB: 22})
    expect(componentOf(primary(rec), 'network')).toMatchObject({natGateways: 0})
    expect(primary(rec).zones).toBe(2)
    expect(componentOf(primary(rec), 'database')).toBeUndefined()
  })
})

describe('stage 2: three-tier', () => {
  it('splits the database out when peak passes what one shared box carries', () => {
    const rec = recommend(specOf({users: '90k'}))
    // peak = 90,000 / 864 = 104.2 req/s > 100 (single server), <= 250 (one app server); 90k < 100k CDN users
    expect(rec.stage.number).toBe(2)
    expect(rules(rec)).toEqual(['single-server-load'])
    expect(rec.reasons[0]).toMatchObject({value: 90_000 / 864, threshold: 100})
    const region = primary(rec)
    expect(componentOf(region, 'app-servers')).toMatchObject({minCount: 1, instanceType: 'm7g.large', volumeGiB: 20})
    expect(componentOf(region, 'static-site')).toBeDefined()
    // primary load = reads 93.75 + writes 10.4 x (3,700 / 2,000) = 113 <= 925 (db.t4g.medium, 0.25 x 3,700)
    expect(componentOf(region, 'database')).toMatchObject({
      instanceClass: 'db.t4g.medium',
      shards: 1,
      replicasPerShard: 0,
    })
    expect(componentOf(region, 'load-balancer')).toBeUndefined()
  })

  it('splits the database out when data passes what one box keeps', () => {
    const rec = recommend(specOf({users: '50', dataSize: '200GB'}))
    expect(rec.stage.number).toBe(2)
    expect(rules(rec)).toEqual(['single-server-data'])
    // storage = ceil(200e9 / 2^30 = 186.26 GiB x 1.25) = 233 GiB
    expect(componentOf(primary(rec), 'database')?.storageGiB).toBe(233)
  })
})

describe('stage 3: load-balanced', () => {
  it('adds app servers behind a load balancer when peak passes one server', () => {
    const rec = recommend(specOf({users: '95k', requestsPerUser: '200'}))
    // peak = 95,000 x 200 x 2 / 86,400 = 439.8 req/s > 250; servers = ceil(439.8 / 250) + 1 spare = 3
    expect(rec.stage.number).toBe(3)
    expect(componentOf(primary(rec), 'app-servers')).toMatchObject({minCount: 3, maxCount: 6})
    expect(componentOf(primary(rec), 'load-balancer')).toBeDefined()
    expect(rec.topology.edge.cdn).toBe(false)
  })

  it('makes every tier redundant for a 99.9% target even at tiny load', () => {
    const rec = recommend(specOf({users: '1000', availability: '99.9'}))
    expect(rec.stage.number).toBe(3)
    expect(rules(rec)).toEqual(['availability'])
    const region = primary(rec)
    // ceil(1.16 / 250) + 1 = 2 servers, across 3 zones, one NAT per zone, Multi-AZ database
    expect(componentOf(region, 'app-servers')?.minCount).toBe(2)
    expect(region.zones).toBe(3)
    expect(componentOf(region, 'network')?.natGateways).toBe(3)
    expect(componentOf(region, 'database')).toMatchObject({role: 'primary', multiAz: true})
  })
})

describe('zones: never more than the region offers', () => {
  it('spans the two zones us-west-1 offers at 99.9%, one NAT each, and says so', () => {
    const rec = recommend(specOf({users: '1000', availability: '99.9', regions: 'us-west-1,us-east-1'}))
    const [west, east] = rec.topology.regions
    expect(west!.zones).toBe(2)
    expect(componentOf(west!, 'network')).toMatchObject({natGateways: 2})
    expect(east!.zones).toBe(3)
    expect(rec.warnings).toContain(
      'us-west-1 offers 2 availability zones to most accounts: the 99.9% target spans 2 zones instead of 3',
    )
  })

  it('needs no cap below 99.9%: two zones everywhere', () => {
    const rec = recommend(specOf({users: '1000', regions: 'us-west-1'}))
    expect(rec.topology.regions[0]!.zones).toBe(2)
    expect(rec.warnings).toEqual([])
  })
})

describe('stage 4: CDN', () => {
  it('adds a CDN at the users where it pays off', () => {
    const rec = recommend(specOf({users: '100k'}))
    // 100,000 >= 100,000 CDN users; peak 115.7 > 100 also forces stage 2
    expect(rec.stage.number).toBe(4)
    expect(rules(rec)).toEqual(['cdn-users', 'single-server-load'])
    expect(rec.topology.edge.cdn).toBe(true)
    // ceil(115.7 / 250) + 1 = 2
    expect(componentOf(primary(rec), 'app-servers')?.minCount).toBe(2)
  })

  it('adds a CDN for a second region, with a cross-region replica there', () => {
    const rec = recommend(specOf({users: '1000', regions: 'us-east-1,eu-west-1'}))
    expect(rec.stage.number).toBe(4)
    expect(rules(rec)).toEqual(['multi-region'])
    const replica = componentOf(rec.topology.regions[1]!, 'database')
    expect(replica).toMatchObject({role: 'replica', replicasPerShard: 1, shards: 1})
    expect(unitCount(replica!)).toBe(1)
    expect(rec.topology.primaryRegion).toBe('us-east-1')
  })
})

describe('stage 5: cache, sized by the 80/20 rule', () => {
  it('adds a cache when reads pass one database node', () => {
    const rec = recommend(specOf({users: '4M'}))
    // peak = 4,000,000 / 864 = 4,629.6; reads = 0.9 x 4,629.6 = 4,166.7 > 3,700
    // reads left = 4,166.7 x 0.2 = 833.3 <= 3,700: no replicas; writes 463 <= 2,000: no shards
    expect(rec.stage.number).toBe(5)
    expect(rules(rec)).toContain('database-reads')
    expect(rules(rec)).not.toContain('reads-after-cache')
    const [math] = rec.cache
    // 80% of 4,166.7 reads served by the cache = 3,333.3; 833.3 reach the database
    expect(math!.servedRps).toBeCloseTo(3333.33, 2)
    expect(math!.missRps).toBeCloseTo(833.33, 2)
    // hot data = 10 GB (9.31 GiB) x 0.2 = 1.86 GiB > 1.03 GiB of a cache.t4g.small -> cache.r7g.large,
    // one shard (1.86 <= 9.8 GiB, 5,000 ops/s <= 100,000), plus its replica
    expect(math!.hotDataGiB).toBeCloseTo(1.86, 2)
    expect(componentOf(primary(rec), 'cache')).toMatchObject({
      nodeType: 'cache.r7g.large',
      shards: 1,
      replicasPerShard: 1,
    })
    expect(unitCount(componentOf(primary(rec), 'cache')!)).toBe(2)
    // servers = ceil(4,629.6 / 250) + 1 = 20
    expect(componentOf(primary(rec), 'app-servers')?.minCount).toBe(20)
  })

  it('shards the cache when the hot set passes one node', () => {
    const rec = recommend(specOf({users: '4M', dataSize: '500GB'}))
    // hot = 500e9 / 2^30 x 0.2 = 93.13 GiB; / 9.8 GiB per node = 9.5 -> 10 shards
    expect(componentOf(primary(rec), 'cache')).toMatchObject({shards: 10, replicasPerShard: 1})
    expect(unitCount(componentOf(primary(rec), 'cache')!)).toBe(20)
  })
})

describe('stage 6: database scaling', () => {
  it('adds read replicas for the reads the cache leaves', () => {
    const rec = recommend(specOf({users: '20M', readWrite: '99:1'}))
    // peak = 20,000,000 / 864 = 23,148.1; reads = 0.99 x 23,148.1 = 22,916.7
    // reads left = 22,916.7 x 0.2 = 4,583.3 > 3,700 -> replicas = ceil(4,583.3 / 3,700) = 2
    // writes = 231.5 <= 2,000 -> 1 shard
    expect(rec.stage.number).toBe(6)
    expect(rules(rec)).toEqual(expect.arrayContaining(['reads-after-cache']))
    expect(rules(rec)).not.toContain('primary-writes')
    const db = componentOf(primary(rec), 'database')!
    expect(db).toMatchObject({shards: 1, replicasPerShard: 2})
    expect(unitCount(db)).toBe(3)
    // each replica serves 4,583.3 / 2 = 2,291.7 > 1,850 (db.r7g.large) -> db.r7g.xlarge
    expect(db.replicaInstanceClass).toBe('db.r7g.xlarge')
  })

  it('shards when writes pass one primary', () => {
    const rec = recommend(specOf({users: '40M', readWrite: '50:50'}))
    // peak = 40,000,000 / 864 = 46,296.3; writes = 23,148.1 > 2,000 -> shards = ceil(11.57) = 12
    expect(rules(rec)).toContain('primary-writes')
    expect(componentOf(primary(rec), 'database')?.shards).toBe(12)
  })

  it('shards when data passes what one shard holds', () => {
    const rec = recommend(specOf({users: '50', dataSize: '9TB'}))
    // 9,000 GB > 4,000 GB -> shards = ceil(9,000 / 4,000) = 3
    expect(rec.stage.number).toBe(6)
    expect(rules(rec)).toContain('data-per-shard')
    const db = componentOf(primary(rec), 'database')!
    // storage per shard = ceil(9e12 / 3 / 2^30 = 2,793.97 GiB x 1.25) = 3,493 GiB
    expect(db).toMatchObject({shards: 3, storageGiB: 3493})
  })

  it('adds shards when replicas would pass the RDS limit of 15', () => {
    const rec = recommend(specOf({users: '150M', readWrite: '999:1'}))
    // peak = 173,611.1; reads = 173,437.5; left after cache = 34,687.5 -> 10 replicas: within 15
    // so raise the load: 400M users -> reads left = 92,500 -> ceil(25) = 25 replicas > 15
    const big = recommend(specOf({users: '400M', readWrite: '999:1'}))
    expect(componentOf(primary(rec), 'database')).toMatchObject({shards: 1, replicasPerShard: 10})
    expect(big.reasons.map((r) => r.rule)).toContain('replica-limit')
    // 2 shards: ceil(92,500 / 2 / 3,700) = 13 replicas each <= 15
    expect(componentOf(primary(big), 'database')).toMatchObject({shards: 2, replicasPerShard: 13})
  })
})

describe('stage 7: microservices', () => {
  it('splits named services out past the microservices threshold, each sized on its own', () => {
    const rec = recommend(specOf({users: '1M', services: 'search,payment'}))
    // 1,000,000 >= 500,000; peak = 1,157.4 split over 2 services = 578.7 each
    // tasks = ceil(578.7 / 125) + 1 = 6 per service, auto scaling up to 12
    expect(rec.stage.number).toBe(7)
    const services = primary(rec).components.filter((c) => c.kind === 'service')
    expect(services).toEqual([
      expect.objectContaining({name: 'search', path: '/search/*', minTasks: 6, maxTasks: 12}),
      expect.objectContaining({name: 'payment', path: '/payment/*', minTasks: 6, maxTasks: 12}),
    ])
    expect(componentOf(primary(rec), 'app-servers')).toBeUndefined()
  })

  it('stays below stage 7 without named services, and says what would reach it', () => {
    const rec = recommend(specOf({users: '1M'}))
    expect(rec.stage.number).toBe(4)
    expect(rec.next.at(-1)).toEqual({
      stage: 7,
      name: 'microservices',
      atUsers: null,
      because: 'microservices need named services: give --services (like search,payment,profile)',
    })
  })
})

describe('next-stage triggers', () => {
  it('solves for the users at which each higher stage is recommended', () => {
    const rec = recommend(specOf({users: '1000'}))
    // stage 2: peak > 100 -> users / 864 > 100 -> users > 86,400
    // stage 3 is skipped: the CDN's 100,000 users come before peak > 250 (216,000 users)
    // stage 5: reads > 3,700 -> 0.9 x users / 864 > 3,700 -> users > 3,552,000
    // stage 6: writes > 2,000 -> 0.1 x users / 864 > 2,000 -> users > 17,280,000
    expect(rec.next.map((n) => [n.stage, n.atUsers])).toEqual([
      [2, 86_401],
      [4, 100_000],
      [5, 3_552_001],
      [6, 17_280_001],
      [7, null],
    ])
    expect(rec.next[0]!.because).toBe(
      'peak just over 100 req/s exceeds the 100 req/s one server carries alongside its database',
    )
  })
})

describe('forced stage', () => {
  it('builds a lower stage than the load needs, with a warning naming what the load needs', () => {
    const rec = recommend(specOf({users: '4M'}), {stage: 3})
    expect(rec.stage.number).toBe(3)
    expect(rec.recommendedStage).toBe(5)
    expect(componentOf(primary(rec), 'cache')).toBeUndefined()
    expect(rec.warnings[0]).toMatch(/^stage 3 was forced; the load needs stage 5 \(cache\): /)
  })
})
