import * as Flags from '@oclif/core/flags'

import {recommend} from '../cost/recommend.js'
import {BaseCommand} from '../cli/base-command.js'
import {specFlags, specFromFlags} from '../cli/spec-flags.js'
import {writeOutput} from '../cli/write-output.js'
import {renderMarkdown} from '../render/markdown.js'

export interface ReportResult {
  readonly markdown: string
  /** The file written with --out, or null when the report went to stdout. */
  readonly out: string | null
  /** False when --out already held exactly this report. */
  readonly written: boolean
}

export default class Report extends BaseCommand {
  static override summary = 'Write the recommendation as Markdown with a Mermaid diagram, for pull requests and wikis.'
  static override description =
    'Same inputs as recommend. The report has the stage and why, a diagram of every region, the load, the components, ' +
    'the cost per component, the 80/20 cache arithmetic, the next-stage triggers and the assumptions with their sources.'

  static override examples = [
    '<%= config.bin %> <%= command.id %> --spec templates/specs/example.yaml',
    '<%= config.bin %> <%= command.id %> --users 2.5M --regions us-east-1,eu-west-1 --out docs/capacity.md',
  ]

  static override enableJsonFlag = true

  static override flags = {
    ...specFlags,
    out: Flags.string({description: 'write the report to FILE (atomically) instead of stdout', helpValue: 'FILE'}),
    force: Flags.boolean({description: 'overwrite --out when it exists with different content', dependsOn: ['out']}),
  }

  async run(): Promise<ReportResult> {
    const {flags} = await this.parse(Report)
    const markdown = renderMarkdown(recommend(await specFromFlags(flags)))
    if (flags.out === undefined) {
      this.print(markdown)
      return {markdown, out: null, written: false}
    }

    const {written} = await writeOutput(flags.out, markdown, {force: flags.force})
    this.note(written ? `Wrote ${flags.out}` : `${flags.out} is up to date`)
    return {markdown, out: flags.out, written}
  }
}
