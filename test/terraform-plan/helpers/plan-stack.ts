/**
 * Plans one synthesized stack with the real Terraform and provider, offline: a copy of the stack
 * (provider pin relaxed to the local provider), a `terraform test` file with fake credentials and
 * an `override_data` for every data source, and `run "plan" { command = plan }`.
 */
import {spawn} from 'node:child_process'
import {copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {parse as parseHcl} from '@cdktf/hcl2json'

import {AWS_PROVIDER_CONSTRAINT} from '../../../src/infra/region-stack.js'
import {dataOverrides} from './data-overrides.js'
import type {Workspace} from './toolchain.js'

export type StackFormat = 'json' | 'hcl'

export interface Diagnostic {
  readonly severity: 'error' | 'warning'
  readonly summary: string
  readonly detail: string
  readonly address?: string
  /** `file:line` in the stack copy. */
  readonly at?: string
}

/** One resource's entry in the plan's `resource_changes` (Terraform's JSON plan format). */
export interface PlannedChange {
  readonly address: string
  readonly mode: 'managed' | 'data'
  readonly type: string
  readonly name: string
  readonly actions: readonly string[]
  readonly actionReason?: string
  readonly replacePaths?: readonly (readonly (string | number)[])[]
  readonly before: Record<string, unknown> | null
  readonly after: Record<string, unknown> | null
  readonly afterUnknown: Record<string, unknown>
}

/** Which attributes of a resource type a configuration may set, from the provider schema. */
export type AttributeFlags = {readonly optional?: boolean; readonly required?: boolean; readonly computed?: boolean}
export type ResourceSchemas = Readonly<Record<string, {readonly attributes: Readonly<Record<string, AttributeFlags>>}>>

export interface StackPlan {
  readonly label: string
  /** The directory Terraform ran in: the stack copy and its test file. */
  readonly dir: string
  /** `terraform test` exited 0 and the run passed. */
  readonly passed: boolean
  readonly diagnostics: readonly Diagnostic[]
  /** The plan of the `plan` run, when Terraform got that far. */
  readonly changes?: readonly PlannedChange[]
  /** Every plan run's plan, by run name (a test file can hold several). */
  readonly plansByRun?: Readonly<Record<string, readonly PlannedChange[]>>
  /** Provider schemas of the resource types in the plan. */
  readonly schemas?: ResourceSchemas
  /** Everything Terraform printed, for failure messages. */
  readonly output: string
}

export interface StackConfig {
  readonly region: string
  /**
   * The stack's `provider "aws"` blocks (region, default tags, alias), copied into the test file:
   * the default one first, then the aliased ones (the primary region's, us-east-1 for the edge).
   */
  readonly providers: readonly Record<string, unknown>[]
  readonly dataSources: ReadonlyArray<{readonly type: string; readonly name: string}>
  readonly resources: ReadonlyArray<{readonly type: string; readonly name: string}>
}

/** The stack file's name for a format. */
export const stackFile = (format: StackFormat) => (format === 'hcl' ? 'cdk.tf' : 'cdk.tf.json')

type TerraformConfig = {
  provider?: Record<string, Array<Record<string, unknown>>>
  data?: Record<string, Record<string, unknown>>
  resource?: Record<string, Record<string, unknown>>
}

/** Reads what the test file needs from a stack: JSON directly, HCL through hcl2json. */
export async function readStackConfig(file: string, format: StackFormat): Promise<StackConfig> {
  const text = readFileSync(file, 'utf8')
  const config = (format === 'hcl' ? await parseHcl(file, text) : JSON.parse(text)) as TerraformConfig
  const providers = (config.provider?.aws ?? []).map((block) =>
    Object.fromEntries(Object.entries(block).filter(([key]) => key !== '//')),
  )
  const defaults = providers.filter((provider) => provider.alias === undefined)
  if (defaults.length !== 1)
    throw new Error(`${file}: expected one default provider "aws" block, found ${defaults.length}`)
  if (JSON.stringify(providers).includes('${')) throw new Error(`${file}: a provider block refers to other objects`)
  const region = defaults[0]!.region
  if (typeof region !== 'string') throw new Error(`${file}: the provider block has no literal region`)
  const list = (blocks: Record<string, Record<string, unknown>> | undefined) =>
    Object.entries(blocks ?? {}).flatMap(([type, byName]) => Object.keys(byName).map((name) => ({type, name})))
  const ordered = [defaults[0]!, ...providers.filter((provider) => provider.alias !== undefined)]
  return {region, providers: ordered, dataSources: list(config.data), resources: list(config.resource)}
}

/**
 * The stack's provider pin is for the 6.x provider the bindings describe; the copy planned here
 * accepts the local provider instead. Anything generated that needs a 6.x-only argument then
 * fails the plan, which is the point.
 */
export function relaxProviderPin(text: string, format: StackFormat, providerVersion: string): string {
  const constraint = AWS_PROVIDER_CONSTRAINT.replaceAll('.', '\\.')
  const pattern =
    format === 'hcl'
      ? new RegExp(`(version\\s*=\\s*)"${constraint}"`, 'g')
      : new RegExp(`("version":\\s*)"${constraint}"`, 'g')
  const matches = text.match(pattern)?.length ?? 0
  if (matches !== 1) {
    throw new Error(
      `expected the provider constraint "${AWS_PROVIDER_CONSTRAINT}" once in the stack, found it ${matches} times`,
    )
  }
  return text.replace(pattern, `$1">= ${providerVersion}"`)
}

/** Provider settings that keep a plan away from any real account. */
export const FAKE_CREDENTIALS = {
  access_key: 'AKIAIOSFODNN7EXAMPLE',
  secret_key: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  skip_credentials_validation: true,
  skip_requesting_account_id: true,
  skip_metadata_api_check: true,
  skip_region_validation: true,
}

/** The stack's provider blocks with the fake credentials, as the test file's `provider "aws"` blocks. */
export function withFakeCredentials(providers: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  return providers.map((provider) => ({...provider, ...FAKE_CREDENTIALS}))
}

export interface PlanOptions {
  /** Appears in messages: which matrix entry, format and stack. */
  readonly label: string
  readonly stackDir: string
  readonly format: StackFormat
  /** A directory of the workspace to copy the stack into. */
  readonly into: string
}

/** Copies a stack, writes its test file, and runs `terraform test`. */
export async function planStack(workspace: Workspace, options: PlanOptions): Promise<StackPlan> {
  const dir = copyStack(workspace, options.stackDir, options.format, options.into)
  let config: StackConfig
  try {
    config = await readStackConfig(path.join(dir, stackFile(options.format)), options.format)
  } catch (error) {
    // A stack Terraform cannot even parse: reported like any other error, without a plan.
    const summary = error instanceof Error ? error.message : String(error)
    return {
      label: options.label,
      dir,
      passed: false,
      diagnostics: [{severity: 'error', summary, detail: ''}],
      output: summary,
    }
  }
  writeTestFile(dir, {
    provider: {aws: withFakeCredentials(config.providers)},
    override_data: dataOverrides(config.dataSources, config.region),
    run: {plan: {command: 'plan'}},
  })
  return runTerraformTest(workspace, dir, options.label)
}

/** Copies the stack's files into `into` with the provider pin relaxed, and the shared lock file. */
export function copyStack(workspace: Workspace, stackDir: string, format: StackFormat, into: string): string {
  mkdirSync(into, {recursive: true})
  for (const entry of readdirSync(stackDir, {withFileTypes: true})) {
    if (entry.isFile()) copyFileSync(path.join(stackDir, entry.name), path.join(into, entry.name))
  }
  const file = path.join(into, stackFile(format))
  writeFileSync(file, relaxProviderPin(readFileSync(file, 'utf8'), format, workspace.toolchain.providerVersion))
  copyFileSync(workspace.lockFile, path.join(into, '.terraform.lock.hcl'))
  return into
}

export function writeTestFile(dir: string, test: Record<string, unknown>, name = 'scaleplan'): void {
  mkdirSync(path.join(dir, 'tests'), {recursive: true})
  writeFileSync(path.join(dir, 'tests', `${name}.tftest.json`), `${JSON.stringify(test, null, 2)}\n`)
}

/**
 * `terraform test -json -verbose`: one JSON message per line; `diagnostic` messages carry errors
 * and warnings, `test_plan` the plan of a plan run (with the provider schemas), `test_run` each
 * run's status.
 */
export async function runTerraformTest(
  workspace: Workspace,
  dir: string,
  label: string,
  env: NodeJS.ProcessEnv = workspace.env,
): Promise<StackPlan> {
  const {code, stdout, stderr} = await run(
    workspace.toolchain.terraform,
    [`-chdir=${dir}`, 'test', '-json', '-verbose'],
    {
      env,
    },
  )
  const diagnostics: Diagnostic[] = []
  let changes: PlannedChange[] | undefined
  let schemas: ResourceSchemas | undefined
  let passed = code === 0
  const summary: string[] = []
  const plansByRun: Record<string, PlannedChange[]> = {}
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue
    const message = JSON.parse(line) as TestMessage
    switch (message.type) {
      case 'diagnostic':
        diagnostics.push(toDiagnostic(message.diagnostic!))
        summary.push(message['@message'])
        break
      case 'test_plan':
        changes = message.test_plan!.resource_changes?.map(toPlannedChange) ?? []
        schemas = schemasOf(message.test_plan!, changes)
        if (message['@testrun'] !== undefined) plansByRun[message['@testrun']] = changes
        break
      case 'test_run':
        if (message.test_run?.progress === 'complete' && message.test_run.status !== 'pass') passed = false
        summary.push(message['@message'])
        break
      default:
        summary.push(message['@message'])
    }
  }
  const output = [...summary, stderr.trim()].filter(Boolean).join('\n')
  return {label, dir, passed, diagnostics, changes, plansByRun, schemas, output}
}

interface TestMessage {
  readonly type: string
  readonly '@message': string
  readonly '@testrun'?: string
  readonly diagnostic?: RawDiagnostic
  readonly test_run?: {readonly progress?: string; readonly status?: string}
  readonly test_plan?: RawPlan
}

interface RawDiagnostic {
  readonly severity: 'error' | 'warning'
  readonly summary: string
  readonly detail?: string
  readonly address?: string
  readonly range?: {readonly filename: string; readonly start: {readonly line: number}}
}

interface RawPlan {
  readonly resource_changes?: ReadonlyArray<{
    readonly address: string
    readonly mode: 'managed' | 'data'
    readonly type: string
    readonly name: string
    readonly action_reason?: string
    readonly change: {
      readonly actions: readonly string[]
      readonly before: Record<string, unknown> | null
      readonly after: Record<string, unknown> | null
      readonly after_unknown?: Record<string, unknown>
      readonly replace_paths?: readonly (readonly (string | number)[])[]
    }
  }>
  readonly provider_schemas?: Readonly<
    Record<
      string,
      {
        readonly resource_schemas?: Readonly<
          Record<string, {readonly block: {readonly attributes?: Readonly<Record<string, AttributeFlags>>}}>
        >
      }
    >
  >
}

function toDiagnostic(raw: RawDiagnostic): Diagnostic {
  return {
    severity: raw.severity,
    summary: raw.summary,
    detail: raw.detail ?? '',
    address: raw.address,
    at: raw.range ? `${raw.range.filename}:${raw.range.start.line}` : undefined,
  }
}

function toPlannedChange(raw: NonNullable<RawPlan['resource_changes']>[number]): PlannedChange {
  return {
    address: raw.address,
    mode: raw.mode,
    type: raw.type,
    name: raw.name,
    actions: raw.change.actions,
    actionReason: raw.action_reason,
    replacePaths: raw.change.replace_paths,
    before: raw.change.before,
    after: raw.change.after,
    afterUnknown: raw.change.after_unknown ?? {},
  }
}

/** Keeps the schemas of the planned resource types only: the whole AWS schema is ~25 MB per plan. */
function schemasOf(plan: RawPlan, changes: readonly PlannedChange[]): ResourceSchemas {
  const types = new Set(changes.filter((change) => change.mode === 'managed').map((change) => change.type))
  const all = Object.values(plan.provider_schemas ?? {}).flatMap((provider) =>
    Object.entries(provider.resource_schemas ?? {}),
  )
  return Object.fromEntries(
    all
      .filter(([type]) => types.has(type))
      .map(([type, schema]) => [type, {attributes: schema.block.attributes ?? {}}]),
  )
}

/** One diagnostic as a line: `warning: <summary>: <detail> (<address>, <file:line>)`. */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  const where = [diagnostic.address, diagnostic.at].filter(Boolean).join(', ')
  const detail = diagnostic.detail.replaceAll(/\s+/g, ' ').trim()
  return `${diagnostic.severity}: ${diagnostic.summary}${detail ? `: ${detail}` : ''}${where ? ` (${where})` : ''}`
}

/** `terraform fmt -check -diff`: the files Terraform would rewrite, with the diff. */
export async function formatCheck(
  workspace: Workspace,
  dir: string,
): Promise<{readonly clean: boolean; readonly diff: string}> {
  const {code, stdout, stderr} = await run(
    workspace.toolchain.terraform,
    ['fmt', '-check', '-diff', '-no-color', dir],
    {
      env: workspace.env,
    },
  )
  return {clean: code === 0, diff: `${stdout}${stderr}`}
}

export function run(
  command: string,
  args: readonly string[],
  options: {env: NodeJS.ProcessEnv},
): Promise<{code: number | null; stdout: string; stderr: string}> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {env: options.env, stdio: ['ignore', 'pipe', 'pipe']})
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk))
    child.on('error', reject)
    child.on('close', (code) =>
      resolve({code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8')}),
    )
  })
}
