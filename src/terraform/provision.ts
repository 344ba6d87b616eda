/**
 * Plan and apply over all region stacks: per stack `init` and `plan -out`, a summary of every
 * plan, then exactly those saved plans applied, in dependency order, a few stacks at a time.
 */
import {existsSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import type {PlanSummary} from './plan-summary.js'
import type {Progress} from './progress.js'
import {PLAN_FILE, type TerraformRunner} from './runner.js'
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
  const byName = new Map(stacks.map((s) => [s.name, s]))
  const independent = stacks.map((s) => ({...s, dependsOn: []}))
  return runStacks(
    independent,
    async (name) => {
      const stack = byName.get(name)!
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
    },
    {parallelism: ctx.parallelism, stopped: ctx.stopped},
  )
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
  const byName = new Map(stacks.map((s) => [s.name, s]))
  const independent = stacks.map((s) => ({...s, dependsOn: []}))
  return runStacks(
    independent,
    async (name) => {
      const stack = byName.get(name)!
      if (!existsSync(join(stack.dir, PLAN_FILE)))
        throw new Error(`no saved plan (${PLAN_FILE}) in ${stack.dir}; run \`scaleplan plan\` first`)
      const run = {dir: stack.dir, logFile: logFileOf(stack)}
      ctx.progress.phase(name, 'init')
      await ctx.runner.init(run)
      ctx.progress.phase(name, 'reading the saved plan')
      const summary = await ctx.runner.show(run)
      ctx.progress.done(name, 'planned')
      return summary
    },
    {parallelism: ctx.parallelism, stopped: ctx.stopped},
  )
}

/**
 * A stack waits for another only while that one's plan creates, replaces or deletes a database:
 * cross-region replicas need their source to exist (and must go before it on destroy). Once the
 * primary exists, day-two changes in every region apply side by side.
 */
export function effectiveDependencies(
  stacks: readonly StackInfo[],
  plans: ReadonlyMap<string, PlanSummary>,
): StackInfo[] {
  const changesDatabase = (name: string) =>
    (plans.get(name)?.changes ?? []).some((c) => c.type === 'aws_db_instance' && c.action !== 'update')
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
      ctx.progress.expect(name, summary.changes.length)
      ctx.progress.phase(name, options.destroy ? 'destroying' : 'applying')
      await ctx.runner.apply({
        dir: stack.dir,
        logFile: logFileOf(stack),
        onMessage: (m) => ctx.progress.message(name, m),
      })
      ctx.progress.done(name, options.destroy ? 'destroyed' : 'applied')
      return summary
    },
    {parallelism: ctx.parallelism, stopped: ctx.stopped},
  )
}
