import * as Flags from '../cli/flags.js'

import {confirmApply} from '../cli/prompts.js'
import {provision, provisionFlags, type ProvisionReport} from '../cli/provision.js'
import {ProvisionCommand} from '../cli/provision-command.js'

export default class Apply extends ProvisionCommand {
  static override summary = 'Plan every region stack, show the plan, confirm, then apply exactly the saved plans.'
  static override description =
    'At a terminal it asks before applying; in CI pass --auto-approve (without it, off a terminal, nothing runs). ' +
    'With --saved it applies the plans an earlier `plan` saved, as reviewed, instead of planning again. ' +
    'A plan that deletes or replaces a database, cache, bucket or volume is refused unless --allow-data-loss. ' +
    'Stacks run in parallel (--parallelism); cross-region replicas start after the primary region.'

  static override examples = [
    {description: 'Plan, confirm and apply scaleplan.yaml', command: '<%= config.bin %> <%= command.id %>'},
    {
      description: 'Apply the plans `scaleplan plan` saved, as they are (CI, after merge)',
      command: '<%= config.bin %> <%= command.id %> --saved --auto-approve',
    },
    {
      description: 'CI with state in S3',
      command: '<%= config.bin %> <%= command.id %> --auto-approve --backend s3 --state-bucket my-tf-state',
    },
  ]

  static override enableJsonFlag = true

  static override flags = {
    ...provisionFlags,
    'auto-approve': Flags.boolean({description: 'apply without asking (for CI)'}),
    'allow-data-loss': Flags.boolean({description: 'allow plans that delete or replace resources holding data'}),
    saved: Flags.boolean({
      description:
        'apply the plans `plan` saved in --out-dir as they are, without synthesizing or planning again; ' +
        'refused when the spec here differs from the one planned (Terraform refuses a plan whose state moved); ' +
        "synth's flags do not apply: the stacks are as planned",
    }),
  }

  async run(): Promise<ProvisionReport> {
    const {flags} = await this.parse(Apply)
    const {report, outcome} = await provision(
      'apply',
      flags,
      this.provisionIO(() => confirmApply('Apply these plans?')),
    )
    this.finish(outcome)
    return report
  }
}
