import * as Flags from '../cli/flags.js'

import {BaseCommand} from '../cli/base-command.js'
import {forecastFlags, outlookFromFlags} from '../cli/forecast-flags.js'
import {specFlags} from '../cli/spec-flags.js'
import {withTopologyLimitWarnings} from '../cli/topology-limits.js'
import {writeOutput} from '../cli/write-output.js'
import {renderOutlookMarkdown} from '../render/forecast-markdown.js'
import {renderMarkdown} from '../render/markdown.js'

export interface ReportResult {
  readonly markdown: string
  /** The file written with --out, or null when the report went to stdout. */
  readonly out: string | null
  /** False when --out already held exactly this report. */
  readonly written: boolean
}

export default class Report extends BaseCommand {
  static override summary = 'Write the recommendation as Markdown with Mermaid diagrams, for pull requests and wikis.'
  static override description =
    'Same inputs as recommend. The report has the stage and why, a diagram per region, the load, the components, ' +
    'the cost per region and component, the 80/20 cache arithmetic, the next-stage triggers and every assumption ' +
    'with its source. With ranges in the spec, the stage odds, cost percentiles and a tornado of the inputs that ' +
    'matter most; with growth, charts of cost and users month by month and when to act. ' +
    'Text from the spec is escaped, so a name cannot break the Markdown.'

  static override examples = [
    {description: 'Print the report of scaleplan.yaml', command: '<%= config.bin %> <%= command.id %>'},
    {
      description: 'Write it to a file (atomically; a different file is kept unless --force)',
      command: '<%= config.bin %> <%= command.id %> --out docs/capacity.md',
    },
  ]

  static override enableJsonFlag = true

  static override flags = {
    ...specFlags,
    ...forecastFlags,
    out: Flags.string({description: 'write the report to FILE (atomically) instead of stdout', helpValue: 'FILE'}),
    force: Flags.boolean({description: 'overwrite --out when it exists with different content', dependsOn: ['out']}),
  }

  async run(): Promise<ReportResult> {
    const {flags} = await this.parse(Report)
    const {spec} = await this.loadSpec(flags)
    const view = outlookFromFlags(spec, flags)
    const markdown = renderMarkdown(withTopologyLimitWarnings(spec, view.recommendation)) + renderOutlookMarkdown(view)
    if (flags.out === undefined) {
      this.print(markdown)
      return {markdown, out: null, written: false}
    }

    const {written} = await writeOutput(flags.out, markdown, {force: flags.force})
    this.note(written ? `Wrote ${flags.out}` : `${flags.out} is up to date`)
    return {markdown, out: flags.out, written}
  }
}
