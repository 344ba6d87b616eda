/**
 * The synthesis step that `synth`, `plan`, `apply` and `destroy` share: flags -> spec ->
 * recommendation (or a forced stage) -> CDKTF stacks on disk.
 */
import * as Flags from './flags.js'

import {recommend, samplePlan, type Recommendation} from '../cost/recommend.js'
import {outlook} from '../forecast/outlook.js'
import {DEFAULT_SAMPLES, DEFAULT_SEED, type Forecast} from '../forecast/simulate.js'
import {OutputDirError, stageOutput, type StagedOutput} from '../infra/output-dir.js'
import type {SynthesisError, SynthesisResult, SynthesizeOptions} from '../infra/synthesize.js'
import type {StageNumber} from '../topology/types.js'
import {FileProblem} from '../files/file-problem.js'
import {UsageError} from './errors.js'
import type {Spec} from '../spec/schema.js'
import {forecastFlags, percentileFlag} from './forecast-flags.js'
import {specFlags} from './spec-flags.js'
import {outDirFlag, SYNTH_ENV, synthOptions, typedFlag, type FlagSource, type SynthFlagValues} from './synth-options.js'
import {SYNTH_RECORD_FILE, specDigest, synthRecordText} from './synth-record.js'
import {topologyLimitProblems} from './topology-limits.js'

/** The --help section of the Terraform state flags. */
const STATE_GROUP = 'STATE'

/** The flag behind each synthesis option a SynthesisError can name. */
const OPTION_FLAGS: Readonly<Record<keyof SynthesizeOptions, string>> = {
  outDir: 'out-dir',
  hcl: 'hcl',
  backend: 'backend',
  certificateArn: 'certificate-arn',
  policyReport: 'policy-report',
  force: 'force',
  staged: 'out-dir',
  extraFiles: 'out-dir',
  tags: 'percentile',
}

export const synthFlags = {
  ...specFlags,
  ...forecastFlags,
  percentile: percentileFlag,
  'out-dir': outDirFlag('directory to write the stacks to'),
  hcl: Flags.boolean({description: 'write formatted HCL (cdk.tf) instead of JSON (cdk.tf.json)'}),
  force: Flags.boolean({
    description:
      'write into an output directory that holds files scaleplan did not write (they are kept) ' +
      'or symbolic links where it writes (they are replaced, never followed)',
  }),
  'policy-report': Flags.boolean({
    description: "also write policy-report.json beside each stack: every security rule's verdict on every resource",
  }),
  stage: Flags.integer({
    description: 'build this stage instead of the recommended one (warns with what the load needs)',
    min: 1,
    max: 7,
    helpValue: 'N',
    env: SYNTH_ENV.stage,
  }),
  backend: Flags.string({
    description: 'state backend of every stack: local files beside it, or S3 with native locking',
    options: ['local', 's3'],
    default: 'local',
    env: SYNTH_ENV.backend,
    helpGroup: STATE_GROUP,
  }),
  'state-bucket': Flags.string({
    description: 'bucket that holds the state of every stack (--backend s3)',
    helpValue: 'BUCKET',
    env: SYNTH_ENV['state-bucket'],
    helpGroup: STATE_GROUP,
  }),
  'state-region': Flags.string({
    description: 'region of the state bucket (default: the first region)',
    helpValue: 'REGION',
    dependsOn: ['state-bucket'],
    env: SYNTH_ENV['state-region'],
    helpGroup: STATE_GROUP,
  }),
  'state-key-prefix': Flags.string({
    description: 'key prefix; each stack stores <prefix>/<stack>.tfstate',
    helpValue: 'PREFIX',
    dependsOn: ['state-bucket'],
    env: SYNTH_ENV['state-key-prefix'],
    helpGroup: STATE_GROUP,
  }),
  'certificate-arn': Flags.string({
    description:
      'ACM certificate for HTTPS; repeat or comma-separate, one per region (each serves the region in its ARN)',
    helpValue: 'ARN',
    multiple: true,
    delimiter: ',',
    env: SYNTH_ENV['certificate-arn'],
  }),
}

type SynthFlags = SynthFlagValues & {
  readonly stage?: number
  readonly samples?: number
  readonly seed?: number
  readonly percentile?: number
}

/** The tag that says which percentile of cost a spec with ranges was built at. */
export const PERCENTILE_TAG = 'scaleplan-percentile'

export interface Synthesized {
  readonly recommendation: Recommendation
  readonly result: SynthesisResult
  readonly format: 'json' | 'hcl'
  readonly backend: 'local' | 's3'
  /** With ranges in the spec: the percentile of monthly cost the stacks were built at, and the forecast. */
  readonly percentile?: number
  readonly forecast?: Forecast
  /** Warnings for the person: forced stage, sizing limits, HTTP without a certificate, stale stacks. */
  readonly warnings: readonly string[]
}

/**
 * Synthesizes the stacks for `spec` (the command loaded it, and said from which file), and
 * records beside them what they were made from (synth-record.ts), swapped in with them. `generator`
 * names this scaleplan, like `scaleplan/0.1.0`; `source` names each flag as the user gave it (the
 * flag, or its SCALEPLAN_* variable), in every problem reported.
 */
export async function synthFromFlags(
  flags: SynthFlags,
  spec: Spec,
  generator: string,
  source: FlagSource = typedFlag,
): Promise<Synthesized> {
  const parsed = synthOptions(flags, source)
  if (!parsed.ok) throw new UsageError(parsed.problems)
  let recommendation: Recommendation
  let forecast
  const percentile = flags.percentile ?? 50
  try {
    const options = flags.stage === undefined ? {} : {stage: flags.stage as StageNumber}
    // With ranges, the plan of the chosen percentile of cost; a point spec plans as always.
    const view = outlook({...spec, growth: undefined, dataGrowth: undefined}, (s) => recommend(s, options), {
      sample: (s) => samplePlan(s, options),
      samples: flags.samples ?? DEFAULT_SAMPLES,
      seed: flags.seed ?? DEFAULT_SEED,
      percentile,
    })
    recommendation = view.recommendation
    forecast = view.forecast
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError([`${source('stage')}: ${error.message}`])
    throw error
  }

  // Checked before cdktf loads: a plan past the bounds fails in a moment, not after minutes of synthesis.
  const limits = topologyLimitProblems(spec, recommendation.topology)
  if (limits.length > 0) throw new UsageError(limits)

  // The output directory is checked and staged before cdktf loads (output-dir.ts loads no cdktf):
  // a path through a file, a read-only disk or someone else's files fail in a moment.
  const staged = stageOutputOrRefuse(parsed.options.outDir, parsed.options.force ?? false, source)
  const record = (stacks: SynthesisResult['stacks']) => ({
    [SYNTH_RECORD_FILE]: synthRecordText({
      schemaVersion: 1,
      generator,
      name: recommendation.name,
      stage: recommendation.stage.number,
      recommendedStage: recommendation.recommendedStage,
      primaryRegion: recommendation.topology.primaryRegion,
      stacks: stacks.map(({name, region}) => ({name, region})),
      specDigest: specDigest(spec),
      spec: {...spec},
    }),
  })

  let result
  try {
    // cdktf and the AWS provider bindings load only here, never for recommend or --help.
    const {synthesize} = await import('../infra/synthesize.js')
    const tags = forecast ? {tags: {[PERCENTILE_TAG]: `p${percentile}`}} : {}
    result = await synthesize(recommendation.topology, {...parsed.options, staged, extraFiles: record, ...tags})
  } catch (error) {
    staged.discard()
    if (
      error instanceof Error &&
      error.name === 'SynthesisError' &&
      (error as SynthesisError).reason === 'invalid-input'
    ) {
      const failure = error as SynthesisError
      const field = failure.option === undefined ? undefined : OPTION_FLAGS[failure.option]
      throw new UsageError(failure.message.split('\n').map((line) => (field ? `${source(field)}: ${line}` : line)))
    }

    // Every file system problem while writing is the output directory's: a full disk, a read-only
    // mount, a path through a file. Nothing was written.
    if (error instanceof FileProblem) throw new UsageError([`${source('out-dir')}: ${error.message}`])
    throw error
  }

  return {
    recommendation,
    result,
    format: parsed.options.hcl ? 'hcl' : 'json',
    backend: parsed.options.backend?.kind ?? 'local',
    ...(forecast ? {percentile, forecast} : {}),
    warnings: [
      ...recommendation.warnings,
      ...result.warnings,
      ...result.staleStacks.map(
        (stale) =>
          `${result.outDir}/stacks/${stale} is not in this spec any more; ` +
          'destroy it with terraform before deleting the directory (it may hold state)',
      ),
    ],
  }
}

/** Stages the output directory; one scaleplan must not replace, or cannot write, is bad input naming --out-dir. */
function stageOutputOrRefuse(outDir: string, force: boolean, source: FlagSource): StagedOutput {
  try {
    return stageOutput(outDir, {force, ownFiles: [SYNTH_RECORD_FILE]})
  } catch (error) {
    if (error instanceof OutputDirError || error instanceof FileProblem) {
      throw new UsageError([`${source('out-dir')}: ${error.message}`])
    }

    throw error
  }
}
