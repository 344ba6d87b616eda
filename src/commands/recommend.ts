import {type Recommendation} from '../cost/recommend.js'
import type {Forecast} from '../forecast/simulate.js'
import type {Timeline} from '../forecast/timeline.js'
import {BaseCommand} from '../cli/base-command.js'
import {forecastFlags, outlookFromFlags} from '../cli/forecast-flags.js'
import {specFlags} from '../cli/spec-flags.js'
import {colorFlag, terminalStyle, terminalWidth} from '../cli/style.js'
import {withTopologyLimitWarnings} from '../cli/topology-limits.js'
import {wrapping} from '../format/wrap.js'

/**
 * What `recommend --json` prints: the recommendation, and with ranges in the spec the forecast
 * (the recommendation is then the plan at its `percentile`), with growth the timeline.
 */
export type RecommendResult = Recommendation & {
  readonly forecast?: Forecast & {readonly percentile: number}
  readonly timeline?: Timeline
}

export default class Recommend extends BaseCommand {
  static override summary = 'Recommend the architecture stage for a load, explain it in numbers, and price it.'
  static override description =
    'Reads the spec in scaleplan.yaml (or .yml, .json) in the current directory, or the file --spec names; ' +
    'SCALEPLAN_* variables and flags override its keys, and with no file at all flags alone are enough. ' +
    'Any number can be a range (--users 1M..5M): then the plan is simulated over the ranges, with the odds of ' +
    'each stage, cost percentiles and which input matters most. With --growth, a month-by-month timeline says ' +
    'when each stage is needed. With --json the result is a stable, documented object (README, "JSON output").'

  static override examples = [
    {description: 'Plan from scaleplan.yaml in the current directory', command: '<%= config.bin %> <%= command.id %>'},
    {
      description: 'Plan from flags alone',
      command:
        '<%= config.bin %> <%= command.id %> --users 2.5M --read-write 90:10 --regions us-east-1,eu-west-1 --data-size 500GB',
    },
    {
      description: 'Plan under uncertainty: stage odds, cost P10/P50/P90 and the input that matters most',
      command: '<%= config.bin %> <%= command.id %> --users 1M..5M --requests-per-user 20..80 --peak-factor 1.5..4',
    },
    {
      description: 'When will we need the next stage?',
      command: '<%= config.bin %> <%= command.id %> --users 200k --growth 8%/month --data-growth 50GB/month',
    },
    {
      description: 'The same as JSON, for scripts',
      command: '<%= config.bin %> <%= command.id %> --spec templates/specs/example.yaml --json',
    },
  ]

  static override enableJsonFlag = true

  static override flags = {
    ...specFlags,
    ...forecastFlags,
    color: colorFlag,
  }

  async run(): Promise<RecommendResult> {
    const {flags} = await this.parse(Recommend)
    const {spec} = await this.loadSpec(flags)
    const view = outlookFromFlags(spec, flags)
    const recommendation = withTopologyLimitWarnings(spec, view.recommendation)
    const result: RecommendResult = {
      ...recommendation,
      ...(view.forecast ? {forecast: {percentile: view.percentile!, ...view.forecast}} : {}),
      ...(view.timeline ? {timeline: view.timeline} : {}),
    }
    if (this.jsonEnabled()) return view.forecast || view.timeline ? result : recommendation
    // Text only: --json, the common case in scripts, does not load the renderer and its wrapping.
    const [{renderText}, style, wrap] = await Promise.all([
      import('../render/text.js'),
      terminalStyle(flags.color),
      wrapping(terminalWidth()),
    ])
    this.log(renderText(recommendation, style, {wrap}))
    if (view.forecast || view.timeline) {
      const {renderOutlookText} = await import('../render/forecast-text.js')
      this.log(renderOutlookText(view, style, {wrap}))
    }

    return result
  }
}
