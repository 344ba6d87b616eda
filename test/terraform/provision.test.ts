/**
 * Planning and applying over region stacks, with a Terraform runner the test answers by hand:
 * which stack's apply starts when is observed directly, with no clock and no sleeps. The built
 * CLI against the stand-in terraform is test/e2e/provision.test.ts.
 */
import {afterAll, describe, expect, it} from '@jest/globals'
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import type {PlanSummary, ResourceChange} from '../../src/terraform/plan-summary.js'
import {PlainProgress} from '../../src/terraform/progress.js'
import {applyAll, effectiveDependencies, planAll, type ProvisionContext} from '../../src/terraform/provision.js'
import type {StackRun, TerraformRunner} from '../../src/terraform/runner.js'
import type {StackInfo} from '../../src/terraform/stacks.js'
import {deferredTasks, settle, type DeferredTasks} from '../helpers/deferred.js'

const root = mkdtempSync(join(tmpdir(), 'scaleplan-provision-unit-'))
afterAll(() => rmSync(root, {recursive: true, force: true}))

/** The primary region and two replica regions, as synth's manifest lists them. */
const STACKS: StackInfo[] = [
  {name: 'shop-us-east-1', dir: root, dependsOn: []},
  {name: 'shop-eu-west-1', dir: root, dependsOn: ['shop-us-east-1']},
  {name: 'shop-ap-southeast-1', dir: root, dependsOn: ['shop-us-east-1']},
]
const stackOf = (run: StackRun, stacks: readonly StackInfo[]) => stacks.find((s) => run.dir === s.dir)!.name

function plan(...changes: [type: string, action: ResourceChange['action']][]): PlanSummary {
  const list = changes.map(([type, action]) => ({address: `${type}.X`, type, action, stateful: false}))
  const count = (action: string) => list.filter((c) => c.action === action).length
  return {
    create: count('create'),
    update: count('update'),
    replace: count('replace'),
    delete: count('delete'),
    changes: list,
    dataLoss: [],
  }
}

/** A runner whose plans answer at once and whose applies wait for the test. */
function runner(stacks: readonly StackInfo[], summary: PlanSummary, applies: DeferredTasks): TerraformRunner {
  return {
    init: async () => {},
    plan: async () => summary,
    show: async () => summary,
    apply: async (run) => void (await applies.start(stackOf(run, stacks))),
    output: async () => ({}),
  }
}

function context(terraform: TerraformRunner, parallelism = 4): ProvisionContext {
  return {runner: terraform, progress: new PlainProgress(() => {}), parallelism, stopped: () => false}
}

/** Each stack in a directory of its own (planAll writes each stack's log there). */
function ownDirs(): StackInfo[] {
  return STACKS.map((stack) => ({...stack, dir: mkdtempSync(join(root, `${stack.name}-`))}))
}

describe('applyAll', () => {
  it('applies replica regions after the primary region creates its database, side by side', async () => {
    const applies = deferredTasks()
    const created = plan(['aws_db_instance', 'create'], ['aws_vpc', 'create'])
    const plans = new Map(STACKS.map((s) => [s.name, created]))
    const stacks = ownDirs()
    const run = applyAll(stacks, plans, context(runner(stacks, created, applies)), {destroy: false})
    await settle()
    expect(applies.running()).toEqual(['shop-us-east-1'])
    applies.finish('shop-us-east-1')
    await settle()
    expect(applies.running()).toEqual(['shop-eu-west-1', 'shop-ap-southeast-1'])
    applies.finish('shop-eu-west-1')
    applies.finish('shop-ap-southeast-1')
    expect((await run).map((o) => o.status)).toEqual(['done', 'done', 'done'])
  })

  it('applies day-two changes that leave the database alone in every region at once', async () => {
    const applies = deferredTasks()
    const updated = plan(['aws_autoscaling_group', 'update'], ['aws_db_instance', 'update'])
    const stacks = ownDirs()
    const run = applyAll(
      stacks,
      new Map(STACKS.map((s) => [s.name, updated])),
      context(runner(stacks, updated, applies)),
      {destroy: false},
    )
    await settle()
    expect(applies.running()).toEqual(['shop-us-east-1', 'shop-eu-west-1', 'shop-ap-southeast-1'])
    for (const name of applies.running()) applies.finish(name)
    await run
  })

  it('destroys replica regions before the primary region they copy', async () => {
    const applies = deferredTasks()
    const destroyed = plan(['aws_db_instance', 'delete'])
    const stacks = ownDirs()
    const run = applyAll(
      stacks,
      new Map(STACKS.map((s) => [s.name, destroyed])),
      context(runner(stacks, destroyed, applies)),
      {destroy: true},
    )
    await settle()
    expect(applies.running()).toEqual(['shop-eu-west-1', 'shop-ap-southeast-1'])
    applies.finish('shop-eu-west-1')
    await settle()
    expect(applies.running()).toEqual(['shop-ap-southeast-1'])
    applies.finish('shop-ap-southeast-1')
    await settle()
    expect(applies.running()).toEqual(['shop-us-east-1'])
    applies.finish('shop-us-east-1')
    await run
  })
})

describe('destroy: protections lifted first', () => {
  const guardedPlan = (): PlanSummary => {
    const changes: ResourceChange[] = [
      {
        address: 'aws_db_instance.Database_Primary',
        type: 'aws_db_instance',
        action: 'delete',
        stateful: true,
        guarded: true,
      },
      {address: 'aws_vpc.Network_Vpc', type: 'aws_vpc', action: 'delete', stateful: false},
    ]
    return {create: 0, update: 0, replace: 0, delete: 2, changes, dataLoss: [changes[0]!]}
  }

  /** A runner that records each call and answers plans from `answers` in turn. */
  function recording(answers: PlanSummary[]) {
    const calls: string[] = []
    const terraform: TerraformRunner = {
      init: async () => {},
      plan: async (_, options) => {
        const vars = Object.entries(options.variables ?? {}).map(([k, v]) => `${k}=${v}`)
        calls.push(['plan', options.destroy ? 'destroy' : 'lift', ...vars, ...(options.targets ?? [])].join(' '))
        return answers.shift()!
      },
      show: async () => {
        throw new Error('not called: destroy plans afresh')
      },
      apply: async () => void calls.push('apply'),
      output: async () => ({}),
    }
    return {calls, terraform}
  }

  it('applies allow_destroy to the guarded resources only, plans the destroy again, then applies it', async () => {
    const [stack] = ownDirs()
    const {calls, terraform} = recording([plan(['aws_db_instance', 'update']), guardedPlan()])
    const [outcome] = await applyAll([stack!], new Map([[stack!.name, guardedPlan()]]), context(terraform), {
      destroy: true,
    })
    expect(outcome!.status).toBe('done')
    expect(calls).toEqual([
      'plan lift allow_destroy=true aws_db_instance.Database_Primary',
      'apply',
      'plan destroy allow_destroy=true',
      'apply',
    ])
  })

  it('stops when lifting would do more than update, or the new destroy plan is not the reviewed one', async () => {
    const [stack] = ownDirs()
    const more = recording([plan(['aws_db_instance', 'update'], ['aws_instance', 'create'])])
    const [created] = await applyAll([stack!], new Map([[stack!.name, guardedPlan()]]), context(more.terraform), {
      destroy: true,
    })
    expect(created).toMatchObject({
      status: 'failed',
      error: {message: expect.stringContaining('create aws_instance.X')},
    })
    expect(more.calls).toEqual(['plan lift allow_destroy=true aws_db_instance.Database_Primary'])

    const other = recording([plan(['aws_db_instance', 'update']), plan(['aws_vpc', 'delete'])])
    const [changed] = await applyAll([stack!], new Map([[stack!.name, guardedPlan()]]), context(other.terraform), {
      destroy: true,
    })
    expect(changed).toMatchObject({status: 'failed', error: {message: expect.stringContaining('no longer matches')}})
    // The protections were lifted; nothing was destroyed.
    expect(other.calls).toEqual([
      'plan lift allow_destroy=true aws_db_instance.Database_Primary',
      'apply',
      'plan destroy allow_destroy=true',
    ])
  })

  it('destroys at once when nothing is guarded', async () => {
    const [stack] = ownDirs()
    const {calls, terraform} = recording([])
    await applyAll([stack!], new Map([[stack!.name, plan(['aws_vpc', 'delete'])]]), context(terraform), {destroy: true})
    expect(calls).toEqual(['apply'])
  })
})

describe('planAll', () => {
  it('plans every stack at once, whatever they depend on: plans change nothing', async () => {
    const plans = deferredTasks()
    const stacks = ownDirs()
    const terraform: TerraformRunner = {
      ...runner(stacks, plan(), deferredTasks()),
      plan: async (run) => {
        await plans.start(stackOf(run, stacks))
        return plan(['aws_vpc', 'create'])
      },
    }
    const run = planAll(stacks, context(terraform), {destroy: false})
    await settle()
    expect(plans.running()).toEqual(['shop-us-east-1', 'shop-eu-west-1', 'shop-ap-southeast-1'])
    for (const name of plans.running()) plans.finish(name)
    expect((await run).map((o) => o.status)).toEqual(['done', 'done', 'done'])
  })
})

describe('effectiveDependencies', () => {
  it('keeps a dependency only while the primary creates, replaces or deletes what the others read there', () => {
    const dependsOn = (summary: PlanSummary) =>
      effectiveDependencies(STACKS, new Map(STACKS.map((s) => [s.name, summary]))).map((s) => s.dependsOn)
    const waits = [[], ['shop-us-east-1'], ['shop-us-east-1']]
    expect(dependsOn(plan(['aws_db_instance', 'replace']))).toEqual(waits)
    // Peering looks up the VPC and its route tables; the origin header is a secret; certificates
    // in the other regions validate against the primary's records.
    expect(dependsOn(plan(['aws_vpc', 'create']))).toEqual(waits)
    expect(dependsOn(plan(['aws_route_table', 'create']))).toEqual(waits)
    expect(dependsOn(plan(['aws_secretsmanager_secret_version', 'create']))).toEqual(waits)
    expect(dependsOn(plan(['aws_route53_record', 'create']))).toEqual(waits)
    expect(dependsOn(plan(['aws_db_instance', 'update'], ['aws_autoscaling_group', 'create']))).toEqual([[], [], []])
  })
})
