/**
 * `scaleplan --help` lists the commands in the order of the work, grouped by step, rather than
 * alphabetically: plan a load, measure your own servers, build and run its Terraform, review a change. Commands the plugins
 * add (help, version, autocomplete) and any other come last. Everything else is oclif's help.
 */
import {Help} from '@oclif/core/help'
import type {Command} from '@oclif/core/command'

/** Steps of the work and their commands, in the order a person meets them. */
export const WORKFLOW: readonly {readonly title: string; readonly commands: readonly string[]}[] = [
  {title: 'PLAN', commands: ['init', 'recommend', 'report']},
  {title: 'MEASURE YOUR OWN SERVERS', commands: ['calibrate:database', 'calibrate:app', 'calibrate:cache']},
  {title: 'BUILD AND RUN', commands: ['synth', 'plan', 'apply', 'output', 'destroy']},
  {title: 'REVIEW A CHANGE', commands: ['diff', 'comment:github', 'schema']},
]

/** Summaries for plugin commands that come without one, in the voice of the rest. */
const PLUGIN_SUMMARIES: Record<string, string> = {
  version: 'Show the version of scaleplan, Node.js and the platform (--json for scripts).',
}

export default class ScaleplanHelp extends Help {
  protected override async showRootHelp(): Promise<void> {
    this.log(this.formatRoot())
    this.log('')
    const commands = this.sortedCommands
    const placed = new Set(WORKFLOW.flatMap((step) => step.commands))
    const groups = [
      ...WORKFLOW.map(({title, commands: ids}) => ({
        title,
        commands: ids.flatMap((id) => commands.filter((command) => command.id === id)),
      })),
      {title: 'MORE', commands: commands.filter((command) => !placed.has(command.id))},
    ]
    for (const {title, commands: listed} of groups) {
      if (listed.length === 0) continue
      this.log(this.section(`${title} COMMANDS`, this.list(listed)))
      this.log('')
    }
  }

  private list(commands: readonly Command.Loadable[]): string {
    const separator = this.config.topicSeparator
    return this.renderList(
      commands.map((command) => [
        command.id.replaceAll(':', separator),
        this.summary(command) ?? PLUGIN_SUMMARIES[command.id] ?? '',
      ]),
      {indentation: 2, spacer: '\n', stripAnsi: this.opts.stripAnsi},
    )
  }
}
