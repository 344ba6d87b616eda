import * as Flags from '@oclif/core/flags'

import {confirmApply} from '../cli/prompts.js'
import {provision, provisionFlags, type ProvisionReport} from '../cli/provision.js'
import {ProvisionCommand} from '../cli/provision-command.js'

export default class Apply extends ProvisionCommand {
  static override summary = 'Plan every region stack, show the plan, confirm, then apply exactly the saved plans.'
  static override description =
    'At a terminal it asks before applying; in CI pass --auto-approve (without it, off a terminal, nothing runs). ' +
    'A plan that deletes or replaces a database, cache, bucket or volume is refused unless --allow-data-loss. ' +
    'Stacks run in parallel (--parallelism); cross-region replicas start after the primary region.'

  static override examples = [
    '<%= config.bin %> <%= command.id %> --spec scaleplan.yaml',
    '<%= config.bin %> <%= command.id %> --spec scaleplan.yaml --auto-approve --backend s3 --state-bucket my-tf-state',
  ]

  static override enableJsonFlag = true

  static override flags = {
    ...provisionFlags,
    'auto-approve': Flags.boolean({description: 'apply without asking (for CI)'}),
    'allow-data-loss': Flags.boolean({description: 'allow plans that delete or replace resources holding data'}),
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
