/**
 * The synthesis step that `synth`, `plan`, `apply` and `destroy` share: flags -> spec ->
 * recommendation (or a forced stage) -> CDKTF stacks on disk.
 */
import * as Flags from '@oclif/core/flags'

import {recommend, type Recommendation} from '../cost/recommend.js'
import type {SynthesisResult} from '../infra/synthesize.js'
import type {StageNumber} from '../topology/types.js'
import {UsageError} from './errors.js'
import type {Spec} from '../spec/schema.js'
import {specFlags} from './spec-flags.js'
import {outDirFlag, SYNTH_ENV, synthOptions, type SynthFlagValues} from './synth-options.js'
import {specDigest, writeSynthRecord} from './synth-record.js'

/** The --help section of the Terraform state flags. */
const STATE_GROUP = 'STATE'

export const synthFlags = {
  ...specFlags,
  'out-dir': outDirFlag('directory to write the stacks to'),
  hcl: Flags.boolean({description: 'write formatted HCL (cdk.tf) instead of JSON (cdk.tf.json)'}),
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

type SynthFlags = SynthFlagValues & {readonly stage?: number}

export interface Synthesized {
  readonly recommendation: Recommendation
  readonly result: SynthesisResult
  readonly format: 'json' | 'hcl'
  readonly backend: 'local' | 's3'
  /** Warnings for the person: forced stage, sizing limits, HTTP without a certificate, stale stacks. */
  readonly warnings: readonly string[]
}

/**
 * Synthesizes the stacks for `spec` (the command loaded it, and said from which file), and
 * records beside them what they were made from (synth-record.ts). `generator` names this
 * scaleplan, like `scaleplan/0.1.0`.
 */
export async function synthFromFlags(flags: SynthFlags, spec: Spec, generator: string): Promise<Synthesized> {
  const parsed = synthOptions(flags)
  if (!parsed.ok) throw new UsageError(parsed.problems)
  let recommendation
  try {
    recommendation = recommend(spec, flags.stage === undefined ? {} : {stage: flags.stage as StageNumber})
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError([`--stage: ${error.message}`])
    throw error
  }

  // cdktf and the AWS provider bindings load only here, never for recommend or --help.
  const {synthesize, SynthesisError} = await import('../infra/synthesize.js')
  let result
  try {
    result = await synthesize(recommendation.topology, parsed.options)
  } catch (error) {
    if (error instanceof SynthesisError && error.reason === 'invalid-input')
      throw new UsageError(error.message.split('\n'))
    throw error
  }

  await writeSynthRecord(result.outDir, {
    schemaVersion: 1,
    generator,
    name: recommendation.name,
    stage: recommendation.stage.number,
    recommendedStage: recommendation.recommendedStage,
    primaryRegion: recommendation.topology.primaryRegion,
    stacks: result.stacks.map(({name, region}) => ({name, region})),
    specDigest: specDigest(spec),
    spec: {...spec},
  })
  return {
    recommendation,
    result,
    format: parsed.options.hcl ? 'hcl' : 'json',
    backend: parsed.options.backend?.kind ?? 'local',
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
