/**
 * scaleplan's help in oclif: the root help lists the commands grouped in the order of the work
 * (help-groups.ts, which the core's own root help reads too); everything else is oclif's help.
 */
import {Help} from '@oclif/core/help'
import type {Command} from '@oclif/core/command'

import {groupCommands, listedSummary} from './help-groups.js'

export default class ScaleplanHelp extends Help {
  protected override async showRootHelp(): Promise<void> {
    this.log(this.formatRoot())
    this.log('')
    for (const {header, commands} of groupCommands(this.sortedCommands)) {
      this.log(this.section(header, this.list(commands)))
      this.log('')
    }
  }

  private list(commands: readonly Command.Loadable[]): string {
    const separator = this.config.topicSeparator
    return this.renderList(
      commands.map((command) => [
        command.id.replaceAll(':', separator),
        listedSummary(command.id, this.summary(command)),
      ]),
      {indentation: 2, spacer: '\n', stripAnsi: this.opts.stripAnsi},
    )
  }
}
