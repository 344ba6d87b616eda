import * as Flags from '../cli/flags.js'

import {confirmByName} from '../cli/prompts.js'
import {provision, runFlags, type ProvisionReport} from '../cli/provision.js'
import {outDirFlag} from '../cli/synth-options.js'
import {ProvisionCommand} from '../cli/provision-command.js'

export default class Destroy extends ProvisionCommand {
  static override summary =
    'Destroy every region stack that synth wrote: plan the destruction, show it, confirm by name.'
  static override description =
    'Works from the stacks in --out-dir alone (no spec, no sizing inputs): synth recorded the project and its stacks. ' +
    'At a terminal you type the project name to confirm. In CI pass --auto-approve --allow-data-loss. ' +
    'Replica regions are destroyed before the primary region they copy.'

  static override examples = [
    {
      description: 'Destroy the stacks in cdktf.out, after typing the project name',
      command: '<%= config.bin %> <%= command.id %>',
    },
    {
      description: 'CI: no prompt, data included',
      command: '<%= config.bin %> <%= command.id %> --auto-approve --allow-data-loss',
    },
  ]

  static override enableJsonFlag = true

  static override flags = {
    'out-dir': outDirFlag('directory of the stacks synth wrote'),
    ...runFlags,
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
