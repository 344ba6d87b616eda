/**
 * The generated Terraform against the real Terraform and the real hashicorp/aws provider, offline
 * (`npm run test:plan`). Every matrix entry is synthesized as JSON and as HCL, and every stack is
 * planned with `terraform test` (`command = plan`, fake credentials, data sources overridden);
 * then each growth pair is planned against the state of its smaller stage (helpers/growth.ts).
 *
 * Without Terraform or the provider the suite prints one line and skips; with CI=true that is a
 * failure. SCALEPLAN_TF_PLUGIN_DIR names the plugin directory; SCALEPLAN_PLAN_CONCURRENCY caps
 * the terraform processes run at once (default: one per core); SCALEPLAN_PLAN_ONLY (a regular
 * expression) plans only the matching entries; SCALEPLAN_PLAN_KEEP=1 keeps the workspace.
 */
import {afterAll, beforeAll, describe, expect, test} from '@jest/globals'
import path from 'node:path'

import type {CapacityPlan} from '../../src/capacity/recommend.js'
import {recommend} from '../../src/cost/recommend.js'
import {synthesize} from '../../src/infra/synthesize.js'
import {componentOf} from '../../src/topology/types.js'
import {specOf} from '../helpers/spec.js'
import {zonesSeenIn} from './helpers/data-overrides.js'
import {comparePlans} from './helpers/plan-comparison.js'
import {formatCheck, formatDiagnostic, planStack, type StackFormat, type StackPlan} from './helpers/plan-stack.js'
import {mapLimit, planConcurrency} from './helpers/pool.js'
import {createWorkspace, findToolchain, type Workspace} from './helpers/toolchain.js'
import {planGrowth, type GrowthPlans} from './helpers/growth.js'
import {actionOf, dataLossOf, growthViolations} from './helpers/growth-rules.js'
import {GROWTH_PAIRS, MATRIX, type GrowthPair, type MatrixEntry} from './matrix.js'

const FORMATS: readonly StackFormat[] = ['json', 'hcl']
const formatsOf = (entry: MatrixEntry) => entry.formats ?? FORMATS
/** SCALEPLAN_PLAN_ONLY (a regular expression) plans only the matching entries, for working on one. */
const only = process.env.SCALEPLAN_PLAN_ONLY ? new RegExp(process.env.SCALEPLAN_PLAN_ONLY) : undefined
const ENTRIES = MATRIX.filter((entry) => only === undefined || only.test(entry.name))
const PAIRS = GROWTH_PAIRS.filter((pair) => [pair.from, pair.to].every((name) => ENTRIES.some((e) => e.name === name)))
/**
 * `describe.each` over a table that SCALEPLAN_PLAN_ONLY may leave empty: jest throws on an empty
 * table, so then the block is left out (a filter that selects no growth pair plans none).
 */
function describeEach<T extends object>(table: readonly T[], title: string, body: (row: T) => void): void {
  if (table.length > 0) describe.each(table as T[])(title, body)
}
const lookup = findToolchain(process.env)
const inCi = process.env.CI === 'true'

if (!lookup.ok) {
  process.stderr.write(`\n*** terraform plan suite ${inCi ? 'FAILED' : 'SKIPPED'}: ${lookup.reason} ***\n\n`)
}

/** One synthesized stack of one matrix entry in one format, and its plan. */
interface PlannedStack {
  readonly entry: MatrixEntry
  readonly format: StackFormat
  readonly stack: string
  readonly region: string
  /** The synthesized stack directory (not the copy that was planned). */
  readonly stackDir: string
  plan?: StackPlan
}

const describeWithToolchain = lookup.ok ? describe : describe.skip

if (!lookup.ok && inCi) {
  test('Terraform and the hashicorp/aws provider are installed (CI=true)', () => {
    throw new Error(lookup.reason)
  })
}

describeWithToolchain('generated Terraform planned with the real AWS provider', () => {
  let workspace: Workspace
  const stacks: PlannedStack[] = []
  let tooManyZones: StackPlan
  const recommendations = new Map<string, CapacityPlan>()
  const stacksOf = (entry: MatrixEntry, format?: StackFormat) =>
    stacks.filter((stack) => stack.entry === entry && (format === undefined || stack.format === format))

  beforeAll(async () => {
    if (!lookup.ok) return
    const started = Date.now()
    workspace = createWorkspace(lookup.toolchain)
    for (const entry of ENTRIES) {
      const recommendation = recommend(specOf(entry.spec, entry.thresholds))
      recommendations.set(entry.name, recommendation)
      for (const format of formatsOf(entry)) {
        const outDir = path.join(workspace.root, 'synth', entry.name, format)
        const result = await synthesize(recommendation.topology, {...entry.synth, outDir, hcl: format === 'hcl'})
        for (const stack of result.stacks) {
          stacks.push({
            entry,
            format,
            stack: stack.name,
            region: stack.region,
            stackDir: path.dirname(path.join(outDir, stack.file)),
          })
        }
      }
    }
    // The 2-zone region with a topology that asks for 3 (an older spec, or another account's
    // view of the region): the plan must stop with the network's own message.
    const west = recommend(specOf({users: '1M', regions: 'us-west-1', availability: 99.9})).topology
    const threeZones = {
      ...west,
      regions: west.regions.map((region) => ({
        ...region,
        zones: 3,
        components: region.components.map((c) => (c.kind === 'network' ? {...c, natGateways: 3} : c)),
      })),
    }
    const tooManyZonesOut = path.join(workspace.root, 'synth', 'too-many-zones')
    const [westStack] = (await synthesize(threeZones, {outDir: tooManyZonesOut})).stacks
    const jobs: Array<() => Promise<void>> = [
      ...stacks.map((stack) => async () => {
        stack.plan = await planStack(workspace, {
          label: `${stack.entry.name} [${stack.format}] ${stack.stack}`,
          stackDir: stack.stackDir,
          format: stack.format,
          into: path.join(workspace.root, 'plans', stack.entry.name, stack.format, stack.stack),
        })
      }),
      async () => {
        tooManyZones = await planStack(workspace, {
          label: 'too-many-zones [json]',
          stackDir: path.dirname(path.join(tooManyZonesOut, westStack!.file)),
          format: 'json',
          into: path.join(workspace.root, 'plans', 'too-many-zones'),
        })
      },
    ]
    await mapLimit(jobs, planConcurrency(), (job) => job())
    const seconds = ((Date.now() - started) / 1000).toFixed(1)
    process.stderr.write(
      `terraform plan suite: ${stacks.length} stacks planned with Terraform ${lookup.toolchain.terraformVersion} and hashicorp/aws ${lookup.toolchain.providerVersion} in ${seconds} s (${planConcurrency()} at a time)\n`,
    )
  }, 30 * 60_000)

  // SCALEPLAN_PLAN_KEEP=1 keeps the stack copies, test files and plans to look at afterwards.
  afterAll(() => {
    if (process.env.SCALEPLAN_PLAN_KEEP === '1') process.stderr.write(`terraform plan suite: kept ${workspace?.root}\n`)
    else workspace?.dispose()
  })

  describeEach(ENTRIES, '$name', (entry) => {
    test(`the spec is recommended stage ${entry.stage}`, () => {
      expect(recommendations.get(entry.name)?.topology.stage).toBe(entry.stage)
    })

    test.each(FORMATS)('%s: every stack plans with no error and no warning', (format) => {
      if (!formatsOf(entry).includes(format)) return
      const planned = stacksOf(entry, format)
      expect(planned.length).toBeGreaterThan(0)
      for (const stack of planned) {
        const plan = stack.plan!
        const problems = plan.diagnostics.map(formatDiagnostic)
        if (!plan.passed && problems.length === 0) problems.push(`terraform test failed:\n${plan.output}`)
        expect({stack: plan.label, problems}).toEqual({stack: plan.label, problems: []})
        expect(plan.changes?.length).toBeGreaterThan(0)
      }
    })

    test('hcl: terraform fmt -check leaves every stack as it is', async () => {
      for (const stack of stacksOf(entry, 'hcl')) {
        const {clean, diff} = await formatCheck(workspace, stack.stackDir)
        expect({stack: stack.stack, diff: clean ? '' : diff}).toEqual({stack: stack.stack, diff: ''})
      }
    })

    test('hcl and json plan the same resources with the same arguments', () => {
      if (!formatsOf(entry).includes('hcl')) return
      for (const json of stacksOf(entry, 'json')) {
        const hcl = stacksOf(entry, 'hcl').find((stack) => stack.stack === json.stack)
        expect(hcl).toBeDefined()
        expect({
          stack: json.stack,
          differences: comparePlans(json.plan!.changes ?? [], hcl!.plan!.changes ?? []),
        }).toEqual({stack: json.stack, differences: []})
      }
    })
  })

  describe('growth and shrinking, planned against a state, replace nothing', () => {
    /** Each region's growth, by pair: the regions both stages have, as `from.region`. */
    const growth = new Map<GrowthPair, Map<string, GrowthPlans>>()
    const jsonStacks = (name: string) => stacks.filter((stack) => stack.entry.name === name && stack.format === 'json')
    const regionsOf = (pair: GrowthPair) =>
      jsonStacks(pair.to)
        .map((stack) => stack.region)
        .filter((region) => jsonStacks(pair.from).some((stack) => stack.region === region))

    beforeAll(async () => {
      if (!lookup.ok) return
      const jobs = PAIRS.flatMap((pair) => regionsOf(pair).map((region) => ({pair, region})))
      await mapLimit(jobs, planConcurrency(), async ({pair, region}) => {
        const from = jsonStacks(pair.from).find((stack) => stack.region === region)!
        const to = jsonStacks(pair.to).find((stack) => stack.region === region)!
        const plans = await planGrowth(
          workspace,
          `${pair.from} -> ${pair.to} (${region})`,
          {stackDir: from.stackDir, plan: from.plan!},
          {stackDir: to.stackDir, plan: to.plan!},
          path.join(workspace.root, 'growth', `${pair.from}-to-${pair.to}`, region),
        )
        if (!growth.has(pair)) growth.set(pair, new Map())
        growth.get(pair)!.set(region, plans)
      })
    }, 30 * 60_000)
    const plansOf = (pair: GrowthPair) => [...(growth.get(pair) ?? new Map<string, GrowthPlans>()).entries()]
    const firstPlan = (pair: GrowthPair) => plansOf(pair)[0]![1]

    describeEach(PAIRS, '$from -> $to', (pair) => {
      test('the state stands in for what AWS would hold: planning the same stage again replaces nothing', () => {
        expect(plansOf(pair).length).toBe(regionsOf(pair).length)
        for (const [region, {control, output, passed}] of plansOf(pair)) {
          expect({
            region,
            passed,
            errors: control.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic),
          }).toEqual({region, passed: true, errors: []})
          // Updates are allowed: the mock provider knows no defaults of nested blocks.
          const replaced = (control.changes ?? [])
            .filter((change) => ['replace', 'delete'].includes(actionOf(change)))
            .map((change) => `${change.address}: ${actionOf(change)} (${JSON.stringify(change.replacePaths ?? [])})`)
          expect({region, replaced, output: replaced.length > 0 ? output : ''}).toEqual({
            region,
            replaced: [],
            output: '',
          })
        }
      })

      test('nothing is replaced; no listener or launch template replaced; no data lost on the way up', () => {
        for (const [region, {after}] of plansOf(pair)) {
          expect(after.changes).toBeDefined()
          expect({region, violations: growthViolations(after.changes!, pair)}).toEqual({region, violations: []})
        }
      })

      if (pair.shrinks) {
        test('the way down deletes what holds data: apply refuses it without --allow-data-loss', () => {
          const losses = plansOf(pair).flatMap(([, {after}]) => dataLossOf(after.changes!))
          expect(losses.length).toBeGreaterThan(0)
        })
      }
    })

    test('stage 1 -> 2 deletes only the single server, whose volume outlives it behind termination protection', () => {
      const pair = PAIRS.find((p) => p.from === 'stage-1' && p.to === 'stage-2')
      if (pair === undefined) return
      const server = firstPlan(pair).after.changes!.find((c) => c.address === 'aws_instance.SingleServer_Instance')!
      expect(actionOf(server)).toBe('delete')
      expect(server.before).toMatchObject({
        disable_api_termination: true,
        root_block_device: [expect.objectContaining({delete_on_termination: false})],
      })
    })

    test('with a domain, stage 3 to 4 turns the domain from the load balancer to CloudFront in place', () => {
      const pair = PAIRS.find((p) => p.from === 'stage-3-domain' && p.to === 'stage-4-domain')
      if (pair === undefined) return
      const changes = firstPlan(pair).after.changes!
      const site = changes.find((c) => c.address === 'aws_route53_record.SiteRecord')!
      expect(actionOf(site)).toBe('update')
      expect(site.before?.alias).toEqual([expect.objectContaining({evaluate_target_health: true})])
      expect(site.after?.alias).toEqual([expect.objectContaining({evaluate_target_health: false})])
      // The load balancer's certificate already covered the origin name: kept as it is.
      const certificate = changes.find((c) => c.address === 'aws_acm_certificate.Certificate_Certificate')!
      expect(actionOf(certificate)).toBe('no-op')
    })

    test('the cache grows from one shard to several in place, cluster mode unchanged', () => {
      const pair = PAIRS.find((p) => p.to === 'cache-sharded')
      if (pair === undefined) return
      const shards = (name: string) => componentOf(recommendations.get(name)!.topology.regions[0]!, 'cache')!.shards
      expect({from: shards(pair.from), to: shards(pair.to)}).toEqual({from: 1, to: 3})
      const cache = firstPlan(pair).after.changes!.find(
        (c) => c.address === 'aws_elasticache_replication_group.Cache_ReplicationGroup',
      )!
      expect(actionOf(cache)).toBe('update')
      expect({before: cache.before?.num_node_groups, after: cache.after?.num_node_groups}).toEqual({
        before: 1,
        after: 3,
      })
      expect(cache.after?.cluster_mode).toBe('enabled')
    })
  })

  test('an account that sees fewer zones than the network spans stops the plan with a clear message', () => {
    expect(tooManyZones.passed).toBe(false)
    expect(tooManyZones.diagnostics.map(formatDiagnostic)).toEqual([
      expect.stringContaining('The network spans 3 availability zones, but this account sees fewer in this region'),
    ])
  })

  test('two-zone region: each subnet tier spans distinct zones, no more than the region offers', () => {
    const entry = ENTRIES.find((e) => e.name === 'two-zone-region')
    if (entry === undefined) return
    const [stack] = stacksOf(entry, 'json')
    const subnets = (stack!.plan!.changes ?? []).filter((change) => change.type === 'aws_subnet')
    const offered = zonesSeenIn(stack!.region)
    for (const tier of ['Public', 'Private']) {
      const zones = subnets
        .filter((subnet) => subnet.name.startsWith(`Network_${tier}`))
        .map((subnet) => subnet.after?.availability_zone)
      expect({tier, zones}).toEqual({tier, zones: [...offered]})
    }
  })
})
