/**
 * What `plan`, `apply` and `destroy` share: synthesize, plan every stack with Terraform, check
 * the plans, get approval, apply exactly the saved plans, and report per stack.
 */
import * as Flags from './flags.js'
import {relative} from 'node:path'

import {TerraformNotFoundError, findTerraform, type TerraformBinary} from '../terraform/binary.js'
import {Interrupts, type StopSignal} from '../terraform/interrupts.js'
import {hasChanges, type PlanSummary} from '../terraform/plan-summary.js'
import {LiveProgress, PlainProgress, type Progress} from '../terraform/progress.js'
import {applyAll, logFileOf, planAll, savedPlans, type ProvisionContext} from '../terraform/provision.js'
import {CliTerraformRunner, TerraformError} from '../terraform/runner.js'
import type {StackOutcome} from '../terraform/schedule.js'
import {renderOutcome, renderPlans} from '../terraform/render-plans.js'
import type {StackReport} from '../terraform/stack-report.js'
import {StacksError, readStacks, type StackInfo} from '../terraform/stacks.js'
import {FileProblem} from '../files/file-problem.js'
import {plural} from '../format/words.js'
import {show} from '../spec/forms.js'
import {EXIT, RefusedError, ToolError, UsageError, type Outcome} from './errors.js'
import {stdoutTerminal, writeStderr, writeStdout} from './output.js'
import {specFileSource, specFlags, type LoadedSpec} from './spec-flags.js'
import {synthFlags, synthFromFlags} from './synth-from-flags.js'
import {DEFAULT_OUT_DIR, type FlagSource} from './synth-options.js'
import {readSynthRecord, specDigest} from './synth-record.js'

/** Stacks planned or applied at once unless --parallelism says otherwise. */
export const DEFAULT_MAX_PARALLELISM = 4

/**
 * How long one terraform call may run. Generous: an apply that replaces a database waits out the
 * AWS provider's own timeouts (an RDS instance: 40 minutes to create, 80 to modify, 60 to delete),
 * with room for the rest of the stack.
 */
export const DEFAULT_TERRAFORM_TIMEOUT = '3h'

export const terraformFlags = {
  'terraform-bin': Flags.string({
    description: 'terraform or tofu executable (default: terraform, then tofu, on PATH)',
    helpValue: 'PATH',
    env: 'SCALEPLAN_TERRAFORM_BIN',
    helpGroup: 'TERRAFORM',
  }),
  'terraform-timeout': Flags.string({
    description:
      'how long one terraform call (init, plan, apply) may run before it is interrupted, like 90m; 0 for no limit',
    default: DEFAULT_TERRAFORM_TIMEOUT,
    helpValue: 'DURATION',
    env: 'SCALEPLAN_TERRAFORM_TIMEOUT',
    helpGroup: 'TERRAFORM',
  }),
}

/** What every command that runs Terraform on the stacks shares: which binary, how many at once, how long to wait for a lock. */
export const runFlags = {
  ...terraformFlags,
  parallelism: Flags.integer({
    description: `stacks at once (default: every region, at most ${DEFAULT_MAX_PARALLELISM})`,
    min: 1,
    max: 64,
    helpValue: 'N',
    helpGroup: 'TERRAFORM',
  }),
  'lock-timeout': Flags.string({
    description: 'how long Terraform waits for a state lock, like 5m',
    helpValue: 'DURATION',
    helpGroup: 'TERRAFORM',
  }),
}

/** plan and apply synthesize first, so they take synth's flags too. */
export const provisionFlags = {...synthFlags, ...runFlags}

export type Mode = 'plan' | 'apply' | 'destroy'

/** How a run stopped by a signal ends: its exit code is 128 + the signal's number. */
type StopOutcome = 'interrupted' | 'terminated' | 'hangup'
const STOP_OUTCOMES: Readonly<Record<StopSignal, StopOutcome>> = {
  SIGINT: 'interrupted',
  SIGTERM: 'terminated',
  SIGHUP: 'hangup',
}

/** The longest --terraform-timeout: two days. */
const MAX_TIMEOUT_MS = 48 * 3_600_000

/**
 * A duration as Terraform writes them ("90m", "2h", "1h30m", "45s"), in milliseconds; 0 means no
 * limit (undefined). Throws UsageError naming `source`.
 */
export function parseDuration(text: string, source: string): number | undefined {
  const trimmed = text.trim()
  if (trimmed === '0') return undefined
  const match = /^(?:(\d{1,3})h)?(?:(\d{1,4})m)?(?:(\d{1,6})s)?$/.exec(trimmed)
  const ms = match && trimmed !== '' ? ((+(match[1] ?? 0) * 60 + +(match[2] ?? 0)) * 60 + +(match[3] ?? 0)) * 1000 : NaN
  if (!(ms > 0 && ms <= MAX_TIMEOUT_MS)) {
    throw new UsageError([
      `${source}: expected a duration from 1s to 48h like 90m, 2h or 1h30m, or 0 for no limit, got ${show(text)}`,
    ])
  }

  return ms
}

export interface ProvisionReport {
  readonly command: Mode
  readonly terraform: {readonly name: string; readonly version: string; readonly path: string; readonly source: string}
  readonly outDir: string
  readonly stacks: readonly StackReport[]
  /** True when any stack's plan changes something. */
  readonly changes: boolean
  /** True when the plans were applied (apply, destroy). */
  readonly applied: boolean
}

/** The report, and how the run ended: partial failures and Ctrl-C still return the report. */
export interface ProvisionRun {
  readonly report: ProvisionReport
  readonly outcome: Extract<Outcome, 'ok' | 'terraform' | StopOutcome>
}

export interface ProvisionIO {
  /** `scaleplan/<version>`, recorded beside the stacks synth writes. */
  readonly generator: string
  /** Flags typed on the command line (not from the environment or defaults), without dashes. */
  readonly typed: readonly string[]
  /** Loads the spec (saying which file) for the commands that synthesize or check a spec. */
  readonly loadSpec: () => Promise<LoadedSpec>
  readonly json: boolean
  /** Where a flag's value came from, as the user would name it: the flag or its variable. */
  readonly source: FlagSource
  /** A person can answer prompts: stdin and stdout are terminals and --json is off. */
  readonly interactive: boolean
  readonly log: (text: string) => void
  readonly warn: (text: string) => void
  readonly error: (text: string) => void
  /** Asks for approval; only called when `interactive`. */
  readonly confirm: (plans: readonly StackReport[], project: string) => Promise<boolean>
}

type ProvisionFlags = Parameters<typeof synthFromFlags>[0] & {
  readonly spec?: string
  /** apply: the plans `plan` saved, as they are (no synth, no new plan). */
  readonly saved?: boolean
  readonly 'terraform-bin'?: string
  readonly parallelism?: number
  readonly 'lock-timeout'?: string
  readonly 'terraform-timeout'?: string
  readonly 'auto-approve'?: boolean
  readonly 'allow-data-loss'?: boolean
}

/** The Terraform binary named by `value` (from `source`), or found on PATH; a ToolError when there is none. */
export function terraformBinary(value: string | undefined, source: string): TerraformBinary {
  try {
    return findTerraform(value === undefined ? undefined : {value, source}, process.env.PATH)
  } catch (error) {
    if (error instanceof TerraformNotFoundError) throw new ToolError([error.message])
    throw error
  }
}

export async function provision(mode: Mode, flags: ProvisionFlags, io: ProvisionIO): Promise<ProvisionRun> {
  const approve = Boolean(flags['auto-approve'])
  if (mode !== 'plan' && !approve && !io.interactive) {
    // Refuse before anything runs: an unattended run must say in its flags that it may change infrastructure.
    throw new RefusedError([
      `${mode} needs approval: run it at a terminal to confirm, or pass --auto-approve` +
        (mode === 'destroy' ? ' --allow-data-loss' : '') +
        ' (nothing was changed)',
    ])
  }

  const timeoutMs = parseDuration(
    flags['terraform-timeout'] ?? DEFAULT_TERRAFORM_TIMEOUT,
    io.source('terraform-timeout'),
  )
  const binary = terraformBinary(flags['terraform-bin'], io.source('terraform-bin'))
  io.log(`Using ${binary.name} ${binary.version} (${binary.path}, from ${binary.source})`)
  const {outDir, project, names} = await stacksToRun(mode, flags, io)
  const stacks = await readStacksOrRefuse(outDir, names, io.source)
  const fromSaved = mode === 'apply' && Boolean(flags.saved)

  // A live view for a person watching a terminal; plain lines for CI logs, on stderr under --json.
  const terminal = !io.json && stdoutTerminal() !== undefined
  // One view per phase, so the plan summary printed in between is never drawn over.
  const newProgress = (): Progress =>
    terminal
      ? new LiveProgress(writeStdout)
      : new PlainProgress((text) => (io.json ? writeStderr(text) : io.log(text.trimEnd())))
  const interrupts = new Interrupts(
    (signal) => process.exit(EXIT[STOP_OUTCOMES[signal]]),
    (message) => io.warn(message),
  )
  const runner = new CliTerraformRunner({
    bin: binary.path,
    lockTimeout: flags['lock-timeout'],
    timeoutMs,
    track: interrupts.track,
    stopped: () => interrupts.interrupted,
  })
  const ctx = (progress: Progress): ProvisionContext => ({
    runner,
    progress,
    parallelism: flags.parallelism ?? Math.min(DEFAULT_MAX_PARALLELISM, stacks.length),
    stopped: () => interrupts.interrupted,
  })

  const report = (reports: StackReport[], applied: boolean): ProvisionReport => ({
    command: mode,
    terraform: {name: binary.name, version: binary.version, path: binary.path, source: binary.source},
    outDir,
    stacks: reports,
    changes: reports.some((r) => hasChanges(r.plan)),
    applied,
  })

  interrupts.install()
  try {
    const destroy = mode === 'destroy'
    const planning = newProgress()
    const planned = fromSaved
      ? await savedPlans(stacks, ctx(planning))
      : await planAll(stacks, ctx(planning), {destroy})
    planning.close()
    const plans = toReports(stacks, planned, (summary) => (hasChanges(summary) ? 'planned' : 'no-changes'))
    io.log(renderPlans(plans))
    if (planned.some((o) => o.status !== 'done')) return finish(report(plans, false), interrupts, io)
    if (mode === 'plan') return {report: report(plans, false), outcome: 'ok'}
    if (!plans.some((p) => hasChanges(p.plan))) {
      io.log('Nothing to do: every stack is up to date.')
      return {report: report(plans, false), outcome: 'ok'}
    }

    const losses = plans.flatMap((p) => (p.plan?.dataLoss ?? []).map((c) => `${p.name}: ${c.action} ${c.address}`))
    if (losses.length > 0 && !flags['allow-data-loss'] && !(destroy && !approve)) {
      throw new RefusedError([
        `the plan would ${destroy ? 'destroy' : 'delete or replace'} ${plural(losses.length, 'resource')} ` +
          `that ${losses.length === 1 ? 'holds' : 'hold'} data; ` +
          'review them, then re-run with --allow-data-loss (nothing was changed):',
        ...losses.map((loss) => `  ${loss}`),
      ])
    }

    if (!destroy) refuseGuardedDeletions(plans)

    if (!approve && !(await io.confirm(plans, project))) {
      throw new RefusedError([`${mode} cancelled at the confirmation; nothing was changed`])
    }

    const summaries = new Map(planned.flatMap((o) => (o.status === 'done' ? [[o.stack, o.value] as const] : [])))
    const changed = stacks.filter((s) => hasChanges(summaries.get(s.name)))
    const unchanged = stacks.filter((s) => !changed.includes(s))
    // Only stacks with changes run; applyAll keeps the dependencies that still matter among them.
    const changedPlans = new Map(changed.map((s) => [s.name, summaries.get(s.name)!]))
    const applying = newProgress()
    const outcomes = await applyAll(changed, changedPlans, ctx(applying), {destroy})
    applying.close()
    const applied = [
      ...toReports(changed, outcomes, () => (destroy ? 'destroyed' : 'applied')),
      ...unchanged.map((s): StackReport => ({
        name: s.name,
        status: 'no-changes',
        plan: summaries.get(s.name),
        log: logPath(s),
      })),
    ].sort((a, b) => stacks.findIndex((s) => s.name === a.name) - stacks.findIndex((s) => s.name === b.name))
    io.log(renderOutcome(applied))
    return finish(report(applied, true), interrupts, io)
  } finally {
    interrupts.uninstall()
  }
}

/**
 * The stacks a run works on. plan and apply synthesize them from the spec (and record what they
 * were made from); destroy and `apply --saved` take the ones already in the output directory, as
 * synth recorded them, so they need no spec. `apply --saved` still reads a spec when one is named
 * or found, and refuses plans made for another one.
 */
async function stacksToRun(
  mode: Mode,
  flags: ProvisionFlags,
  io: ProvisionIO,
): Promise<{outDir: string; project: string; names: readonly string[]}> {
  if (mode === 'destroy' || flags.saved) {
    // The stacks are as they were synthesized and planned: synth's flags cannot change them now.
    const synthOnly = Object.keys(synthFlags).filter((flag) => flag !== 'out-dir' && !(flag in specFlags))
    const typed = io.typed.filter((flag) => synthOnly.includes(flag))
    if (flags.saved && typed.length > 0)
      throw new UsageError([
        `--${typed.join(', --')}: not with --saved, which applies the stacks as they were planned; ` +
          'drop it, or plan again with it (`scaleplan plan`)',
      ])
    const outDir = flags['out-dir'] ?? DEFAULT_OUT_DIR
    const record = await readSynthRecord(outDir)
    // The spec the plans must match: the one named or found here (on main after a merge, in CI).
    if (flags.saved && specFileSource(flags.spec, '--spec') !== undefined) {
      const {spec, file} = await io.loadSpec()
      if (specDigest(spec) !== record.specDigest) {
        throw new RefusedError([
          `the plans saved in ${outDir} were made for another spec than ${file!.path}; ` +
            `run \`scaleplan plan\` again and review the new plans (nothing was changed)`,
        ])
      }
    }

    io.log(`Stacks of ${record.name} (stage ${record.stage}) in ${outDir}, as synth recorded them`)
    return {outDir, project: record.name, names: record.stacks.map((stack) => stack.name)}
  }

  const {spec} = await io.loadSpec()
  const synthesized = await synthFromFlags(flags, spec, io.generator, io.source)
  for (const warning of synthesized.warnings) io.warn(warning)
  return {
    outDir: synthesized.result.outDir,
    project: synthesized.recommendation.name,
    names: synthesized.result.stacks.map((s) => s.name),
  }
}

/** Types whose deletion AWS refuses while their protection is on (a bucket is emptied by a destroy only). */
const REFUSED_WHILE_GUARDED = new Set(['aws_db_instance', 'aws_instance'])

/**
 * An apply that would delete or replace a database primary or the stage-1 server, whose deletion or
 * termination protection is on, would fail at AWS halfway through. It is refused before anything
 * runs, `--allow-data-loss` or not: `destroy` lifts protections for a whole stack, and a single
 * data holder leaves Terraform's hands only on purpose.
 */
function refuseGuardedDeletions(plans: readonly StackReport[]): void {
  const guarded = plans.flatMap((p) =>
    (p.plan?.changes ?? [])
      .filter((c) => c.guarded && REFUSED_WHILE_GUARDED.has(c.type))
      .map((c) => ({stack: p, change: c})),
  )
  if (guarded.length === 0) return
  throw new RefusedError([
    `the plan would delete or replace ${plural(guarded.length, 'resource')} whose deletion protection is on, ` +
      'which AWS refuses (nothing was changed):',
    ...guarded.map(({stack, change}) => `  ${stack.name}: ${change.action} ${change.address}`),
    'Each holds data the new plan has no place for as it is (a shard that goes, the stage-1 server, or a ' +
      'database whose change needs a new instance). Move or snapshot that data first; then take the resource ' +
      'out of Terraform (`terraform state rm <address>` in the stack directory) and delete it yourself once it ' +
      'is safe, or run `scaleplan destroy` to remove the whole project.',
  ])
}

/** How a run that got to Terraform ended; failed stacks are named once more, with their logs. */
function finish(report: ProvisionReport, interrupts: Interrupts, io: ProvisionIO): ProvisionRun {
  if (interrupts.signal) return {report, outcome: STOP_OUTCOMES[interrupts.signal]}
  if (!report.stacks.some((s) => s.status === 'failed' || s.status === 'not-started')) return {report, outcome: 'ok'}
  for (const stack of report.stacks.filter((s) => s.status === 'failed'))
    io.error([`${stack.name}: ${stack.error}`, ...(stack.detail ?? []), `(full log: ${stack.log})`].join('\n'))
  return {report, outcome: 'terraform'}
}

function toReports(
  stacks: readonly StackInfo[],
  outcomes: StackOutcome<PlanSummary>[],
  ok: (summary: PlanSummary) => StackReport['status'],
): StackReport[] {
  return outcomes.map((outcome) => {
    const stack = stacks.find((s) => s.name === outcome.stack)!
    const log = logPath(stack)
    switch (outcome.status) {
      case 'done':
        return {name: outcome.stack, status: ok(outcome.value), plan: outcome.value, log}
      case 'failed': {
        const {error} = outcome
        const detail = error instanceof TerraformError && error.detail.length > 0 ? {detail: [...error.detail]} : {}
        return {name: outcome.stack, status: 'failed', error: error.message, ...detail, log}
      }
      case 'not-started':
        return {name: outcome.stack, status: 'not-started', error: outcome.reason, log}
    }
  })
}

/** The stacks of `outDir`, checked (stacks.ts); a manifest pointing elsewhere is bad input naming --out-dir. */
async function readStacksOrRefuse(outDir: string, names: readonly string[], source: FlagSource): Promise<StackInfo[]> {
  try {
    return await readStacks(outDir, names)
  } catch (error) {
    if (error instanceof StacksError || error instanceof FileProblem) {
      throw new UsageError([`${source('out-dir')}: ${error.message}`])
    }

    throw error
  }
}

const logPath = (stack: StackInfo) => relative(process.cwd(), logFileOf(stack)) || logFileOf(stack)
