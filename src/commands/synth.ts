import {BaseCommand} from '../cli/base-command.js'
import {synthFlags, synthFromFlags} from '../cli/synth-from-flags.js'
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

  static override flags = synthFlags

  async run(): Promise<SynthResult> {
    const {flags} = await this.parse(Synth)
    const {recommendation, result, format, backend, warnings} = await synthFromFlags(flags)
    for (const warning of warnings) this.warnLine(warning)
    if (!this.jsonEnabled()) {
      const {stage} = recommendation
      const stacks = `${result.stacks.length} stack(s) in ${result.outDir} (${format.toUpperCase()})`
      this.log(`${recommendation.name}: stage ${stage.number} (${stage.name}), ${stacks}`)
      const width = Math.max(...result.stacks.map((stack) => stack.name.length))
      for (const stack of result.stacks) this.log(`  ${stack.name.padEnd(width)}  ${result.outDir}/${stack.file}`)
      this.log(
        `Next: ${this.config.bin} plan with the same inputs, or terraform -chdir=${result.outDir}/stacks/${result.stacks[0]!.name} init`,
      )
    }

    return {
      name: recommendation.name,
      stage: recommendation.stage.number,
      recommendedStage: recommendation.recommendedStage,
      outDir: result.outDir,
      format,
      backend,
      stacks: result.stacks,
      warnings,
      staleStacks: result.staleStacks,
    }
  }
}
