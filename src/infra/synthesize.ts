import {writeFileSync} from 'node:fs'
import path from 'node:path'

import {asFileProblem} from '../files/file-problem.js'
import {App} from './cdktf.js'
import {CERTIFICATE_ARN_FORM, certificateRegion} from '../spec/aws-names.js'
import {show} from '../spec/forms.js'
import {topologyExcesses} from '../topology/bounds.js'
import {parseTopology} from '../topology/schema.js'
import type {Topology} from '../topology/types.js'
import {finishStacks, type SynthesizedStack} from './finish-stacks.js'
import {stackShapes, type StackShapes} from './hcl/block-shapes.js'
import {OutputDirError, stageOutput, type StagedOutput} from './output-dir.js'
import {RegionStack, type BackendOptions} from './region-stack.js'
import {TopologyError} from './topology-error.js'

export type {BackendOptions} from './region-stack.js'
export {OutputDirError, stageOutput, type StagedOutput} from './output-dir.js'

export interface SynthesizeOptions {
  /** Directory to write; created if missing. Stacks go to `<outDir>/stacks/<name>-<region>/`. */
  readonly outDir: string
  /** Write formatted HCL (`cdk.tf`) instead of JSON (`cdk.tf.json`). Default false. */
  readonly hcl?: boolean
  /** State backend of every stack. Default local, relative to each stack's directory. */
  readonly backend?: BackendOptions
  /**
   * ACM certificate ARNs for the load balancers, for a stage-3 project whose DNS is not in Route 53
   * (with a domain, the stacks request their own). Certificates are regional: each ARN serves the
   * stack of the region it names, and regions without one serve HTTP (with a warning). From stage
   * 4 CloudFront reaches the load balancers by a name of the project's domain, so an ARN is refused
   * there: give the topology a domain instead.
   */
  readonly certificateArn?: string | readonly string[]
  /**
   * Also write `policy-report.json` beside each stack: every security rule's verdict on every
   * resource it reads (compliant, not applicable, suppressed and why). Default false.
   */
  readonly policyReport?: boolean
  /**
   * Write into an output directory that holds entries scaleplan did not write (they are kept) or
   * symbolic links where it writes (they are replaced, never followed). Default false: refused.
   */
  readonly force?: boolean
  /**
   * The output already staged by the caller (`stageOutput`), so that a problem with the output
   * directory surfaces before cdktf loads. Synthesis commits it, or discards it on failure.
   */
  readonly staged?: StagedOutput
  /**
   * More files for the top of the output, from the stacks written (the CLI's synth record), so
   * that they are swapped in with the stacks they describe. Name them in `stageOutput`'s `ownFiles`.
   */
  readonly extraFiles?: (stacks: readonly SynthesizedStack[]) => Readonly<Record<string, string>>
  /**
   * Tags every resource carries beside scaleplan's own (project, stage, managed-by), like the
   * percentile a plan under uncertainty was built at. Default none.
   */
  readonly tags?: Readonly<Record<string, string>>
}

export {POLICY_REPORT_FILE, type SynthesizedStack} from './finish-stacks.js'

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
    /** The option at fault, when one is: the caller names it as its user gave it. */
    readonly option?: keyof SynthesizeOptions,
  ) {
    super(message)
  }
}

/**
 * Writes the CDKTF output for a Topology: one stack per region, the manifest, and each stack's
 * `cdk.tf.json` (or formatted `cdk.tf`). The same Topology and options give byte-identical
 * files from any working directory. The files are written beside the output directory and
 * swapped in whole (output-dir.ts): a failure, a full disk or a signal leaves the old output
 * as it was, and Terraform's state and working files in it are kept.
 */
export async function synthesize(input: Topology, options: SynthesizeOptions): Promise<SynthesisResult> {
  // Checked here too, not only where a file is read: a caller's hand-built Topology is outside input.
  const topology = validTopology(input)
  const certificates = certificatesByRegion(topology, options.certificateArn)
  const hcl = options.hcl ?? false
  const staging = options.staged ?? stage(options)

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
    const app = new App({outdir: staging.dir, stackTraces: false, hclOutput: false})
    const stacks = topology.regions.map(
      (region, regionIndex) =>
        new RegionStack(app, {
          topology,
          regionIndex,
          backend: options.backend,
          certificateArn: certificates.get(region.region),
          ...(options.tags ? {tags: options.tags} : {}),
        }),
    )
    const primary = stacks.find((stack) => stack.region.region === topology.primaryRegion)!
    for (const stack of stacks) {
      // Every other region peers with the primary's VPC, replicates its databases and looks up
      // its resources: the primary goes first (and is destroyed last).
      if (stack !== primary) stack.addDependency(primary)
    }
    app.synth()
    stackNames = stacks.map((stack) => stack.node.id)
    policyReports = stacks.map((stack) => stack.policy.report)
    if (hcl) for (const stack of stacks) shapes.set(stack.node.id, stackShapes(stack))
  } catch (error) {
    // A failed synthesis leaves nothing behind: the output directory is as it was.
    staging.discard()
    throw toSynthesisError(error, staging.dir, options.outDir)
  } finally {
    if (previousHcl === undefined) delete process.env.SYNTH_HCL_OUTPUT
    else process.env.SYNTH_HCL_OUTPUT = previousHcl
  }

  try {
    const policyReport = options.policyReport ?? false
    const {stacks, warnings} = await finishStacks(staging.dir, topology, stackNames, policyReports, {
      hcl: hcl ? shapes : undefined,
      policyReport,
    })
    for (const [name, text] of Object.entries(options.extraFiles?.(stacks) ?? {})) {
      writeFileSync(path.join(staging.dir, name), text)
    }

    await staging.checkpoint()
    const staleStacks = staging.commit(stacks.map((stack) => stack.name))
    return {outDir: options.outDir, stacks, warnings: [...staging.notes, ...warnings], staleStacks}
  } catch (error) {
    staging.discard()
    throw toSynthesisError(error, staging.dir, options.outDir)
  }
}

/** The staging directory for `options.outDir`; an output scaleplan must not replace is bad input. */
function stage(options: SynthesizeOptions): StagedOutput {
  try {
    return stageOutput(options.outDir, {force: options.force ?? false})
  } catch (error) {
    if (error instanceof OutputDirError) throw new SynthesisError('invalid-input', error.message, 'outDir')
    throw error
  }
}

function validTopology(input: unknown): Topology {
  const parsed = parseTopology(input)
  if (!parsed.ok) throw new SynthesisError('invalid-input', `invalid topology:\n  ${parsed.problems.join('\n  ')}`)
  // Past these, synthesis would run for minutes into gigabytes for Terraform nobody can apply.
  const excesses = topologyExcesses(parsed.topology)
  if (excesses.length > 0)
    throw new SynthesisError('invalid-input', excesses.map((excess) => excess.message).join('\n'))
  return parsed.topology
}

/** Assigns each ACM certificate to the region its ARN names. */
function certificatesByRegion(topology: Topology, arns: string | readonly string[] | undefined): Map<string, string> {
  const list = arns === undefined ? [] : typeof arns === 'string' ? [arns] : arns
  const regions = new Set(topology.regions.map((region) => region.region))
  const byRegion = new Map<string, string>()
  const refuse = (message: string) => new SynthesisError('invalid-input', message, 'certificateArn')
  for (const arn of list) {
    const region = certificateRegion(arn)
    if (region === undefined)
      throw refuse(`${show(arn)} is not an ACM certificate ARN of a known region; expected ${CERTIFICATE_ARN_FORM}`)
    if (!regions.has(region)) {
      throw refuse(
        `certificate ${show(arn)} is in ${region}, which is not one of the topology's regions ` +
          `(${[...regions].join(', ')}); ACM certificates only serve load balancers in their own region`,
      )
    }
    if (byRegion.has(region)) throw refuse(`two certificate ARNs for ${region}; give one per region`)
    byRegion.set(region, arn)
  }
  if (byRegion.size > 0 && topology.edge.domain !== undefined) {
    throw new SynthesisError(
      'invalid-input',
      `certificate ARNs and a domain (${topology.edge.domain.name}) together: with a domain scaleplan requests ` +
        'and validates every certificate itself; drop the certificate ARN',
    )
  }
  if (byRegion.size > 0 && topology.edge.cdn) {
    throw new SynthesisError(
      'invalid-input',
      `certificate ARN at stage ${topology.stage}: from stage 4 CloudFront reaches the load balancers by a host ` +
        'name their certificates must cover, which only a domain gives; give --domain and --hosted-zone-id instead ' +
        '(scaleplan then requests every certificate itself)',
    )
  }
  return byRegion
}

function toSynthesisError(error: unknown, stagingDir: string, outDir: string): Error {
  if (!(error instanceof Error)) return new Error(String(error))
  if (error.message.includes('Encountered Annotations with level "ERROR"')) {
    return new SynthesisError('policy-violation', `synthesis stopped: ${error.message.replace(/^[^\n]*\n/, '').trim()}`)
  }
  if (error instanceof TopologyError) return new SynthesisError('invalid-input', error.message)
  // A full disk or a read-only file system while writing: named by the path the user gave.
  const failed = (error as NodeJS.ErrnoException).path
  const shown = failed?.startsWith(stagingDir) ? path.join(outDir, path.relative(stagingDir, failed)) : outDir
  return asFileProblem(error, shown, 'write') as Error
}
