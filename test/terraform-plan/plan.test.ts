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
import {actionOf, growthViolations} from './helpers/growth-rules.js'
import {GROWTH_PAIRS, MATRIX, type GrowthPair, type MatrixEntry} from './matrix.js'

const FORMATS: readonly StackFormat[] = ['json', 'hcl']
/** SCALEPLAN_PLAN_ONLY (a regular expression) plans only the matching entries, for working on one. */
const only = process.env.SCALEPLAN_PLAN_ONLY ? new RegExp(process.env.SCALEPLAN_PLAN_ONLY) : undefined
const ENTRIES = MATRIX.filter((entry) => only === undefined || only.test(entry.name))
const PAIRS = GROWTH_PAIRS.filter((pair) => [pair.from, pair.to].every((name) => ENTRIES.some((e) => e.name === name)))
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
      for (const format of FORMATS) {
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

  describe.each(ENTRIES)('$name', (entry) => {
    test(`the spec is recommended stage ${entry.stage}`, () => {
      expect(recommendations.get(entry.name)?.topology.stage).toBe(entry.stage)
    })

    test.each(FORMATS)('%s: every stack plans with no error and no warning', (format) => {
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

  describe('growth never replaces what holds data', () => {
    const growth = new Map<GrowthPair, GrowthPlans>()
    const jsonStack = (name: string) => stacks.find((stack) => stack.entry.name === name && stack.format === 'json')!

    beforeAll(async () => {
      if (!lookup.ok) return
      await mapLimit(PAIRS, planConcurrency(), async (pair) => {
        const from = jsonStack(pair.from)
        const to = jsonStack(pair.to)
        growth.set(
          pair,
          await planGrowth(
            workspace,
            `${pair.from} -> ${pair.to}`,
            {stackDir: from.stackDir, plan: from.plan!},
            {stackDir: to.stackDir, plan: to.plan!},
            path.join(workspace.root, 'growth', `${pair.from}-to-${pair.to}`),
          ),
        )
      })
    }, 30 * 60_000)

    describe.each(PAIRS)('$from -> $to', (pair) => {
      test('the state stands in for what AWS would hold: planning the same stage again replaces nothing', () => {
        const {control, output, passed} = growth.get(pair)!
        expect({
          passed,
          errors: control.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic),
        }).toEqual({
          passed: true,
          errors: [],
        })
        const replaced = (control.changes ?? [])
          .filter((change) => ['replace', 'delete'].includes(actionOf(change)))
          .map((change) => `${change.address}: ${actionOf(change)} (${JSON.stringify(change.replacePaths ?? [])})`)
        expect({replaced, output: replaced.length > 0 ? output : ''}).toEqual({replaced: [], output: ''})
      })

      test('no database, cache, bucket or volume is replaced or deleted; no listener or launch template replaced', () => {
        const {after} = growth.get(pair)!
        expect(after.changes).toBeDefined()
        expect(growthViolations(after.changes!, pair.allowedDataLoss ?? [])).toEqual([])
      })
    })

    test('stage 1 -> 2 deletes only the single server, whose volume outlives it behind termination protection', () => {
      const pair = PAIRS.find((p) => p.from === 'stage-1' && p.to === 'stage-2')
      if (pair === undefined) return
      const server = growth.get(pair)!.after.changes!.find((c) => c.address === 'aws_instance.SingleServer_Instance')!
      expect(actionOf(server)).toBe('delete')
      expect(server.before).toMatchObject({
        disable_api_termination: true,
        root_block_device: [expect.objectContaining({delete_on_termination: false})],
      })
    })

    test('the cache grows from one shard to several in place, cluster mode unchanged', () => {
      const pair = PAIRS.find((p) => p.to === 'cache-sharded')
      if (pair === undefined) return
      const shards = (name: string) => componentOf(recommendations.get(name)!.topology.regions[0]!, 'cache')!.shards
      expect({from: shards(pair.from), to: shards(pair.to)}).toEqual({from: 1, to: 3})
      const cache = growth
        .get(pair)!
        .after.changes!.find((c) => c.address === 'aws_elasticache_replication_group.Cache_ReplicationGroup')!
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
