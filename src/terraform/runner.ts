import {z} from 'zod'

import {errorBlock} from './error-block.js'
import {TerraformProtocolError, type Diagnostic, type UiMessage} from './messages.js'
import {summarizePlan, type PlanSummary} from './plan-summary.js'
import {formatDuration, runProcess, type RunResult, type RunningProcess} from './process.js'

const NO_COLOR = '-no-color'

/** The saved plan's file name inside each stack directory; exactly this file is applied. */
export const PLAN_FILE = 'tfplan'

export interface StackRun {
  /** The stack's working directory (holds cdk.tf.json or cdk.tf). */
  readonly dir: string
  /** Full log of every terraform call for this stack, beside the stack. */
  readonly logFile: string
  readonly onMessage?: (message: UiMessage) => void
}

/**
 * A terraform call that failed: one line saying which call and why (the message), Terraform's own
 * error block under it (`detail`), and the lock ID when the state was locked.
 */
export class TerraformError extends Error {
  override readonly name = 'TerraformError'
  /** Terraform's words after the summary: the detail of its error block, line by line. */
  readonly detail: readonly string[]

  constructor(
    readonly command: string,
    readonly result: RunResult,
    readonly lockId?: string,
    timeoutMs?: number,
  ) {
    const block = errorBlock(result.diagnostics, result.stderr, result.stdout)
    super(describeFailure(command, result, lockId, block.summary, timeoutMs))
    this.detail = lockId || result.timedOut ? [] : block.detail
  }
}

/** A call that never started because the run was interrupted first. */
export class NotStartedError extends Error {
  override readonly name = 'NotStartedError'
}

/** What scaleplan needs of Terraform; the CLI implementation below, a test double anywhere else. */
export interface TerraformRunner {
  init(run: StackRun): Promise<void>
  /** Plans into PLAN_FILE and returns what it will do (from `show -json`). */
  plan(run: StackRun, options: PlanOptions): Promise<PlanSummary>
  /** What the PLAN_FILE an earlier `plan` saved will do (from `show -json`); the stack must be initialised. */
  show(run: StackRun): Promise<PlanSummary>
  /** Applies exactly the saved PLAN_FILE. */
  apply(run: StackRun): Promise<void>
  output(run: StackRun): Promise<Record<string, {sensitive: boolean; value: unknown; type?: unknown}>>
}

export interface PlanOptions {
  /** A plan that destroys everything in the state (`-destroy`). */
  readonly destroy: boolean
  /** Values of the stack's variables (`-var NAME=VALUE`). Default none. */
  readonly variables?: Readonly<Record<string, string>>
  /** Plan only these resources (`-target`): lifting protections before a destroy. Default all. */
  readonly targets?: readonly string[]
}

export interface CliRunnerOptions {
  readonly bin: string
  readonly lockTimeout?: string
  /** Wall time each terraform call may take before it is interrupted (runProcess). Default: none. */
  readonly timeoutMs?: number
  readonly track?: (child: RunningProcess) => () => void
  /** True once the run was interrupted: no terraform call starts after that. */
  readonly stopped?: () => boolean
}

/** `terraform output -json`: each output's value, type and whether it is sensitive. */
const outputsSchema = z.record(
  z.string(),
  z.looseObject({sensitive: z.boolean(), value: z.unknown(), type: z.unknown().optional()}),
)

/**
 * Drives terraform or tofu as a child process: always `-input=false` and `-no-color` (its text
 * goes to a log file and into scaleplan's own messages, never straight to a terminal), `-chdir`
 * per stack, `-json` streams for plan and apply, plans saved with `-out` and applied from that file.
 */
export class CliTerraformRunner implements TerraformRunner {
  constructor(private readonly options: CliRunnerOptions) {}

  async init(run: StackRun): Promise<void> {
    await this.call(run, 'init', ['init', '-input=false', NO_COLOR])
  }

  async plan(run: StackRun, {destroy, variables = {}, targets = []}: PlanOptions): Promise<PlanSummary> {
    await this.call(run, 'plan', [
      'plan',
      '-input=false',
      `-out=${PLAN_FILE}`,
      '-json',
      NO_COLOR,
      ...(destroy ? ['-destroy'] : []),
      ...Object.entries(variables).map(([name, value]) => `-var=${name}=${value}`),
      ...targets.map((address) => `-target=${address}`),
      ...this.lockTimeout(),
    ])
    return this.show(run)
  }

  async show(run: StackRun): Promise<PlanSummary> {
    const shown = await this.call(run, 'show', ['show', '-json', NO_COLOR, PLAN_FILE], {document: true})
    return readDocument('show', shown, summarizePlan)
  }

  async apply(run: StackRun): Promise<void> {
    await this.call(run, 'apply', ['apply', '-input=false', '-json', NO_COLOR, ...this.lockTimeout(), PLAN_FILE])
  }

  async output(run: StackRun) {
    const result = await this.call(run, 'output', ['output', '-json', NO_COLOR], {document: true})
    return readDocument('output', result, (value) => {
      const parsed = outputsSchema.safeParse(value)
      if (!parsed.success) {
        throw new TerraformProtocolError(`outputs not in the documented shape: ${parsed.error.issues[0]!.message}`)
      }

      return parsed.data as Record<string, {sensitive: boolean; value: unknown; type?: unknown}>
    })
  }

  private lockTimeout(): string[] {
    return this.options.lockTimeout ? [`-lock-timeout=${this.options.lockTimeout}`] : []
  }

  private async call(run: StackRun, command: string, args: string[], {document = false} = {}): Promise<RunResult> {
    // A signal may land between a stack's start and its next call: that call must not begin.
    if (this.options.stopped?.()) throw new NotStartedError(`interrupted before terraform ${command} started`)
    const result = await runProcess(this.options.bin, [`-chdir=${run.dir}`, ...args], {
      logFile: run.logFile,
      // `show` and `output` print whole plans and secrets as one JSON document: kept, not logged.
      stdout: document ? 'document' : 'stream',
      onMessage: run.onMessage,
      track: this.options.track,
      timeoutMs: this.options.timeoutMs,
    })
    if (result.exitCode !== 0 || result.timedOut || result.protocolError) {
      throw new TerraformError(command, result, lockIdOf(result.diagnostics, result.stderr), this.options.timeoutMs)
    }

    return result
  }
}

/** Terraform reports a held lock as an error diagnostic whose detail carries "Lock Info: ID: ...". */
function lockIdOf(diagnostics: readonly Diagnostic[], stderr: string): string | undefined {
  const text = [...diagnostics.map((d) => `${d.summary}\n${d.detail}`), stderr].join('\n')
  if (!/state lock/i.test(text)) return undefined
  return /ID:\s+([\w-]+)/.exec(text)?.[1] ?? 'unknown'
}

function describeFailure(
  command: string,
  result: RunResult,
  lockId: string | undefined,
  summary: string,
  timeoutMs: number | undefined,
): string {
  if (result.timedOut) {
    const how = result.signal === 'SIGKILL' ? 'and had to be killed' : 'and stopped'
    return (
      `terraform ${command} took longer than ${formatDuration(timeoutMs ?? 0)} (--terraform-timeout): ` +
      `it was interrupted ${how}; the state holds what it finished, and a held state lock may need \`terraform force-unlock\``
    )
  }

  if (lockId) {
    return (
      `terraform ${command}: the state is locked (lock ID ${lockId}); another run holds it. Wait for it to finish, ` +
      `or if it died, release the lock with \`terraform force-unlock ${lockId}\` in the stack directory`
    )
  }

  if (result.protocolError && result.exitCode === 0) {
    return `terraform ${command} printed output scaleplan cannot read: ${result.protocolError.message}`
  }

  if (result.signal) return `terraform ${command} was stopped by ${result.signal}`
  const unreadable = result.protocolError ? `; its output was not readable either: ${result.protocolError.message}` : ''
  return `terraform ${command} failed (exit ${result.exitCode}): ${summary}${unreadable}`
}

/** A call's one JSON document read by `read`; anything unexpected fails the call, naming it. */
function readDocument<T>(command: string, result: RunResult, read: (value: unknown) => T): T {
  try {
    return read(JSON.parse(result.stdout || 'null'))
  } catch (error) {
    if (!(error instanceof SyntaxError) && !(error instanceof TerraformProtocolError)) throw error
    const why = error instanceof SyntaxError ? `not JSON (${error.message})` : error.message
    throw new TerraformError(command, {...result, protocolError: new TerraformProtocolError(why)})
  }
}
