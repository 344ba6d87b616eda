import {describe, expect, it, jest} from '@jest/globals'
import fc from 'fast-check'

import {recommend, type RecommendOptions, type Recommendation} from '../../src/cost/recommend.js'
import type {TopologyChange} from '../../src/forecast/changes.js'
import {medianSpec} from '../../src/forecast/inputs.js'
import {timeline} from '../../src/forecast/timeline.js'
import type {Spec} from '../../src/spec/schema.js'
import {specOf} from '../helpers/spec.js'

// Each sample is a whole plan; on a shared 2-core machine a few hundred of them take seconds.
jest.setTimeout(60_000)

const plan = (spec: Spec, options?: RecommendOptions) => recommend(spec, options)

/** Shards of the primary region's database in a timeline month's plan, as `recommend` gives it. */
function shardsOf(rec: Recommendation): number {
  const primary = rec.topology.regions.find((region) => region.region === rec.topology.primaryRegion)!
  return primary.components.find((component) => component.kind === 'database')?.shards ?? 1
}

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

  it('plans each month exactly as recommend plans that month’s users and data, with the shards already split', () => {
    const spec = specOf({users: '300k', dataSize: '200GB', growth: '12%/month', dataGrowth: '100GB/month'})
    const result = timeline(spec, plan)
    expect(result.horizon).toBe(24)
    let shardsBuilt = 1
    for (const row of result.months) {
      const direct = recommend(specOf({users: String(row.users), dataSize: `${row.dataSizeBytes}B`}), {shardsBuilt})
      expect({month: row.month, stage: row.stage, usd: row.monthlyUsd}).toEqual({
        month: row.month,
        stage: direct.stage.number,
        usd: direct.cost.monthlyUsd,
      })
      shardsBuilt = Math.max(shardsBuilt, shardsOf(direct))
    }

    // 12% a month for 24 months, compounded.
    expect(result.months[24]!.users).toBe(Math.round(300_000 * 1.12 ** 24))
    expect(result.months[24]!.dataSizeBytes).toBe(200e9 + 24 * 100e9)
  })

  it('plans every month as recommend does at its users and data with the shards already built, whatever the growth', () => {
    let heldMonths = 0
    fc.assert(
      fc.property(
        fc.integer({min: 100_000, max: 20_000_000}),
        fc.integer({min: 0, max: 20}),
        fc.integer({min: 1, max: 8}),
        fc.integer({min: 0, max: 3000}),
        (users, growthPercent, dataTB, dataGrowthGB) => {
          const inputs = {dataSize: `${dataTB}TB`, readWrite: '10:1', horizon: '12'}
          const spec = specOf({
            ...inputs,
            users: String(users),
            growth: `${growthPercent}%/month`,
            dataGrowth: `${dataGrowthGB}GB/month`,
          })
          let shardsBuilt = 1
          for (const row of timeline(spec, plan).months) {
            const at = specOf({...inputs, users: String(row.users), dataSize: `${row.dataSizeBytes}B`})
            const direct = recommend(at, {shardsBuilt})
            expect({month: row.month, stage: row.stage, usd: row.monthlyUsd}).toEqual({
              month: row.month,
              stage: direct.stage.number,
              usd: direct.cost.monthlyUsd,
            })
            if (shardsBuilt > 1) heldMonths++
            shardsBuilt = Math.max(shardsBuilt, shardsOf(direct))
          }
        },
      ),
      {numRuns: 20},
    )
    // The floor was in play: some months were planned with shards already split.
    expect(heldMonths).toBeGreaterThan(0)
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

  it('never merges database shards it has split, whatever the growth', () => {
    fc.assert(
      fc.property(
        fc.integer({min: 100_000, max: 50_000_000}),
        fc.integer({min: 0, max: 15}),
        fc.integer({min: 1, max: 20}),
        fc.integer({min: 0, max: 2000}),
        (users, growthPercent, dataTB, dataGrowthGB) => {
          const spec = specOf({
            users: String(users),
            dataSize: `${dataTB}TB`,
            growth: `${growthPercent}%/month`,
            dataGrowth: `${dataGrowthGB}GB/month`,
            regions: 'us-east-1,eu-west-1',
            horizon: '18',
          })
          const result = timeline(spec, plan)
          for (const row of result.months) {
            for (const [from, to] of shardMoves(row.changes))
              expect({month: row.month, from, to: Math.max(to, from)}).toEqual({month: row.month, from, to})
          }
          // Each split is one change with every region it happens in (the other region's replica
          // database splits with the primary), named once, as an event of the month it is first needed.
          const splits = result.months.flatMap((row) =>
            row.changes
              .filter((change) => change.split)
              .map((change) => ({month: row.month, what: change.what, regions: change.regions})),
          )
          for (const split of splits) expect(split.regions).toEqual(['us-east-1', 'eu-west-1'])
          expect(splits.map((split) => split.what)).toEqual(
            result.months.flatMap((row) => row.changes.filter((c) => shardMoves([c]).length > 0).map((c) => c.what)),
          )
          const named = result.events
            .filter((e) => e.what.includes(' shards '))
            .map((e) => ({month: e.month, what: e.what, regions: e.regions}))
          expect(named).toEqual(splits)
        },
      ),
      {numRuns: 25},
    )
  })

  it('holds the system-design-primer case at the shards it splits to, with no merge and re-split', () => {
    const primer = specOf({
      users: '10M',
      readWrite: '100:1',
      requestsPerUser: '300..400',
      peakFactor: '1.5..3',
      dataSize: '1TB',
      dataGrowth: '1TB/month',
      horizon: '36',
    })
    // Planned month by month on its own, the case merges and re-splits: two layouts cost almost the same.
    const unheld = timeline(medianSpec(primer), (spec) => recommend(spec))
    const unheldMoves = unheld.months.flatMap((row) => shardMoves(row.changes))
    expect(unheldMoves.filter(([from, to]) => to < from).length).toBeGreaterThan(1)

    const shards: number[] = []
    const held = timeline(medianSpec(primer), (spec, options) => {
      const rec = recommend(spec, options)
      shards.push(shardsOf(rec))
      return rec
    })
    expect(held.months.flatMap((row) => shardMoves(row.changes))).toEqual([])
    expect(held.events).toEqual([])
    // The 16 shards month 0 splits to hold for all 36 months.
    expect(new Set(shards)).toEqual(new Set([16]))
    expect(shards.length).toBe(37)
  })
})

/** The database shard counts a month's changes move between, as [from, to]. */
function shardMoves(changes: readonly TopologyChange[]): [number, number][] {
  return changes.flatMap((change) => {
    const moved = /^database shards (\d+) -> (\d+)$/.exec(change.what)
    return moved ? [[Number(moved[1]), Number(moved[2])] as [number, number]] : []
  })
}
