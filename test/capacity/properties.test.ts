import {describe, expect, it} from '@jest/globals'
import fc from 'fast-check'

import {createPlanner, recommend, recommendAt, samplePlan, type Recommendation} from '../../src/cost/recommend.js'
import type {DataLevel, DataTierModel} from '../../src/capacity/data-tier.js'
import {crosses, type RuleId} from '../../src/capacity/rules.js'
import {AWS_REGIONS} from '../../src/spec/regions.js'
import {MAX_USERS} from '../../src/spec/schema.js'
import {parseTopology} from '../../src/topology/schema.js'
import type {Component} from '../../src/topology/types.js'
import {specOf} from '../helpers/spec.js'

/** Any valid spec, in the flag forms a user would type. */
const specInputs = fc.record({
  users: fc.integer({min: 1, max: MAX_USERS / 2}),
  reads: fc.integer({min: 0, max: 1000}),
  writes: fc.integer({min: 1, max: 1000}),
  regions: fc.uniqueArray(fc.constantFrom(...AWS_REGIONS.map((r) => r.code)), {minLength: 1, maxLength: 4}),
  dataGB: fc.integer({min: 1, max: 10_000_000}),
  objectGB: fc.constantFrom(0, 0, 50, 20_000),
  responseKB: fc.constantFrom(2, 20, 200, 2000),
  staticShare: fc.constantFrom('0', '0.6', '0.95'),
  hotSet: fc.constantFrom('0.01', '0.2', '1'),
  queriesPerRequest: fc.constantFrom('1', '3'),
  headroom: fc.constantFrom('0.5', '0.6', '0.9'),
  requestsPerUser: fc.integer({min: 1, max: 5000}),
  peakFactor: fc.double({min: 1, max: 10, noNaN: true}),
  availability: fc.constantFrom('99', '99.5', '99.9', '99.99'),
  services: fc.uniqueArray(fc.constantFrom('search', 'payment', 'profile', 'feed'), {maxLength: 3}),
})

type Inputs = typeof specInputs extends fc.Arbitrary<infer T> ? T : never

function planFor(inputs: Inputs, users = inputs.users): Recommendation {
  return recommend(specFor(inputs, users))
}

function specFor(inputs: Inputs, users: number) {
  return specOf({
    users: String(users),
    readWrite: `${inputs.reads}:${inputs.writes}`,
    regions: inputs.regions.join(','),
    dataSize: `${inputs.dataGB}GB`,
    objectDataSize: `${inputs.objectGB}GB`,
    responseSize: `${inputs.responseKB}KB`,
    staticShare: inputs.staticShare,
    hotSet: inputs.hotSet,
    queriesPerRequest: inputs.queriesPerRequest,
    headroom: inputs.headroom,
    requestsPerUser: String(inputs.requestsPerUser),
    peakFactor: String(inputs.peakFactor),
    availability: inputs.availability,
    ...(inputs.services.length > 0 ? {services: inputs.services.join(',')} : {}),
  })
}

/** App servers and, at stage 7, the services' tasks that replace them: never fewer as users grow. */
function appTier(rec: Recommendation): number {
  return rec.topology.regions
    .flatMap((r) => r.components)
    .reduce((total, c) => total + (c.kind === 'app-servers' ? c.minCount : c.kind === 'service' ? c.minTasks : 0), 0)
}

/** The rules that call for each component; a component of the plan needs at least one of them to cross. */
const NEEDED_BY: Partial<Record<Component['kind'], readonly RuleId[]>> = {
  'load-balancer': ['app-server-load', 'availability', 'microservices-users'],
  cache: ['read-cache'],
  service: ['microservices-users'],
}
const SPLIT_BY: readonly RuleId[] = [
  'single-server-load',
  'single-server-data',
  'multi-region',
  'app-server-load',
  'availability',
  'read-cache',
  'database-scale-out',
  'microservices-users',
]

describe('recommendation properties', () => {
  it('builds only Topologies that satisfy the Topology schema', () => {
    fc.assert(
      fc.property(specInputs, (inputs) => {
        const {topology} = planFor(inputs)
        expect(parseTopology(topology)).toEqual({ok: true, topology})
      }),
    )
  })

  it('never crashes on a valid spec, and prices every component', () => {
    fc.assert(
      fc.property(specInputs, (inputs) => {
        const rec = planFor(inputs)
        expect(rec.stage.number).toBeGreaterThanOrEqual(1)
        expect(rec.stage.number).toBeLessThanOrEqual(7)
        expect(Number.isFinite(rec.cost.monthlyUsd)).toBe(true)
        expect(rec.cost.monthlyUsd).toBeGreaterThan(0)
      }),
      {numRuns: 150},
    )
  })

  it('more users never lowers the stage or the cost, nor reduces app servers or tasks', () => {
    fc.assert(
      fc.property(specInputs, fc.double({min: 1, max: 100, noNaN: true}), (inputs, growth) => {
        const more = Math.min(MAX_USERS, Math.ceil(inputs.users * growth))
        const before = planFor(inputs)
        const after = planFor(inputs, more)
        expect(after.stage.number).toBeGreaterThanOrEqual(before.stage.number)
        expect(after.cost.monthlyUsd).toBeGreaterThanOrEqual(before.cost.monthlyUsd - 1e-6)
        expect(appTier(after)).toBeGreaterThanOrEqual(appTier(before))
      }),
      {numRuns: 150},
    )
  })

  it('never lowers cost or stage one user past any point where a part comes in, nor across a sweep', () => {
    fc.assert(
      fc.property(specInputs, (inputs) => {
        const planner = createPlanner(specFor(inputs, 1))
        const points = new Set<number>()
        // Every crossover and threshold of the spec, where a fall would hide, and a log sweep between.
        for (const from of Object.values(planner.from)) {
          if (from !== null) for (const users of [from - 1, from, from + 1]) if (users >= 1) points.add(users)
        }

        for (let i = 0; i <= 60; i++) points.add(Math.max(1, Math.round(10 ** (i / 6))))
        let previous: Recommendation | undefined
        for (const users of [...points].sort((a, b) => a - b)) {
          const rec = recommendAt(planner, users)
          if (previous) {
            expect({users, stage: rec.stage.number}).toEqual({
              users,
              stage: Math.max(rec.stage.number, previous.stage.number),
            })
            expect(rec.cost.monthlyUsd).toBeGreaterThanOrEqual(previous.cost.monthlyUsd - 1e-6)
          }

          previous = rec
        }
      }),
      {numRuns: 40},
    )
  })

  it('has every component needed by a rule that crosses', () => {
    fc.assert(
      fc.property(specInputs, (inputs) => {
        const rec = planFor(inputs)
        const crossed = new Set(rec.reasons.map((r) => r.rule))
        const split = SPLIT_BY.some((rule) => crossed.has(rule))
        for (const region of rec.topology.regions) {
          for (const component of region.components) {
            const needed = NEEDED_BY[component.kind]
            if (needed)
              expect({kind: component.kind, needed: needed.some((rule) => crossed.has(rule))}).toEqual({
                kind: component.kind,
                needed: true,
              })
            if (component.kind === 'database' || component.kind === 'app-servers') expect(split).toBe(true)
            if (component.kind === 'server') expect(split).toBe(false)
            if (
              component.kind === 'database' &&
              component.role === 'primary' &&
              (component.shards > 1 || component.replicasPerShard > 0)
            ) {
              expect(crossed.has('database-scale-out')).toBe(true)
            }

            if (component.kind === 'static-site') {
              expect(split || crossed.has('cdn-cost') || inputs.objectGB > 0).toBe(true)
              // Object data lives in the primary region's bucket; behind the CDN that bucket is the only one.
              const primary = region.region === rec.topology.primaryRegion
              if (!primary)
                expect({region: region.region, objectStorageGiB: component.objectStorageGiB}).toEqual({
                  region: region.region,
                  objectStorageGiB: undefined,
                })
              if (!primary) expect(rec.topology.edge.cdn).toBe(false)
            }
          }
        }

        // The one distribution is needed by the rule that adds it.
        if (rec.topology.edge.cdn)
          expect((['multi-region', 'cdn-cost'] as const).some((rule) => crossed.has(rule))).toBe(true)
      }),
      {numRuns: 150},
    )
  })

  it('gives every reason a value really past its threshold', () => {
    fc.assert(
      fc.property(specInputs, (inputs) => {
        for (const reason of planFor(inputs).reasons) {
          expect({rule: reason.rule, crosses: crosses(reason)}).toEqual({rule: reason.rule, crosses: true})
        }
      }),
      {numRuns: 150},
    )
  })

  it('places each next-stage trigger exactly where the stage changes', () => {
    fc.assert(
      fc.property(specInputs, (inputs) => {
        const rec = planFor(inputs)
        for (const next of rec.next) {
          if (next.atUsers === null) continue
          expect(planFor(inputs, next.atUsers).stage.number).toBe(next.stage)
          expect(planFor(inputs, next.atUsers - 1).stage.number).toBeLessThan(next.stage)
        }
      }),
      {numRuns: 40},
    )
  })

  it('keeps at least the database shards already built, and plans as before when none were split', () => {
    fc.assert(
      fc.property(specInputs, fc.integer({min: 2, max: 64}), (inputs, shardsBuilt) => {
        const spec = specFor(inputs, inputs.users)
        const databases = (rec: Recommendation) =>
          rec.topology.regions.flatMap((region) => region.components).filter((c) => c.kind === 'database')
        const held = recommend(spec, {shardsBuilt})
        for (const database of databases(held)) expect(database.shards).toBeGreaterThanOrEqual(shardsBuilt)
        expect(recommend(spec, {shardsBuilt: 1})).toEqual(recommend(spec))
      }),
      {numRuns: 100},
    )
  })

  it('plans each forecast sample as recommend does: the same stage, topology and monthly cost, to the last bit', () => {
    fc.assert(
      fc.property(specInputs, (inputs) => {
        const spec = specFor(inputs, inputs.users)
        const full = recommend(spec)
        expect(samplePlan(spec)).toEqual({
          stage: full.stage.number,
          topology: full.topology,
          monthlyUsd: full.cost.monthlyUsd,
        })
      }),
      {numRuns: 150},
    )
  })
})

/**
 * The data tier's crossovers, checked against their definition with plain cost searches: the
 * planner's own search skips most of that work (it stops at the first plan within a bound and
 * settles bisection steps from earlier answers), and must land where the plain definition says.
 */
describe('the data tier path', () => {
  /** True when some level above `here` costs no more than `here` at `users`: the crossover's question, asked plainly. */
  const higherCostsNoMore = (model: DataTierModel, here: DataLevel, users: number) => {
    const own = model.cost(here, users)
    return ([0, 1, 2] as const).some((level) => level > here && model.cost(level, users) <= own)
  }

  it('moves up exactly where a higher level first costs no more than the one it leaves', () => {
    fc.assert(
      fc.property(specInputs, (inputs) => {
        const {dataTier, dataPath} = createPlanner(specFor(inputs, inputs.users))
        for (const step of dataPath.steps) {
          expect({at: step.atUsers, better: higherCostsNoMore(dataTier, step.from, step.atUsers)}).toEqual({
            at: step.atUsers,
            better: true,
          })
          expect({before: step.atUsers - 1, better: higherCostsNoMore(dataTier, step.from, step.atUsers - 1)}).toEqual({
            before: step.atUsers - 1,
            better: false,
          })
          expect(step.fromUsd).toBe(dataTier.cost(step.from, step.atUsers))
          expect(step.toUsd).toBe(dataTier.cost(step.to, step.atUsers))
        }
      }),
      {numRuns: 150},
    )
  })

  it('answers "a plan within this bound?" as the cheapest plan does, with a plan that is within it', () => {
    fc.assert(
      fc.property(
        specInputs,
        fc.constantFrom<DataLevel>(0, 1, 2),
        fc.double({min: 0.2, max: 3, noNaN: true}),
        (inputs, level, share) => {
          const {dataTier} = createPlanner(specFor(inputs, inputs.users))
          const cheapest = dataTier.cost(level, inputs.users)
          const bound = Number.isFinite(cheapest) ? cheapest * share : Infinity
          const found = dataTier.costWithin(level, inputs.users, bound)
          expect(Number.isFinite(found)).toBe(Number.isFinite(cheapest) && cheapest <= bound)
          if (Number.isFinite(found)) {
            expect(found).toBeGreaterThanOrEqual(cheapest)
            expect(found).toBeLessThanOrEqual(bound)
          }
        },
      ),
      {numRuns: 200},
    )
  })
})
