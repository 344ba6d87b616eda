import {recommend, type Recommendation} from '../cost/recommend.js'
import {BaseCommand} from '../cli/base-command.js'
import {specFlags, specFromFlags} from '../cli/spec-flags.js'
import {colorFlag, terminalStyle} from '../cli/style.js'
import {renderText} from '../render/text.js'

export default class Recommend extends BaseCommand {
  static override summary = 'Recommend the architecture stage for a load, explain it in numbers, and price it.'
  static override description =
    'Inputs come from built-in defaults, then a spec file (--spec), then SCALEPLAN_* environment variables, then flags. ' +
    'With --json the result is a stable, documented object (see README, "JSON output").'

  static override examples = [
    '<%= config.bin %> <%= command.id %> --users 2.5M --read-write 90:10 --regions us-east-1,eu-west-1 --data-size 500GB',
    '<%= config.bin %> <%= command.id %> --spec templates/specs/example.yaml',
    'SCALEPLAN_USERS=10k <%= config.bin %> <%= command.id %> --json',
  ]

  static override enableJsonFlag = true

  static override flags = {
    ...specFlags,
    color: colorFlag,
  }

  async run(): Promise<Recommendation> {
    const {flags} = await this.parse(Recommend)
    const recommendation = recommend(await specFromFlags(flags))
    this.log(renderText(recommendation, terminalStyle(flags.color)))
    return recommendation
  }
}
