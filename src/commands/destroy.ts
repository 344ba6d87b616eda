import * as Flags from '@oclif/core/flags'

import {confirmByName} from '../cli/prompts.js'
import {provision, provisionFlags, type ProvisionReport} from '../cli/provision.js'
import {ProvisionCommand} from '../cli/provision-command.js'

export default class Destroy extends ProvisionCommand {
  static override summary = 'Plan the destruction of every region stack, show it, confirm by name, then destroy.'
  static override description =
    'At a terminal you type the project name to confirm. In CI pass --auto-approve --allow-data-loss. ' +
    'Replica regions are destroyed before the primary region they copy.'

  static override examples = [
    '<%= config.bin %> <%= command.id %> --spec scaleplan.yaml',
    '<%= config.bin %> <%= command.id %> --spec scaleplan.yaml --auto-approve --allow-data-loss',
  ]

  static override enableJsonFlag = true

  static override flags = {
    ...provisionFlags,
    'auto-approve': Flags.boolean({
      description: 'destroy without asking (needs --allow-data-loss when anything holds data)',
    }),
    'allow-data-loss': Flags.boolean({
      description: 'allow destroying databases, caches, buckets and volumes without a typed confirmation',
    }),
  }

  async run(): Promise<ProvisionReport> {
    const {flags} = await this.parse(Destroy)
    const {report, outcome} = await provision(
      'destroy',
      flags,
      this.provisionIO((_, project) =>
        confirmByName(project, 'This destroys every resource in every region, data included.'),
      ),
    )
    this.finish(outcome)
    return report
  }
}
