/**
 * How `scaleplan --help` lists the commands: in the order of the work, grouped by step, rather
 * than alphabetically (plan a load, measure your own servers, build and run its Terraform, review
 * a change); commands the plugins add (help, version, autocomplete) and any other come last.
 *
 * Two renderers print the root help and read this one module: oclif's Help class (help.ts, in
 * oclif's chunk, for whatever goes through oclif) and the core's (root-help.ts, which prints it
 * without loading oclif). So it imports nothing, of oclif least of all.
 */

/** Steps of the work and their commands, in the order a person meets them. */
export const WORKFLOW: readonly {readonly title: string; readonly commands: readonly string[]}[] = [
  {title: 'PLAN', commands: ['init', 'recommend', 'report']},
  {title: 'MEASURE YOUR OWN SERVERS', commands: ['calibrate:database', 'calibrate:app', 'calibrate:cache']},
  {title: 'BUILD AND RUN', commands: ['synth', 'plan', 'apply', 'output', 'destroy']},
  {title: 'REVIEW A CHANGE', commands: ['diff', 'comment:github', 'schema']},
]

/** Summaries for plugin commands that come without one, in the voice of the rest. */
const PLUGIN_SUMMARIES: Readonly<Record<string, string>> = {
  version: 'Show the version of scaleplan, Node.js and the platform (--json for scripts).',
}

/** One section of the root help: its header and its commands, in the order listed. */
export interface HelpGroup<C> {
  readonly header: string
  readonly commands: readonly C[]
}

/**
 * The sections of the root help, from `commands` (the visible ones, sorted by id, as oclif's
 * `sortedCommands` gives them): each step's commands in WORKFLOW's order, then every other
 * command under MORE. Empty sections are left out.
 */
export function groupCommands<C extends {readonly id: string}>(commands: readonly C[]): HelpGroup<C>[] {
  const placed = new Set(WORKFLOW.flatMap((step) => step.commands))
  return [
    ...WORKFLOW.map(({title, commands: ids}) => ({
      title,
      commands: ids.flatMap((id) => commands.filter((command) => command.id === id)),
    })),
    {title: 'MORE', commands: commands.filter((command) => !placed.has(command.id))},
  ]
    .filter(({commands: listed}) => listed.length > 0)
    .map(({title, commands: listed}) => ({header: `${title} COMMANDS`, commands: listed}))
}

/**
 * The text beside command `id` in the list: its summary as oclif's Help gives it (undefined when
 * the command has neither summary nor description), else ours for a plugin command, else none.
 */
export function listedSummary(id: string, summary: string | undefined): string {
  return summary ?? PLUGIN_SUMMARIES[id] ?? ''
}
