import {BaseCommand} from '../cli/base-command.js'
import {PERCENTILE_TAG, synthFlags, synthFromFlags} from '../cli/synth-from-flags.js'
import {formatUsd} from '../format/numbers.js'
import {ordinal, plural} from '../format/words.js'
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
  /** With ranges in the spec: the percentile of monthly cost the stacks were built at (tag scaleplan-percentile). */
  readonly percentile?: number
  /** With ranges: the monthly cost of the plan built. */
  readonly monthlyUsd?: number
}

export default class Synth extends BaseCommand {
  static override summary = 'Write the Terraform (CDKTF) for the recommended topology, one stack per region.'
  static override description =
    'Same inputs as recommend. Writes <out-dir>/manifest.json, <out-dir>/stacks/<name>-<region>/cdk.tf.json ' +
    '(cdk.tf with --hcl), and scaleplan-inputs.json, the record of what the stacks were made from that destroy ' +
    'and output read. The same spec gives byte-identical files. Every stack passes the security rules (README) ' +
    'or nothing is written. Without --certificate-arn the load balancers serve plain HTTP, with a warning.'

  static override examples = [
    {description: 'Synthesize scaleplan.yaml into cdktf.out', command: '<%= config.bin %> <%= command.id %>'},
    {
      description: 'Formatted HCL in another directory',
      command: '<%= config.bin %> <%= command.id %> --hcl --out-dir infra',
    },
    {
      description: 'Force a stage (warns what the load needs)',
      command: '<%= config.bin %> <%= command.id %> --stage 3',
    },
    {
      description: 'With ranges in the spec, build for the 90th percentile of cost rather than the median',
      command: '<%= config.bin %> <%= command.id %> --users 1M..5M --percentile 90',
    },
    {
      description: 'State in S3 with native locking',
      command: '<%= config.bin %> <%= command.id %> --backend s3 --state-bucket my-tf-state --state-key-prefix shop',
    },
  ]

  static override enableJsonFlag = true

  static override flags = synthFlags

  async run(): Promise<SynthResult> {
    const {flags} = await this.parse(Synth)
    const loaded = await this.loadSpec(flags)
    const {recommendation, result, format, backend, warnings, percentile, forecast} = await synthFromFlags(
      flags,
      loaded.spec,
      `${this.config.name}/${this.config.version}`,
      (flag) => this.flagSource(flag),
    )
    for (const warning of warnings) this.warnLine(warning)
    if (!this.jsonEnabled()) {
      const {stage} = recommendation
      const stacks = `${plural(result.stacks.length, 'stack')} in ${result.outDir} (${format.toUpperCase()})`
      this.log(`${recommendation.name}: stage ${stage.number} (${stage.name}), ${stacks}`)
      if (forecast)
        this.log(
          `  built at the ${ordinal(percentile!)} percentile of monthly cost (${formatUsd(recommendation.cost.monthlyUsd)}; ` +
            `P10 ${formatUsd(forecast.cost.p10)}, P90 ${formatUsd(forecast.cost.p90)}), tagged ${PERCENTILE_TAG}=p${percentile}`,
        )
      const width = Math.max(...result.stacks.map((stack) => stack.name.length))
      for (const stack of result.stacks) this.log(`  ${stack.name.padEnd(width)}  ${result.outDir}/${stack.file}`)
      // With a spec file and no other flags, `plan` alone plans the same stacks.
      const same = loaded.file?.from === 'found' && this.argv.length === 0 ? '' : ' with the same inputs'
      this.log(
        `Next: ${this.config.bin} plan${same}, or terraform -chdir=${result.outDir}/stacks/${result.stacks[0]!.name} init`,
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
      ...(forecast ? {percentile, monthlyUsd: recommendation.cost.monthlyUsd} : {}),
    }
  }
}
