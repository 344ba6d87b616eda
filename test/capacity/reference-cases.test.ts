/**
 * Hand-worked cases: the published back-of-the-envelope cases, and at least one per stage.
 * Defaults unless stated: 50 requests per user per day, peak factor 2, 90:10, one query per
 * request, 10 GB, availability 99.5%, target utilisation 0.6, so
 * peak req/s = users x 50 x 2 / 86,400 = users / 864, and at the target utilisation
 * one server beside its database carries 100 x 0.6 = 60 req/s, an app server 250 x 0.6 = 150,
 * and a db.r7g.xlarge 18,500 x 0.6 = 11,100 read queries/s or 3,700 x 0.6 = 2,220 write queries/s
 * (a db.r7g.large half that, a db.t4g.medium a tenth).
 */
import {describe, expect, it} from '@jest/globals'

import {recommend} from '../../src/cost/recommend.js'
import {unitCount} from '../../src/topology/derived.js'
import {componentOf, type RegionTopology} from '../../src/topology/types.js'
import {specOf} from '../helpers/spec.js'

const primary = (rec: ReturnType<typeof recommend>): RegionTopology =>
  rec.topology.regions.find((region) => region.region === rec.topology.primaryRegion)!
const primaryDatabase = (rec: ReturnType<typeof recommend>) => {
  const db = componentOf(primary(rec), 'database')
  if (db?.role !== 'primary') throw new Error('no primary database')
  return db
}
const rules = (rec: ReturnType<typeof recommend>) => rec.reasons.map((r) => r.rule).sort()
/** Within 1% of a published figure. */
const within1Percent = (value: number, published: number) => expect(Math.abs(value / published - 1)).toBeLessThan(0.01)
/** Requests per user per day from a month's requests, with the primer's month of 2.5 million seconds. */
const primerPerDay = (perMonth: number, users: number) => ((perMonth / users) * 86_400) / 2_500_000

describe('the published back-of-the-envelope cases', () => {
  it("Alex Xu's Twitter: 150M daily users x 2 requests, peak factor 2: ~3,472 average and ~6,944 peak req/s", () => {
    const rec = recommend(specOf({users: '150M', requestsPerUser: '2', peakFactor: '2'}))
    // 150,000,000 x 2 / 86,400 = 3,472.2; x 2 = 6,944.4
    within1Percent(rec.load.avgRps, 3472)
    within1Percent(rec.load.peakRps, 6944)
    expect(rec.load.avgRps).toBeCloseTo(3472.22, 2)
    expect(rec.load.peakRps).toBeCloseTo(6944.44, 2)
  })

  it("the system-design-primer's AWS case: 10M users, 100B reads and 1B writes a month: 40,000 reads/s, 400 writes/s", () => {
    // The primer's month is 2.5M seconds: 101B / 10M users / 28.94 days = 349.06 requests per user per day.
    const rec = recommend(
      specOf({
        users: '10M',
        requestsPerUser: String(primerPerDay(101e9, 10e6)),
        readWrite: '100:1',
        peakFactor: '1',
      }),
    )
    within1Percent(rec.load.readRps, 40_000)
    within1Percent(rec.load.writeRps, 400)
  })

  it("the primer's Pastebin: 10M writes and 100M reads a month, ~450 GB of pastes in S3 after 3 years", () => {
    const rec = recommend(
      specOf({
        users: '10M',
        requestsPerUser: String(primerPerDay(110e6, 10e6)),
        readWrite: '10:1',
        peakFactor: '1',
        // 360M shortlinks x ~270 bytes of row in the database; the 1 KB pastes in the object store
        dataSize: '97GB',
        objectDataSize: '450GB',
      }),
    )
    within1Percent(rec.load.readRps, 40)
    within1Percent(rec.load.writeRps, 4)
    // 44 req/s and 97 GB fit one server; the pastes go to S3, not onto its disk
    expect(rec.stage.number).toBe(1)
    expect(componentOf(primary(rec), 'static-site')?.objectStorageGiB).toBeCloseTo(450e9 / 2 ** 30, 6)
    // volume = 20 GiB + ceil(97 GB = 90.34 GiB x 1.25) = 133 GiB
    expect(componentOf(primary(rec), 'server')?.volumeGiB).toBe(20 + Math.ceil((97e9 / 2 ** 30) * 1.25))
    const s3 = rec.cost.regions[0]!.lines.find((line) => line.component === 'static-site')!
    // 1 GB of front end + 419.1 GiB of pastes at $0.023, and the GET requests of the static share
    expect(s3.monthlyUsd).toBeGreaterThan((1 + 450e9 / 2 ** 30) * 0.023)
  })

  it("the primer's query cache: 10B queries a month is 4,000 req/s; the cache holds the hot part of 2.7 TB", () => {
    const perDay = String(primerPerDay(10e9, 10e6))
    const rec = recommend(
      specOf({users: '10M', requestsPerUser: perDay, readWrite: '100:0', peakFactor: '1', dataSize: '2.7TB'}),
    )
    within1Percent(rec.load.avgRps, 4000)
    // 4,000 reads/s fit one database (a db.r7g.xlarge carries 11,100/s): a cache for 2.7 TB would only cost
    expect(componentOf(primary(rec), 'cache')).toBeUndefined()
    // Ten times the users, with the primer's "limited memory": the hottest 1% of results in a cache
    const big = recommend(
      specOf({users: '100M', requestsPerUser: perDay, readWrite: '100:0', dataSize: '2.7TB', hotSet: '1%'}),
    )
    const [math] = big.cache
    // 2.7e12 bytes = 2,514.6 GiB x 0.01 = 25.1 GiB to hold, on 3 cache.r7g.large of 9.8 GiB usable
    expect(math?.hotSetGiB).toBeCloseTo((2.7e12 / 2 ** 30) * 0.01, 6)
    expect(math?.shards).toBe(3)
  })
})

describe('stage 1: single server', () => {
  it('tens of users and a gigabyte of data fit on one machine with the defaults', () => {
    const rec = recommend(specOf({users: '50', dataSize: '1GB'}))
    // peak = 50 / 864 = 0.058 req/s <= 60; data 1 GB <= 100 GB; 99.5% < 99.9%
    expect(rec.stage.number).toBe(1)
    expect(rec.reasons).toEqual([])
    // volume = 20 GiB base + ceil(1 GB = 0.93 GiB x 1.25 headroom = 1.16) = 22 GiB
    expect(componentOf(primary(rec), 'server')).toMatchObject({instanceType: 't3.medium', volumeGiB: 22})
    expect(componentOf(primary(rec), 'network')).toMatchObject({natGateways: 0})
    expect(primary(rec).zones).toBe(2)
    expect(componentOf(primary(rec), 'database')).toBeUndefined()
    // one instance's SLA, 99.5%, meets the 99.5% target
    expect(rec.availability).toMatchObject({percent: 99.5, meetsTarget: true})
  })
})

describe('stage 2: three-tier', () => {
  it('splits the database out when peak passes what one shared box carries at the target utilisation', () => {
    const rec = recommend(specOf({users: '60k'}))
    // peak = 60,000 / 864 = 69.4 req/s > 60 (100 x 0.6), <= 150 (one app server at 0.6)
    expect(rec.stage.number).toBe(2)
    expect(rules(rec)).toEqual(['single-server-load'])
    expect(rec.reasons[0]).toMatchObject({value: 60_000 / 864, threshold: 60, thresholdName: 'singleServerRps'})
    const region = primary(rec)
    expect(componentOf(region, 'app-servers')).toMatchObject({minCount: 1, instanceType: 'm7g.large', volumeGiB: 20})
    expect(componentOf(region, 'static-site')).toBeDefined()
    // reads 62.5/s / 1,110 + writes 6.94/s / 222 = 0.087 of a db.t4g.medium at its CPU-credit baseline
    expect(componentOf(region, 'database')).toMatchObject({
      instanceClass: 'db.t4g.medium',
      shards: 1,
      replicasPerShard: 0,
    })
    expect(componentOf(region, 'load-balancer')).toBeUndefined()
    // the one app server sits in a public subnet: nothing needs a NAT gateway
    expect(componentOf(region, 'network')?.natGateways).toBe(0)
  })

  it('splits the database out when data passes what one box keeps', () => {
    const rec = recommend(specOf({users: '50', dataSize: '200GB'}))
    expect(rec.stage.number).toBe(2)
    expect(rules(rec)).toEqual(['single-server-data'])
    // storage = ceil(200e9 / 2^30 = 186.26 GiB x 1.25) = 233 GiB
    expect(componentOf(primary(rec), 'database')?.storageGiB).toBe(233)
  })

  it('misses a 99.5% target with one app server and one database, and says redundancy meets it', () => {
    const rec = recommend(specOf({users: '60k'}))
    // 99.5% x 99.5% = 99.0025%
    expect(rec.availability.percent).toBeCloseTo(99.0025, 6)
    expect(rec.availability.meetsTarget).toBe(false)
    expect(rec.availability.suggestions[0]).toMatch(/^redundancy across zones .* gives 99\.\d+%, which meets it$/)
    expect(rec.warnings.at(-1)).toMatch(/below the 99.5% target/)
  })
})

describe('stage 3: load-balanced', () => {
  it('adds app servers behind a load balancer when peak passes one server at the target utilisation', () => {
    const rec = recommend(specOf({users: '200k'}))
    // peak = 200,000 / 864 = 231.5 req/s > 150; servers = ceil(231.5 / 150) + 1 spare = 3
    expect(rec.stage.number).toBe(3)
    expect(componentOf(primary(rec), 'app-servers')).toMatchObject({minCount: 3, maxCount: 6})
    expect(componentOf(primary(rec), 'load-balancer')).toBeDefined()
    expect(componentOf(primary(rec), 'network')?.natGateways).toBe(1)
    expect(rec.topology.edge.cdn).toBe(false)
  })

  it('makes every tier redundant for a 99.9% target even at tiny load', () => {
    const rec = recommend(specOf({users: '1000', availability: '99.9'}))
    expect(rec.stage.number).toBe(3)
    expect(rules(rec)).toEqual(['availability'])
    const region = primary(rec)
    // ceil(1.16 / 150) + 1 = 2 servers, across 3 zones, one NAT per zone, Multi-AZ database
    expect(componentOf(region, 'app-servers')?.minCount).toBe(2)
    expect(region.zones).toBe(3)
    expect(componentOf(region, 'network')?.natGateways).toBe(3)
    expect(componentOf(region, 'database')).toMatchObject({role: 'primary', multiAz: true})
    // ALB 99.99% x servers in several zones 99.99% x RDS Multi-AZ 99.95% = 99.93%
    expect(rec.availability.percent).toBeCloseTo(99.99 * 0.9999 * 0.9995, 6)
    expect(rec.availability.meetsTarget).toBe(true)
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
  it('adds a CDN for latency with a second region, and says what it costs against serving from the regions', () => {
    const rec = recommend(specOf({users: '1000', regions: 'us-east-1,eu-west-1'}))
    expect(rec.stage.number).toBe(4)
    expect(rules(rec)).toEqual(['multi-region'])
    expect(rec.edge).toMatchObject({cdn: true, why: 'latency', cdnFromUsers: 1})
    expect(rec.reasons[0]!.message).toMatch(
      /for latency.*one CloudFront distribution costs \$[\d,.]+ a month here, serving from the regions \$[\d,.]+/,
    )
    const replica = componentOf(rec.topology.regions[1]!, 'database')
    expect(replica).toMatchObject({role: 'replica', replicasPerShard: 1, shards: 1})
    expect(unitCount(replica!)).toBe(1)
  })

  it('with one region, adds the CDN only from the users where it costs no more than serving from the region', () => {
    // Large responses: bytes dominate, and CloudFront's tiers fall below the region's egress tiers.
    const spec = {responseSize: '400KB', staticShare: '0.9'}
    const rec = recommend(specOf({users: '10M', ...spec}))
    const from = rec.edge.cdnFromUsers!
    expect(rec.edge.why).toBe('cost')
    const before = recommend(specOf({users: String(from - 1), ...spec}))
    const at = recommend(specOf({users: String(from), ...spec}))
    expect(before.edge.cdn).toBe(false)
    expect(before.edge.cdnUsd).toBeGreaterThan(before.edge.directUsd)
    expect(at.edge.cdn).toBe(true)
    expect(at.edge.cdnUsd).toBeLessThanOrEqual(at.edge.directUsd)
    expect(at.reasons.find((r) => r.rule === 'cdn-cost')).toMatchObject({value: from, threshold: from})
  })

  it('does not buy a CDN for small dynamic responses in one region: request fees outweigh the cheaper bytes', () => {
    const rec = recommend(specOf({users: '100M'}))
    // 152B requests a month at $0.01 per 10,000 HTTPS requests cost more than CloudFront saves on 2.8 PB
    expect(rec.edge).toMatchObject({cdn: false, why: 'none', cdnFromUsers: null})
    expect(rec.edge.cdnUsd).toBeGreaterThan(rec.edge.directUsd)
    expect(rec.topology.edge.cdn).toBe(false)
  })
})

describe('stage 5: a cache, sized by reads and the working set', () => {
  it('adds a cache where the database alone runs out of its class: the cheapest fix, by hand', () => {
    // One xlarge carries 7,135.7 reads/s / 11,100 + 792.9 writes/s / 2,220 = 1 at 6,850,285.7 users.
    const below = recommend(specOf({users: '6850285'}))
    const at = recommend(specOf({users: '6850286'}))
    expect(componentOf(primary(below), 'database')?.replicaInstanceClass).toBe('db.r7g.xlarge')
    expect(componentOf(primary(below), 'cache')).toBeUndefined()
    // Past it: a db.r7g.2xlarge ($697.88 + 20 GiB x $0.115 = $700.18), or a cache taking 80% of the reads
    // (2 x cache.r7g.large x $0.219 x 0.8 Valkey x 730 h = $255.79) in front of a db.r7g.large ($174.47 + $2.30)
    expect(at.stage.number).toBe(5)
    expect(componentOf(primary(at), 'database')?.replicaInstanceClass).toBe('db.r7g.large')
    expect(componentOf(primary(at), 'cache')).toMatchObject({
      nodeType: 'cache.r7g.large',
      shards: 1,
      replicasPerShard: 1,
    })
    const cacheReason = at.reasons.find((r) => r.rule === 'read-cache')!
    expect(cacheReason.message).toContain('$432.56 a month for databases and caches, against $700.18 without')
  })

  it('explains the 80/20 rule with its numbers', () => {
    const [math] = recommend(specOf({users: '6850286'})).cache
    // 80% of 7,135.7 reads served by the cache; 20% reach the database
    expect(math!.servedQps).toBeCloseTo(7135.71 * 0.8, 1)
    expect(math!.missQps).toBeCloseTo(7135.71 * 0.2, 1)
    // working set = 10 GB (9.31 GiB) x 0.2 hot set = 1.86 GiB, past the 1.03 GiB of a cache.t4g.small
    expect(math!.hotSetGiB).toBeCloseTo(1.86, 2)
    // every read asks the cache, each miss writes back: 7,135.7 x 1.2 = 8,562.9 ops/s
    expect(math!.opsPerSecond).toBeCloseTo(8562.86, 1)
  })

  it('buys no cache for a huge database that is hardly read', () => {
    const rec = recommend(specOf({users: '1', dataSize: '10TB'}))
    expect(rec.topology.regions.flatMap((r) => r.components).some((c) => c.kind === 'cache')).toBe(false)
    // 10 TB needs 3 shards of at most 4,000 GB: stage 6, with no cache in front
    expect(componentOf(primary(rec), 'database')?.shards).toBe(3)
  })

  it('buys no cache for a write-only load at any size', () => {
    for (const users of ['1M', '50M', '1B']) {
      const rec = recommend(specOf({users, readWrite: '0:100'}))
      expect(componentOf(primary(rec), 'cache')).toBeUndefined()
    }
  })

  it('shards the cache when the working set passes one node', () => {
    const rec = recommend(specOf({users: '200M', dataSize: '500GB'}))
    // hot = 500e9 / 2^30 x 0.2 = 93.13 GiB
    const cache = componentOf(primary(rec), 'cache')!
    expect(cache.hotDataGiB).toBeCloseTo(93.13, 2)
    const [math] = rec.cache
    expect(math!.shards * math!.usableGiBPerNode).toBeGreaterThanOrEqual(93.13)
  })
})

describe('stage 6: database scaling', () => {
  it('shards when data passes what one shard holds, from the first user', () => {
    const rec = recommend(specOf({users: '50', dataSize: '9TB'}))
    // 9,000 GB > 4,000 GB -> shards = ceil(9,000 / 4,000) = 3
    expect(rec.stage.number).toBe(6)
    expect(rules(rec)).toEqual(['data-per-shard', 'database-scale-out', 'single-server-data'])
    const db = componentOf(primary(rec), 'database')!
    // storage per shard = ceil(9e12 / 3 / 2^30 = 2,793.97 GiB x 1.25) = 3,493 GiB
    expect(db).toMatchObject({shards: 3, storageGiB: 3493, replicasPerShard: 0})
  })

  it('shards when writes pass the largest primary at the target utilisation', () => {
    const rec = recommend(specOf({users: '40M', readWrite: '50:50'}))
    // peak = 46,296.3; writes = 23,148.1 queries/s > 4,440 (db.r7g.4xlarge: 3,700 x 2 x 0.6)
    expect(rules(rec)).toContain('primary-writes')
    const db = primaryDatabase(rec)
    const capacity: Record<string, number> = {
      'db.r7g.large': 1110,
      'db.r7g.xlarge': 2220,
      'db.r7g.2xlarge': 3330,
      'db.r7g.4xlarge': 4440,
    }
    // every shard's primary carries its writes within the target utilisation
    expect(23_148.1 / db.shards).toBeLessThanOrEqual(capacity[db.instanceClass]!)
  })

  it('adds read replicas of the primary class, which replay every write and serve the rest in reads', () => {
    // Multi-AZ: a shard costs two instances, a replica one, and 50 GB is cheap to copy, so replicas win
    const rec = recommend(
      specOf({users: '60M', readWrite: '999:1', dataSize: '50GB', availability: '99.95'}, {cacheHitRatio: 0.5}),
    )
    const db = primaryDatabase(rec)
    expect(db).toMatchObject({shards: 1, replicaInstanceClass: db.instanceClass})
    expect(db.replicasPerShard).toBeGreaterThan(1)
    // each replica: its share of the reads left by the cache, plus every write, within one node
    const read = {'db.r7g.large': 5550, 'db.r7g.xlarge': 11_100}[db.instanceClass as 'db.r7g.large']
    const write = {'db.r7g.large': 1110, 'db.r7g.xlarge': 2220}[db.instanceClass as 'db.r7g.large']
    const reads = (rec.load.readQps * 0.5) / db.replicasPerShard
    expect(reads / read + rec.load.writeQps / write).toBeLessThanOrEqual(1)
    // and one replica fewer would not do
    expect((rec.load.readQps * 0.5) / (db.replicasPerShard - 1) / read + rec.load.writeQps / write).toBeGreaterThan(1)
  })

  it('keeps every primary within 15 replicas, cross-region ones included', () => {
    const rec = recommend(specOf({users: '2B', readWrite: '999:1', regions: 'us-east-1,eu-west-1,ap-southeast-1'}))
    const replicas = rec.topology.regions.map((r) => componentOf(r, 'database')!.replicasPerShard)
    expect(replicas.reduce((sum, n) => sum + n, 0)).toBeLessThanOrEqual(15)
  })

  it('counts queries, not requests: three queries per request triple the database load', () => {
    const one = recommend(specOf({users: '1M'}))
    const three = recommend(specOf({users: '1M', queriesPerRequest: '3'}))
    expect(three.load.readQps).toBeCloseTo(one.load.readQps * 3, 6)
    expect(three.load.writeQps).toBeCloseTo(one.load.writeQps * 3, 6)
  })
})

describe('stage 7: microservices', () => {
  it('splits named services out past the microservices threshold, each sized on its own', () => {
    const rec = recommend(specOf({users: '1M', services: 'search,payment'}))
    // 1,000,000 >= 500,000; peak = 1,157.4 split over 2 services = 578.7 each
    // tasks of 2 vCPU = ceil(578.7 / 150) + 1 = 5 per service, auto scaling up to 10
    expect(rec.stage.number).toBe(7)
    const services = primary(rec).components.filter((c) => c.kind === 'service')
    expect(services).toEqual([
      expect.objectContaining({name: 'search', path: '/search/*', cpuUnits: 2048, minTasks: 5, maxTasks: 10}),
      expect.objectContaining({name: 'payment', path: '/payment/*', cpuUnits: 2048, minTasks: 5, maxTasks: 10}),
    ])
    expect(componentOf(primary(rec), 'app-servers')).toBeUndefined()
  })

  it('stays below stage 7 without named services, and says what would reach it', () => {
    const rec = recommend(specOf({users: '1M'}))
    expect(rec.next.at(-1)).toEqual({
      stage: 7,
      name: 'microservices',
      atUsers: null,
      because: 'microservices need named services: give --services (like search,payment,profile)',
    })
  })
})

describe('next-stage triggers', () => {
  it('gives the users at which each higher stage is recommended', () => {
    const rec = recommend(specOf({users: '1000'}))
    // stage 2: peak > 60 -> users / 864 > 60 -> users > 51,840
    // stage 3: peak > 150 -> users > 129,600
    // stage 4 never by itself (a CDN costs more than it saves here), so it comes with stage 5
    // stage 5: one db.r7g.xlarge runs out at 6,850,285.7 users (above); stage 6 where two shards beat the cache
    expect(rec.next.map((n) => [n.stage, n.atUsers])).toEqual([
      [2, 51_841],
      [3, 129_601],
      [5, 6_850_286],
      [6, 14_103_530],
      [7, null],
    ])
    expect(rec.next[0]!.because).toBe(
      'peak just over 60 req/s exceeds the 60 req/s one server carries beside its database (60% of its measured 100)',
    )
  })
})

describe('forced stage', () => {
  it('builds a lower stage than the load needs, with a warning naming what the load needs', () => {
    const rec = recommend(specOf({users: '8M'}), {stage: 3})
    expect(rec.stage.number).toBe(3)
    expect(rec.recommendedStage).toBe(5)
    expect(componentOf(primary(rec), 'cache')).toBeUndefined()
    expect(rec.warnings[0]).toMatch(/^stage 3 was forced; the load needs stage 5 \(cache\): /)
  })
})

describe('quotas', () => {
  it('warns at the default quotas a plan passes and names the increase to request', () => {
    const rec = recommend(specOf({users: '1B'}))
    // peak 1,157,407 req/s / 150 = 7,717 servers + 1, auto scaling to 15,436: 30,872 vCPUs > 1,152
    const quotas = rec.quotas.map((q) => q.quota)
    expect(quotas).toEqual(expect.arrayContaining(['ec2Vcpus', 'albTargets']))
    const vcpus = rec.quotas.find((q) => q.quota === 'ec2Vcpus')!
    expect(vcpus).toMatchObject({limit: 1152, code: 'L-1216C47A', adjustable: true})
    expect(rec.warnings.some((w) => w.includes('request an increase in Service Quotas (ec2 L-1216C47A)'))).toBe(true)
  })

  it('keeps within the hard limits by splitting: 15 replicas per primary, 500 cache nodes per cluster', () => {
    const rec = recommend(specOf({users: '10B', readWrite: '999:1', dataSize: '10TB'}))
    const db = componentOf(primary(rec), 'database')!
    expect(db.replicasPerShard).toBeLessThanOrEqual(15)
    const cache = componentOf(primary(rec), 'cache')
    if (cache) expect(unitCount(cache)).toBeLessThanOrEqual(500)
  })
})
