/**
 * The synthesis step that `synth`, `plan`, `apply` and `destroy` share: flags -> spec ->
 * recommendation (or a forced stage) -> CDKTF stacks on disk.
 */
import * as Flags from '@oclif/core/flags'

import {recommend, type Recommendation} from '../cost/recommend.js'
import type {SynthesisResult} from '../infra/synthesize.js'
import type {StageNumber} from '../topology/types.js'
import {UsageError} from './errors.js'
import {specFlags, specFromFlags} from './spec-flags.js'
import {DEFAULT_OUT_DIR, SYNTH_ENV, synthOptions, type SynthFlagValues} from './synth-options.js'

export const synthFlags = {
  ...specFlags,
  out: Flags.string({description: 'output directory', default: DEFAULT_OUT_DIR, helpValue: 'DIR', env: SYNTH_ENV.out}),
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
    description: 'Terraform state backend of every stack',
    options: ['local', 's3'],
    default: 'local',
    env: SYNTH_ENV.backend,
  }),
  'state-bucket': Flags.string({
    description: 'S3 bucket for state (--backend s3)',
    helpValue: 'BUCKET',
    env: SYNTH_ENV['state-bucket'],
  }),
  'state-region': Flags.string({
    description: 'region of the state bucket (default: the first region)',
    helpValue: 'REGION',
    dependsOn: ['state-bucket'],
    env: SYNTH_ENV['state-region'],
  }),
  'state-key-prefix': Flags.string({
    description: 'key prefix; each stack stores <prefix>/<stack>.tfstate',
    helpValue: 'PREFIX',
    dependsOn: ['state-bucket'],
    env: SYNTH_ENV['state-key-prefix'],
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

type SynthFlags = SynthFlagValues & Parameters<typeof specFromFlags>[0] & {readonly stage?: number}

export interface Synthesized {
  readonly recommendation: Recommendation
  readonly result: SynthesisResult
  readonly format: 'json' | 'hcl'
  readonly backend: 'local' | 's3'
  /** Warnings for the person: forced stage, sizing limits, HTTP without a certificate, stale stacks. */
  readonly warnings: readonly string[]
}

export async function synthFromFlags(flags: SynthFlags): Promise<Synthesized> {
  const parsed = synthOptions(flags)
  if (!parsed.ok) throw new UsageError(parsed.problems)
  const spec = await specFromFlags(flags)
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
