import * as Flags from '@oclif/core/flags'

import {recommend} from '../capacity/recommend.js'
import {BaseCommand} from '../cli/base-command.js'
import {UsageError} from '../cli/errors.js'
import {specFlags, specFromFlags} from '../cli/spec-flags.js'
import {DEFAULT_OUT_DIR, SYNTH_ENV, synthOptions} from '../cli/synth-options.js'
import type {StageNumber} from '../topology/types.js'

export interface SynthResult {
  readonly name: string
  readonly stage: StageNumber
  /** The stage the load needs; differs from `stage` only with --stage. */
  readonly recommendedStage: StageNumber
  readonly outDir: string
  readonly format: 'json' | 'hcl'
  readonly backend: 'local' | 's3'
  readonly stacks: readonly {readonly name: string; readonly region: string; readonly file: string}[]
  readonly warnings: readonly string[]
  /** Stack directories of regions no longer in the spec; left in place because they may hold state. */
  readonly staleStacks: readonly string[]
}

export default class Synth extends BaseCommand {
  static override summary = 'Write the Terraform (CDKTF) for the recommended topology: one stack per region.'
  static override description =
    'Same inputs as recommend. Writes <out>/manifest.json and <out>/stacks/<name>-<region>/cdk.tf.json (cdk.tf with --hcl). ' +
    'The same spec gives byte-identical files. Every stack passes the security policy rules (see README) or nothing is written. ' +
    'Without --certificate-arn the load balancers serve plain HTTP, with a warning.'

  static override examples = [
    '<%= config.bin %> <%= command.id %> --spec templates/specs/example.yaml',
    '<%= config.bin %> <%= command.id %> --spec scaleplan.yaml --hcl --out infra',
    '<%= config.bin %> <%= command.id %> --spec scaleplan.yaml --stage 3',
    '<%= config.bin %> <%= command.id %> --spec scaleplan.yaml --backend s3 --state-bucket my-tf-state --state-key-prefix shop',
  ]

  static override enableJsonFlag = true

  static override flags = {
    ...specFlags,
    out: Flags.string({description: 'output directory', default: DEFAULT_OUT_DIR, helpValue: 'DIR', env: SYNTH_ENV.out}),
    hcl: Flags.boolean({description: 'write formatted HCL (cdk.tf) instead of JSON (cdk.tf.json)'}),
    stage: Flags.integer({
      description: 'build this stage instead of the recommended one (warns with what the load needs)',
      min: 1,
      max: 7,
      helpValue: 'N',
      env: SYNTH_ENV.stage,
    }),
    backend: Flags.string({description: 'Terraform state backend of every stack', options: ['local', 's3'], default: 'local', env: SYNTH_ENV.backend}),
    'state-bucket': Flags.string({description: 'S3 bucket for state (--backend s3)', helpValue: 'BUCKET', env: SYNTH_ENV['state-bucket']}),
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
      description: 'ACM certificate for HTTPS; repeat or comma-separate, one per region (each serves the region in its ARN)',
      helpValue: 'ARN',
      multiple: true,
      delimiter: ',',
      env: SYNTH_ENV['certificate-arn'],
    }),
  }

  async run(): Promise<SynthResult> {
    const {flags} = await this.parse(Synth)
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
      if (error instanceof SynthesisError && error.reason === 'invalid-input') throw new UsageError(error.message.split('\n'))
      throw error
    }

    const warnings = [...recommendation.warnings, ...result.warnings]
    for (const warning of warnings) this.warn(warning)
    for (const stale of result.staleStacks) this.warn(`${result.outDir}/stacks/${stale} is not in this spec any more; destroy it with terraform before deleting the directory (it may hold state)`)
    const format = parsed.options.hcl ? 'hcl' : 'json'
    if (!this.jsonEnabled()) {
      const {stage} = recommendation
      this.log(`${recommendation.name}: stage ${stage.number} (${stage.name}), ${result.stacks.length} stack(s) in ${result.outDir} (${format.toUpperCase()})`)
      const width = Math.max(...result.stacks.map((stack) => stack.name.length))
      for (const stack of result.stacks) this.log(`  ${stack.name.padEnd(width)}  ${result.outDir}/${stack.file}`)
      this.log(`Next: terraform -chdir=${result.outDir}/stacks/${result.stacks[0]!.name} init, then plan`)
    }

    return {
      name: recommendation.name,
      stage: recommendation.stage.number,
      recommendedStage: recommendation.recommendedStage,
      outDir: result.outDir,
      format,
      backend: parsed.options.backend?.kind ?? 'local',
      stacks: result.stacks,
      warnings,
      staleStacks: result.staleStacks,
    }
  }
}
