import {recommend, type Recommendation} from '../cost/recommend.js'
import {BaseCommand} from '../cli/base-command.js'
import {specFlags} from '../cli/spec-flags.js'
import {colorFlag, terminalStyle, terminalWidth} from '../cli/style.js'
import {withTopologyLimitWarnings} from '../cli/topology-limits.js'

export default class Recommend extends BaseCommand {
  static override summary = 'Recommend the architecture stage for a load, explain it in numbers, and price it.'
  static override description =
    'Reads the spec in scaleplan.yaml (or .yml, .json) in the current directory, or the file --spec names; ' +
    'SCALEPLAN_* variables and flags override its keys, and with no file at all flags alone are enough. ' +
    'With --json the result is a stable, documented object (README, "JSON output").'

  static override examples = [
    {description: 'Plan from scaleplan.yaml in the current directory', command: '<%= config.bin %> <%= command.id %>'},
    {
      description: 'Plan from flags alone',
      command:
        '<%= config.bin %> <%= command.id %> --users 2.5M --read-write 90:10 --regions us-east-1,eu-west-1 --data-size 500GB',
    },
    {
      description: 'The same as JSON, for scripts',
      command: '<%= config.bin %> <%= command.id %> --spec templates/specs/example.yaml --json',
    },
  ]

  static override enableJsonFlag = true

  static override flags = {
    ...specFlags,
    color: colorFlag,
  }

  async run(): Promise<Recommendation> {
    const {flags} = await this.parse(Recommend)
    const {spec} = await this.loadSpec(flags)
    const recommendation = withTopologyLimitWarnings(spec, recommend(spec))
    if (this.jsonEnabled()) return recommendation
    // Text only: --json, the common case in scripts, does not load the renderer and its wrapping.
    const {renderText} = await import('../render/text.js')
    this.log(renderText(recommendation, terminalStyle(flags.color), {width: terminalWidth()}))
    return recommendation
  }
}
