import {describe, expect, it} from '@jest/globals'

import {diffRecommendations} from '../../src/render/diff.js'
import {renderDiffMarkdown, type PlanOverview} from '../../src/render/diff-markdown.js'
import {recommendFor, specFor} from './report-specs.js'

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
      `### scaleplan: stage ${diff.stage.head} (${diff.stage.headName}) unchanged, ` +
        `$${diff.cost.headMonthlyUsd.toLocaleString('en-US', {minimumFractionDigits: 2, maximumFractionDigits: 2})} a month, unchanged\n\n` +
        'The same topology at the same cost: nothing to review in the infrastructure.\n\n' +
        '<sub>scaleplan diff base.yaml → head.yaml</sub>\n',
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
      expect.arrayContaining(['cache']),
    )
    // The CDN is the project's, not a region's.
    expect(diff.fields).toContainEqual({field: 'cdn', base: false, head: true})
    const app = region.components.find((c) => c.kind === 'app-servers')!
    expect(app.change).toBe('resized')
    expect(app.fields.map((f) => f.field)).toContain('minCount')
    expect(diff.cost.deltaUsd).toBeCloseTo(head.cost.monthlyUsd - base.cost.monthlyUsd, 2)

    const markdown = renderDiffMarkdown(diff, labels)
    // One headline: the stage change and the money, first.
    expect(markdown.split('\n')[0]).toMatch(
      new RegExp(
        `^### scaleplan: stage ${base.stage.number} \\(${base.stage.name}\\) → \\*\\*${head.stage.number} ` +
          `\\(${head.stage.name}\\)\\*\\*, \\$[\\d,.]+ → \\$[\\d,.]+ a month \\(\\*\\*\\+\\$[\\d,.]+\\*\\*, \\+[\\d.,]+%\\)$`,
      ),
    )
    // Why: the inputs that changed.
    expect(markdown).toContain(
      '**Inputs changed:** `users` 50,000 → 8,000,000 daily active users; `readWrite` 90:10 → 95:5; ' +
        '`responseSize` 20 KB → 300 KB; `staticShare` 0.6 → 0.9 share of bytes; `hotSet` 0.2 → 0.05 share of data.',
    )
    // The details are collapsed; field names are words, not the Topology's keys.
    expect(markdown).toMatch(/<details>\n<summary>Components: \d+ changes<\/summary>\n\n/)
    expect(markdown).toMatch(/\| added \| cache \| /)
    expect(markdown).toMatch(/\| resized \| app servers \| instances \d+ → \d+/)
    expect(markdown).not.toContain('minCount')
  })

  it('a region added: listed as added with all its components, shares of the old region change', () => {
    const head = {...BASE, regions: 'us-east-1,eu-west-1'}
    const diff = diffRecommendations(recommendFor(BASE), recommendFor(head), {base: specFor(BASE), head: specFor(head)})
    expect(diff.equal).toBe(false)
    const added = diff.regions.find((r) => r.region === 'eu-west-1')!
    expect(added.change).toBe('added')
    expect(added.components.every((c) => c.change === 'added')).toBe(true)
    expect(added.components.map((c) => c.kind)).toContain('database')
    const old = diff.regions.find((r) => r.region === 'us-east-1')!
    expect(old.fields).toContainEqual({field: 'userShare', base: 1, head: 0.5})
    const markdown = renderDiffMarkdown(diff, labels)
    expect(markdown).toContain('**eu-west-1** (region added)')
    // Cost per region, previous / new / change, and the total.
    expect(markdown).toMatch(/^\| us-east-1 \| \$[\d,.]+ \| \$[\d,.]+ \| [+−]\$[\d,.]+ \([+−][\d.]+%\) \|$/m)
    expect(markdown).toMatch(/^\| eu-west-1 \(new\) \| – \| \$[\d,.]+ \| \+\$[\d,.]+ \|$/m)
    expect(markdown).toMatch(/^\| \*\*total\*\* \|/m)
    expect(diff.cost.regions.map((r) => r.region)).toEqual(['us-east-1', 'eu-west-1'])
    expect(diff.inputs.map((i) => [i.name, i.base, i.head])).toEqual([
      ['regions', 'us-east-1', 'us-east-1, eu-west-1'],
      ['regionShares', '100%', '50%, 50%'],
    ])
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
    expect(markdown).toMatch(/^### scaleplan: stage \d \(\S+\) unchanged, /)
    expect(markdown).toContain('<summary>Cost by component:')
    expect(markdown).toContain('`requestsPerUser` 50 → 100')
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
    expect(renderDiffMarkdown(diff, labels)).toContain('- primary region: us-east-1 → eu-west-1')
  })

  it('a rename changes every resource name, so it is shown', () => {
    const diff = diffRecommendations(recommendFor(BASE), recommendFor({...BASE, name: 'store'}))
    expect(diff.fields).toEqual([{field: 'name', base: 'shop', head: 'store'}])
    expect(diff.equal).toBe(false)
  })
})

describe('renderDiffMarkdown with a plan, and text from outside', () => {
  const base = recommendFor(BASE)
  const head = recommendFor({...BASE, users: '8M'})
  const plan: PlanOverview = {
    stacks: [{name: 'shop-us-east-1', status: 'planned', create: 2, update: 1, replace: 1, destroy: 0}],
    resources: [
      {stack: 'shop-us-east-1', action: 'create', address: 'aws_elasticache_replication_group.Cache', dataLoss: false},
      {stack: 'shop-us-east-1', action: 'replace', address: 'aws_db_instance.Database_Primary', dataLoss: true},
    ],
  }

  it('shows the plan per stack, calls out resources that hold data, and lists every resource collapsed', () => {
    const markdown = renderDiffMarkdown(diffRecommendations(base, head), labels, {plan})
    expect(markdown).toContain('| shop-us-east-1 | planned | 2 | 1 | 1 | 0 |')
    expect(markdown).toContain('> [!CAUTION]\n> 1 resource holding data would be deleted or replaced:')
    expect(markdown).toContain('> - shop-us-east-1: replace `aws_db_instance.Database_Primary`')
    expect(markdown).toMatch(/<summary>Terraform: 2 resources to change<\/summary>/)
  })

  it('has a place for what other analyses add: open after the cost, or collapsed with the details', () => {
    const markdown = renderDiffMarkdown(diffRecommendations(base, head), labels, {
      sections: [
        {title: 'Stage odds', markdown: 'stage 5 at P50'},
        {title: 'Cost range', markdown: 'P10 / P50 / P90', collapsed: true},
      ],
    })
    expect(markdown.indexOf('#### Stage odds')).toBeGreaterThan(markdown.indexOf('| **total** |') === -1 ? 0 : 0)
    expect(markdown.indexOf('#### Stage odds')).toBeLessThan(markdown.indexOf('<details>'))
    expect(markdown).toContain('<details>\n<summary>Cost range</summary>\n\nP10 / P50 / P90\n\n</details>')
  })

  it.each([
    ['an HTML comment, which would hide the rest of the comment', 'x <!-- hidden', /<!--/],
    ['a mention, which would notify someone', '@octocat and @org/team', /(?<!\\)@/],
    ['a pipe, which would split a table cell', 'a | b', /(?<!\\)\| b/],
    ['a backtick, which would open code', 'a ` b', /(?<!\\)` b/],
    ['a newline, which would end the row', 'a\nb', /a\nb/],
  ])('escapes %s', (_what, evil, unsafe) => {
    const markdown = renderDiffMarkdown(
      diffRecommendations(base, head),
      {base: evil, head: evil},
      {plan: {...plan, stacks: [{...plan.stacks[0]!, status: 'failed', error: evil}]}},
    )
    expect(markdown).not.toMatch(unsafe)
  })
})
