import * as Flags from '../cli/flags.js'

import type {ExitConvention} from '../cli/errors.js'
import {provision, provisionFlags, type ProvisionReport} from '../cli/provision.js'
import {ProvisionCommand} from '../cli/provision-command.js'

export default class Plan extends ProvisionCommand {
  static override summary =
    'Synthesize, then plan every region stack with Terraform or OpenTofu and summarise the changes.'
  static override description =
    'Same inputs as synth. Per stack: terraform init, plan -out=tfplan -json, show -json tfplan. ' +
    'The saved plans are what `apply --saved` applies. Each stack keeps a full log of its calls in scaleplan.log.'

  static override examples = [
    {description: 'Plan scaleplan.yaml', command: '<%= config.bin %> <%= command.id %>'},
    {
      description: 'For CI: the summary as JSON; exit 0 no changes, 2 changes, 1 error',
      command: '<%= config.bin %> <%= command.id %> --json --detailed-exitcode',
    },
  ]

  static override enableJsonFlag = true

  static override flags = {
    ...provisionFlags,
    'detailed-exitcode': Flags.boolean({
      description: 'exit 0 when nothing changes, 2 when something does, 1 on any error (as terraform plan does)',
    }),
  }

  async run(): Promise<ProvisionReport> {
    const {flags} = await this.parse(Plan)
    // Planning never asks anything, at a terminal or not.
    const {report, outcome} = await provision(
      'plan',
      flags,
      this.provisionIO(async () => false, false),
    )
    this.finish(outcome === 'ok' && report.changes ? 'changes' : outcome)
    return report
  }

  /** Terraform's contract for -detailed-exitcode: every error is 1, so 2 can only mean "changes". */
  protected override exitConvention(): ExitConvention {
    return this.flagOn('detailed-exitcode') ? 'terraform' : 'scaleplan'
  }
}
