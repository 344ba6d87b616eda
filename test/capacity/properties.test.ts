import {describe, expect, it} from '@jest/globals'
import fc from 'fast-check'

import {recommend, type Recommendation} from '../../src/cost/recommend.js'
import {crosses} from '../../src/capacity/rules.js'
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
  requestsPerUser: fc.integer({min: 1, max: 5000}),
  peakFactor: fc.double({min: 1, max: 10, noNaN: true}),
  availability: fc.constantFrom('99', '99.5', '99.9', '99.99'),
  services: fc.uniqueArray(fc.constantFrom('search', 'payment', 'profile', 'feed'), {maxLength: 3}),
})

type Inputs = typeof specInputs extends fc.Arbitrary<infer T> ? T : never

function planFor(inputs: Inputs, users = inputs.users): Recommendation {
  return recommend(
    specOf({
      users: String(users),
      readWrite: `${inputs.reads}:${inputs.writes}`,
      regions: inputs.regions.join(','),
      dataSize: `${inputs.dataGB}GB`,
      requestsPerUser: String(inputs.requestsPerUser),
      peakFactor: String(inputs.peakFactor),
      availability: inputs.availability,
      ...(inputs.services.length > 0 ? {services: inputs.services.join(',')} : {}),
    }),
  )
}

/** Totals across regions of the counts that must never shrink as users grow. */
function totals(rec: Recommendation) {
  const all: Component[] = rec.topology.regions.flatMap((r) => r.components)
  const sum = (pick: (c: Component) => number) => all.reduce((total, c) => total + pick(c), 0)
  return {
    appServers: sum((c) => (c.kind === 'app-servers' ? c.minCount : c.kind === 'service' ? c.minTasks : 0)),
    replicas: sum((c) => (c.kind === 'database' ? c.shards * c.replicasPerShard : 0)),
    shards: Math.max(0, ...all.map((c) => (c.kind === 'database' ? c.shards : 0))),
  }
}

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

  it('more users never lowers the stage, nor reduces app servers, replicas or shards', () => {
    fc.assert(
      fc.property(specInputs, fc.double({min: 1, max: 100, noNaN: true}), (inputs, growth) => {
        const more = Math.min(MAX_USERS, Math.ceil(inputs.users * growth))
        const before = planFor(inputs)
        const after = planFor(inputs, more)
        expect(after.stage.number).toBeGreaterThanOrEqual(before.stage.number)
        // App servers and, at stage 7, the services' tasks that replace them.
        const a = totals(before)
        const b = totals(after)
        expect(b.appServers).toBeGreaterThanOrEqual(a.appServers)
        expect(b.replicas).toBeGreaterThanOrEqual(a.replicas)
        expect(b.shards).toBeGreaterThanOrEqual(a.shards)
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
})
