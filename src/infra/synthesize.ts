import {existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {App} from './cdktf.js'
import {parseTopology} from '../topology/schema.js'
import type {Topology} from '../topology/types.js'
import {RegionStack, type BackendOptions} from './region-stack.js'
import {stackShapes, type StackShapes} from './hcl/block-shapes.js'
import {renderHcl, type TerraformJson} from './hcl/render-hcl.js'
import {TopologyError} from './topology-error.js'

export type {BackendOptions} from './region-stack.js'

export interface SynthesizeOptions {
  /** Directory to write; created if missing. Stacks go to `<outDir>/stacks/<name>-<region>/`. */
  readonly outDir: string
  /** Write formatted HCL (`cdk.tf`) instead of JSON (`cdk.tf.json`). Default false. */
  readonly hcl?: boolean
  /** State backend of every stack. Default local, relative to each stack's directory. */
  readonly backend?: BackendOptions
  /**
   * ACM certificate ARNs for the load balancers. Certificates are regional: each ARN serves the
   * stack of the region it names, and regions without one serve HTTP (with a warning).
   */
  readonly certificateArn?: string | readonly string[]
  /**
   * Also write `policy-report.json` beside each stack: every security rule's verdict on every
   * resource it reads (compliant, not applicable, suppressed and why). Default false.
   */
  readonly policyReport?: boolean
}

/** Beside each stack with `policyReport`. */
export const POLICY_REPORT_FILE = 'policy-report.json'

export interface SynthesizedStack {
  readonly name: string
  readonly region: string
  /** The stack's Terraform file, relative to `outDir`, with `/` separators. */
  readonly file: string
}

export interface SynthesisResult {
  readonly outDir: string
  readonly stacks: readonly SynthesizedStack[]
  /** Warnings the constructs raised (e.g. HTTP without a certificate), as `<construct path>: <message>`. */
  readonly warnings: readonly string[]
  /** Stack directories under `<outDir>/stacks` from earlier runs that this Topology no longer has. Left in place: they may hold state. */
  readonly staleStacks: readonly string[]
}

/**
 * Why synthesis stopped: `invalid-input` for a Topology or option the caller can fix (a
 * certificate of another region), `policy-violation` when the generated Terraform breaks a
 * security rule, which is a bug in scaleplan, not in the input.
 */
export class SynthesisError extends Error {
  override readonly name = 'SynthesisError'

  constructor(
    readonly reason: 'invalid-input' | 'policy-violation',
    message: string,
  ) {
    super(message)
  }
}

const STACKS_DIR = 'stacks'
const MANIFEST = 'manifest.json'
const JSON_FILE = 'cdk.tf.json'
const HCL_FILE = 'cdk.tf'
/** What cdktf's HCL mode writes beside `cdk.tf`: the construct metadata HCL cannot carry. */
const METADATA_FILE = 'metadata.json'

/**
 * Replaces a stack's `cdk.tf.json` with the same configuration as formatted HCL, and writes the
 * JSON's construct metadata (`//` keys) to `metadata.json`, as cdktf's HCL mode does.
 */
async function writeHcl(directory: string, shapes: StackShapes): Promise<void> {
  const jsonFile = path.join(directory, JSON_FILE)
  const config = JSON.parse(readFileSync(jsonFile, 'utf8')) as TerraformJson
  // Loaded only for HCL: it decompresses and starts a WebAssembly module (~0.4 s, ~50 MB).
  const {format} = await import('@cdktf/hcl-tools')
  writeFileSync(path.join(directory, HCL_FILE), await format(renderHcl(config, shapes)))
  writeFileSync(path.join(directory, METADATA_FILE), `${JSON.stringify(constructMetadata(config), null, 2)}\n`)
  rmSync(jsonFile)
}

/** The `//` entries of a Terraform JSON document, at the paths where they stand. */
function constructMetadata(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
  const kept: Record<string, unknown> = {}
  for (const [key, child] of Object.entries(value)) {
    const nested = key === '//' ? child : constructMetadata(child)
    if (nested !== undefined && !(typeof nested === 'object' && nested !== null && Object.keys(nested).length === 0)) {
      kept[key] = nested
    }
  }
  return Object.keys(kept).length === 0 ? undefined : kept
}

/**
 * Writes the CDKTF output for a Topology: one stack per region, the manifest, and each stack's
 * `cdk.tf.json` (or formatted `cdk.tf`). The same Topology and options give byte-identical
 * files from any working directory.
 */
export async function synthesize(input: Topology, options: SynthesizeOptions): Promise<SynthesisResult> {
  // Checked here too, not only where a file is read: a caller's hand-built Topology is outside input.
  const topology = validTopology(input)
  const certificates = certificatesByRegion(topology, options.certificateArn)
  const hcl = options.hcl ?? false
  const outDirExisted = existsSync(options.outDir)
  mkdirSync(options.outDir, {recursive: true})

  // cdktf always writes JSON here; HCL is rendered from that JSON afterwards (hcl/), because
  // cdktf's own HCL writer changes the meaning (it drops empty lists) and is not what
  // `terraform fmt` writes. cdktf reads this variable when a stack is constructed (the cdktf
  // CLI sets it for `--hcl`), so it is held at false for exactly the lifetime of this app.
  const previousHcl = process.env.SYNTH_HCL_OUTPUT
  process.env.SYNTH_HCL_OUTPUT = 'false'
  let stackNames: string[]
  let policyReports: RegionStack['policy']['report'][]
  const shapes = new Map<string, StackShapes>()
  try {
    // Stack traces in annotations would write absolute source paths into the manifest.
    const app = new App({outdir: options.outDir, stackTraces: false, hclOutput: false})
    const stacks = topology.regions.map(
      (region, regionIndex) =>
        new RegionStack(app, {
          topology,
          regionIndex,
          backend: options.backend,
          certificateArn: certificates.get(region.region),
        }),
    )
    const primary = stacks.find((stack) => stack.region.region === topology.primaryRegion)!
    for (const stack of stacks) {
      // Cross-region replicas name their source by ARN, which must exist before they are created.
      if (stack !== primary && stack.database?.primaries.length === 0) stack.addDependency(primary)
    }
    app.synth()
    stackNames = stacks.map((stack) => stack.node.id)
    policyReports = stacks.map((stack) => stack.policy.report)
    if (hcl) for (const stack of stacks) shapes.set(stack.node.id, stackShapes(stack))
  } catch (error) {
    // A failed synthesis leaves nothing behind that it created.
    if (!outDirExisted) rmSync(options.outDir, {recursive: true, force: true})
    throw toSynthesisError(error)
  } finally {
    if (previousHcl === undefined) delete process.env.SYNTH_HCL_OUTPUT
    else process.env.SYNTH_HCL_OUTPUT = previousHcl
  }

  const manifest = normaliseManifest(options.outDir, hcl)
  const stacks: SynthesizedStack[] = []
  for (const [index, region] of topology.regions.entries()) {
    const entry = manifest.stacks[stackNames[index]!]
    if (entry === undefined) throw new Error(`cdktf wrote no manifest entry for region ${region.region}`)
    const directory = path.join(options.outDir, entry.workingDirectory)
    // Terraform reads every *.tf and *.tf.json in a directory: a file of the other format from
    // an earlier run would declare every resource twice.
    const reportFile = path.join(directory, POLICY_REPORT_FILE)
    if (options.policyReport) {
      writeFileSync(reportFile, `${JSON.stringify({stack: entry.name, results: policyReports[index]}, null, 2)}\n`)
    } else {
      // A report from an earlier run would describe other resources.
      removeIfPresent(reportFile)
    }
    if (hcl) {
      // eslint-disable-next-line no-await-in-loop
      await writeHcl(directory, shapes.get(entry.name)!)
    } else {
      removeIfPresent(path.join(directory, HCL_FILE))
      removeIfPresent(path.join(directory, METADATA_FILE))
    }
    stacks.push({name: entry.name, region: region.region, file: entry.synthesizedStackPath})
  }

  // In the Topology's region order, as the stacks are listed.
  const warnings = stacks.flatMap(({name}) =>
    manifest.stacks[name]!.annotations.filter((annotation) => annotation.level === '@cdktf/warn').map(
      (annotation) => `${annotation.constructPath}: ${annotation.message}`,
    ),
  )
  const stacksDir = path.join(options.outDir, STACKS_DIR)
  const current = new Set(stacks.map((stack) => stack.name))
  const staleStacks = readdirSync(stacksDir, {withFileTypes: true})
    .filter((entry) => entry.isDirectory() && !current.has(entry.name))
    .map((entry) => entry.name)
    .sort()
  return {outDir: options.outDir, stacks, warnings, staleStacks}
}

interface ManifestAnnotation {
  readonly constructPath: string
  readonly level: string
  readonly message: string
}

interface ManifestStack {
  readonly name: string
  readonly workingDirectory: string
  readonly synthesizedStackPath: string
  readonly annotations: readonly ManifestAnnotation[]
}

interface Manifest {
  readonly version: string
  readonly stacks: Readonly<Record<string, ManifestStack>>
}

/**
 * Rewrites cdktf's manifest so it is the same on every machine: `/` separators (cdktf uses the
 * platform's), keys sorted, no stack traces, a final newline, and for HCL the stack file that
 * replaced cdktf's JSON. The cdktf version stays: the CLI reads it, and the lock file pins it.
 */
function normaliseManifest(outDir: string, hcl: boolean): Manifest {
  const file = path.join(outDir, MANIFEST)
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest
  const normalised = sortKeys(
    JSON.parse(
      JSON.stringify(manifest, (key, value: unknown) => {
        if (key === 'stacktrace') return undefined
        if (typeof value !== 'string' || !/Path$|Directory$/.test(key)) return value
        const portable = value.replaceAll('\\', '/')
        // The stack file is rendered as HCL after cdktf wrote its JSON (see writeHcl).
        return hcl && key === 'synthesizedStackPath' ? portable.replace(/\.tf\.json$/, '.tf') : portable
      }),
    ),
  ) as Manifest
  writeFileSync(file, `${JSON.stringify(normalised, null, 2)}\n`)
  return normalised
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (typeof value !== 'object' || value === null) return value
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  )
}

function removeIfPresent(file: string): void {
  if (existsSync(file)) rmSync(file)
}

function validTopology(input: unknown): Topology {
  const parsed = parseTopology(input)
  if (!parsed.ok) throw new SynthesisError('invalid-input', `invalid topology:\n  ${parsed.problems.join('\n  ')}`)
  return parsed.topology
}

/** Assigns each ACM certificate to the region its ARN names. */
function certificatesByRegion(topology: Topology, arns: string | readonly string[] | undefined): Map<string, string> {
  const list = arns === undefined ? [] : typeof arns === 'string' ? [arns] : arns
  const regions = new Set(topology.regions.map((region) => region.region))
  const byRegion = new Map<string, string>()
  for (const arn of list) {
    const region = /^arn:[\w-]+:acm:([a-z0-9-]+):\d{12}:certificate\/[\w-]+$/.exec(arn)?.[1]
    if (region === undefined)
      throw new SynthesisError(
        'invalid-input',
        `certificate ARN "${arn}" is not an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>)`,
      )
    if (!regions.has(region)) {
      throw new SynthesisError(
        'invalid-input',
        `certificate ARN "${arn}" is in ${region}, which is not one of the topology's regions ` +
          `(${[...regions].join(', ')}); ACM certificates only serve load balancers in their own region`,
      )
    }
    if (byRegion.has(region))
      throw new SynthesisError('invalid-input', `two certificate ARNs for ${region}; give one per region`)
    byRegion.set(region, arn)
  }
  return byRegion
}

function toSynthesisError(error: unknown): Error {
  if (!(error instanceof Error)) return new Error(String(error))
  if (error.message.includes('Encountered Annotations with level "ERROR"')) {
    return new SynthesisError('policy-violation', `synthesis stopped: ${error.message.replace(/^[^\n]*\n/, '').trim()}`)
  }
  if (error instanceof TopologyError) return new SynthesisError('invalid-input', error.message)
  return error
}
