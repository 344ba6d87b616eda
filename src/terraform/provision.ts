/**
 * Plan and apply over all region stacks: per stack `init` and `plan -out`, a summary of every
 * plan, then exactly those saved plans applied, in dependency order, a few stacks at a time.
 */
import {existsSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {ALLOW_DESTROY_VARIABLE} from '../infra/stack-variables.js'
import {hasChanges, type PlanSummary} from './plan-summary.js'
import type {Progress} from './progress.js'
import {PLAN_FILE, type StackRun, type TerraformRunner} from './runner.js'
import {runStacks, type StackOutcome} from './schedule.js'
import {reversed, type StackInfo} from './stacks.js'

export const LOG_FILE = 'scaleplan.log'

export interface ProvisionContext {
  readonly runner: TerraformRunner
  readonly progress: Progress
  readonly parallelism: number
  readonly stopped: () => boolean
}

export const logFileOf = (stack: StackInfo) => join(stack.dir, LOG_FILE)

/**
 * Plans every stack. Plans change nothing, so they run in parallel regardless of dependencies;
 * each stack's log starts afresh here and collects every later call for the same run.
 */
export async function planAll(
  stacks: readonly StackInfo[],
  ctx: ProvisionContext,
  options: {destroy: boolean},
): Promise<StackOutcome<PlanSummary>[]> {
  return everyStackAtOnce(stacks, ctx, async (stack) => {
    const {name} = stack
    writeFileSync(logFileOf(stack), '')
    const run = {
      dir: stack.dir,
      logFile: logFileOf(stack),
      onMessage: (m: Parameters<Progress['message']>[1]) => ctx.progress.message(name, m),
    }
    ctx.progress.phase(name, 'init')
    await ctx.runner.init(run)
    ctx.progress.phase(name, options.destroy ? 'planning destroy' : 'planning')
    const summary = await ctx.runner.plan(run, options)
    ctx.progress.done(name, 'planned')
    return summary
  })
}

/**
 * The plans an earlier `plan` saved in every stack, as they are: init (the providers may not be
 * installed on this machine, as in a CI job that applies a plan made in another), then `show`.
 * A stack without a saved plan fails, naming what to run.
 */
export async function savedPlans(
  stacks: readonly StackInfo[],
  ctx: ProvisionContext,
): Promise<StackOutcome<PlanSummary>[]> {
  return everyStackAtOnce(stacks, ctx, async (stack) => {
    const {name} = stack
    if (!existsSync(join(stack.dir, PLAN_FILE)))
      throw new Error(`no saved plan (${PLAN_FILE}) in ${stack.dir}; run \`scaleplan plan\` first`)
    const run = {dir: stack.dir, logFile: logFileOf(stack)}
    ctx.progress.phase(name, 'init')
    await ctx.runner.init(run)
    ctx.progress.phase(name, 'reading the saved plan')
    const summary = await ctx.runner.show(run)
    ctx.progress.done(name, 'planned')
    return summary
  })
}

/** Runs `work` on every stack with no ordering between them: what only reads (plan, show) may. */
function everyStackAtOnce<T>(
  stacks: readonly StackInfo[],
  ctx: ProvisionContext,
  work: (stack: StackInfo) => Promise<T>,
): Promise<StackOutcome<T>[]> {
  const byName = new Map(stacks.map((s) => [s.name, s]))
  const independent = stacks.map((s) => ({...s, dependsOn: []}))
  return runStacks(independent, (name) => work(byName.get(name)!), {
    parallelism: ctx.parallelism,
    stopped: ctx.stopped,
  })
}

/**
 * What a replica region's stack reads or builds on in the primary region: the databases it
 * replicates and writes to, the VPC and route tables it peers with, the secrets it reads (the
 * origin header) and the records its certificates validate against.
 */
export const CROSS_STACK_TYPES: ReadonlySet<string> = new Set([
  'aws_db_instance',
  'aws_vpc',
  'aws_route_table',
  'aws_secretsmanager_secret',
  'aws_secretsmanager_secret_version',
  'aws_route53_record',
])

/**
 * A stack waits for another only while that one's plan creates, replaces or deletes something
 * the waiting stack reads there (CROSS_STACK_TYPES): a replica region's lookups, peering and
 * replicas need them to exist (and must go before them on destroy). Once they exist, day-two
 * changes in every region apply side by side.
 */
export function effectiveDependencies(
  stacks: readonly StackInfo[],
  plans: ReadonlyMap<string, PlanSummary>,
): StackInfo[] {
  const changesDatabase = (name: string) =>
    (plans.get(name)?.changes ?? []).some((c) => CROSS_STACK_TYPES.has(c.type) && c.action !== 'update')
  return stacks.map((stack) => ({
    ...stack,
    dependsOn: stack.dependsOn.filter((d) => plans.has(d) && changesDatabase(d)),
  }))
}

/** Applies each stack's saved plan; destroy plans run the dependency graph backwards. */
export async function applyAll(
  stacks: readonly StackInfo[],
  plans: ReadonlyMap<string, PlanSummary>,
  ctx: ProvisionContext,
  options: {destroy: boolean},
): Promise<StackOutcome<PlanSummary>[]> {
  const order = effectiveDependencies(options.destroy ? reversed(stacks) : stacks, plans)
  const byName = new Map(stacks.map((s) => [s.name, s]))
  return runStacks(
    order,
    async (name) => {
      const stack = byName.get(name)!
      const summary = plans.get(name)!
      const run: StackRun = {
        dir: stack.dir,
        logFile: logFileOf(stack),
        onMessage: (m) => ctx.progress.message(name, m),
      }
      if (options.destroy) await liftProtections(run, name, summary, ctx)
      ctx.progress.expect(name, summary.changes.length)
      ctx.progress.phase(name, options.destroy ? 'destroying' : 'applying')
      await ctx.runner.apply(run)
      ctx.progress.done(name, options.destroy ? 'destroyed' : 'applied')
      return summary
    },
    {parallelism: ctx.parallelism, stopped: ctx.stopped},
  )
}

/**
 * Before a stack is destroyed: what its reviewed destroy plan deletes under protection (deletion
 * and termination protection, buckets that may not be emptied, secrets with a recovery window) is
 * applied once more with `allow_destroy = true`, those resources only, which turns the protections
 * off in place; then the destroy is planned again, now against that state, and must delete exactly
 * what was reviewed. The new saved plan is the one applied.
 */
async function liftProtections(run: StackRun, name: string, reviewed: PlanSummary, ctx: ProvisionContext) {
  const guarded = reviewed.changes.filter((change) => change.guarded).map((change) => change.address)
  if (guarded.length === 0) return
  const variables = {[ALLOW_DESTROY_VARIABLE]: 'true'}
  ctx.progress.phase(name, 'lifting protection')
  const lift = await ctx.runner.plan(run, {destroy: false, variables, targets: guarded})
  const unexpected = lift.changes.filter((change) => change.action !== 'update')
  if (unexpected.length > 0) {
    throw new Error(
      `lifting deletion protection would also ${unexpected.map((c) => `${c.action} ${c.address}`).join(', ')}: ` +
        'the generated stack differs from what is deployed; destroy with the spec it was applied from',
    )
  }
  if (hasChanges(lift)) {
    ctx.progress.expect(name, lift.changes.length)
    await ctx.runner.apply(run)
  }
  ctx.progress.phase(name, 'planning destroy')
  const again = await ctx.runner.plan(run, {destroy: true, variables})
  const deleted = (summary: PlanSummary) => summary.changes.map((change) => change.address).sort()
  if (JSON.stringify(deleted(again)) !== JSON.stringify(deleted(reviewed))) {
    throw new Error(
      'after lifting deletion protection the destroy plan no longer matches the one reviewed ' +
        `(now: ${deleted(again).join(', ') || 'nothing'}); nothing more was destroyed, run destroy again to review it`,
    )
  }
}
