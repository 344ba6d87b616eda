import {describe, expect, it} from '@jest/globals'

import {diffRecommendations, renderDiffMarkdown} from '../../src/render/diff.js'
import {recommendFor} from './report-specs.js'

const labels = {base: 'base.yaml', head: 'head.yaml'}
const BASE = {name: 'shop', users: '500k', dataSize: '50GB', availability: 99.9}

describe('diffRecommendations', () => {
  it('no change: equal, nothing listed', () => {
    const diff = diffRecommendations(recommendFor(BASE), recommendFor({...BASE}))
    expect(diff).toMatchObject({
      equal: true,
      fields: [],
      regions: [],
      stage: {changed: false},
      cost: {deltaUsd: 0, lines: []},
    })
    expect(renderDiffMarkdown(diff, labels)).toBe(
      '## scaleplan diff: base.yaml -> head.yaml\n\nNo change: the same topology at the same cost.\n',
    )
  })

  it('stage up: the stage change, the components it adds, and what it costs', () => {
    const base = recommendFor({...BASE, users: '50k'})
    const head = recommendFor({
      ...BASE,
      users: '8M',
      readWrite: '95:5',
      responseSize: '300KB',
      staticShare: 0.9,
      hotSet: 0.05,
    })
    const diff = diffRecommendations(base, head)
    expect(diff.equal).toBe(false)
    expect(diff.stage).toEqual({
      base: base.stage.number,
      head: head.stage.number,
      baseName: base.stage.name,
      headName: head.stage.name,
      changed: true,
    })
    expect(head.stage.number).toBeGreaterThan(base.stage.number)
    const region = diff.regions.find((r) => r.region === 'us-east-1')!
    expect(region.components.filter((c) => c.change === 'added').map((c) => c.kind)).toEqual(
      expect.arrayContaining(['cdn', 'cache']),
    )
    const app = region.components.find((c) => c.kind === 'app-servers')!
    expect(app.change).toBe('resized')
    expect(app.fields.map((f) => f.field)).toContain('minCount')
    expect(diff.cost.deltaUsd).toBeCloseTo(head.cost.monthlyUsd - base.cost.monthlyUsd, 2)

    const markdown = renderDiffMarkdown(diff, labels)
    expect(markdown).toContain(
      `**Stage ${base.stage.number} (${base.stage.name}) -> ${head.stage.number} (${head.stage.name})**`,
    )
    expect(markdown).toMatch(/\| added \| cache \| /)
    expect(markdown).toMatch(/\| resized \| app-servers \| minCount: \d+ -> \d+/)
  })

  it('a region added: listed as added with all its components, shares of the old region change', () => {
    const head = {...BASE, regions: 'us-east-1,eu-west-1'}
    const diff = diffRecommendations(recommendFor(BASE), recommendFor(head))
    expect(diff.equal).toBe(false)
    const added = diff.regions.find((r) => r.region === 'eu-west-1')!
    expect(added.change).toBe('added')
    expect(added.components.every((c) => c.change === 'added')).toBe(true)
    expect(added.components.map((c) => c.kind)).toContain('database')
    const old = diff.regions.find((r) => r.region === 'us-east-1')!
    expect(old.fields).toContainEqual({field: 'userShare', base: 1, head: 0.5})
    expect(renderDiffMarkdown(diff, labels)).toContain('### eu-west-1 (region added)')
  })

  it('a region removed is listed as removed', () => {
    const diff = diffRecommendations(recommendFor({...BASE, regions: 'us-east-1,eu-west-1'}), recommendFor(BASE))
    expect(diff.regions.find((r) => r.region === 'eu-west-1')).toMatchObject({change: 'removed'})
  })

  it('cost only: same topology, a different bill, still "different"', () => {
    // More requests per user at a lower peak factor: same peak (same servers), more traffic billed.
    const base = recommendFor({...BASE, requestsPerUser: 50, peakFactor: 4})
    const head = recommendFor({...BASE, requestsPerUser: 100, peakFactor: 2})
    expect(head.topology).toEqual(base.topology)
    const diff = diffRecommendations(base, head)
    expect(diff).toMatchObject({equal: false, regions: [], fields: [], stage: {changed: false}})
    expect(diff.cost.deltaUsd).toBeGreaterThan(0)
    expect(diff.cost.lines.length).toBeGreaterThan(0)
    for (const line of diff.cost.lines) expect(line.deltaUsd).toBeCloseTo(line.headUsd - line.baseUsd, 2)
    const markdown = renderDiffMarkdown(diff, labels)
    expect(markdown).toContain('Stage unchanged')
    expect(markdown).toContain('### Cost by component')
  })

  it('a new primary region is said once, at the top; its databases change role, so they are replaced', () => {
    const base = recommendFor({...BASE, regions: 'us-east-1,eu-west-1'})
    const head = recommendFor({...BASE, regions: 'eu-west-1,us-east-1'})
    const diff = diffRecommendations(base, head)
    expect(diff.fields).toEqual([{field: 'primaryRegion', base: 'us-east-1', head: 'eu-west-1'}])
    const databases = (region: string) =>
      diff.regions
        .find((r) => r.region === region)!
        .components.flatMap((c) => {
          const component = c.head ?? c.base
          return component?.kind === 'database' ? [`${c.change} ${component.role}`] : []
        })
    expect(databases('eu-west-1')).toEqual(['added primary', 'removed replica'])
    expect(databases('us-east-1')).toEqual(['added replica', 'removed primary'])
    expect(renderDiffMarkdown(diff, labels)).toContain('- `primaryRegion`: us-east-1 -> eu-west-1')
  })

  it('a rename changes every resource name, so it is shown', () => {
    const diff = diffRecommendations(recommendFor(BASE), recommendFor({...BASE, name: 'store'}))
    expect(diff.fields).toEqual([{field: 'name', base: 'shop', head: 'store'}])
    expect(diff.equal).toBe(false)
  })
})
