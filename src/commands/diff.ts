import * as Flags from '../cli/flags.js'

import {FileProblem} from '../files/file-problem.js'
import {readBoundedText} from '../files/read-bounded.js'
import {BaseCommand} from '../cli/base-command.js'
import {UsageError, type ExitConvention} from '../cli/errors.js'
import {loadSpecAtRef, loadSpecFile} from '../cli/load-spec.js'
import {specFileSource} from '../cli/spec-flags.js'
import {forecastFlags, outlookFromFlags} from '../cli/forecast-flags.js'
import {compareForecasts, type ForecastChange} from '../forecast/compare.js'
import type {Outlook} from '../forecast/outlook.js'
import {forecastDiffSection} from '../render/forecast-markdown.js'
import {diffRecommendations, type RecommendationDiff} from '../render/diff.js'
import {renderDiffMarkdown} from '../render/diff-markdown.js'
import {planOverview} from '../terraform/render-plans.js'
import {planReportStacks, type StackReport} from '../terraform/stack-report.js'

export default class Diff extends BaseCommand {
  static override summary = 'Compare two specs: the inputs that changed, the stage, components and cost per region.'
  static override description =
    'Prints Markdown for a pull request: a one-line headline, the inputs that changed, cost per region (previous, ' +
    'new, delta), the resources Terraform would change (with --plan), and the details collapsed. ' +
    'Exit codes: 0 when the topology and cost are equal, 2 when they differ, 1 on any error (bad input included). ' +
    'With --base-ref, BASE is the spec as of that git ref (HEAD defaults to the spec in the current directory). ' +
    'Only the spec files count: SCALEPLAN_* variables are ignored, so they cannot mask a change. ' +
    'With ranges in either spec, both are sampled with the same seed and the comment says when the P90 cost or ' +
    'the stage odds move.'

  static override examples = [
    {description: 'Two spec files', command: '<%= config.bin %> <%= command.id %> old.yaml new.yaml'},
    {
      description: 'scaleplan.yaml against the base branch, with the plan of the change',
      command: '<%= config.bin %> <%= command.id %> --base-ref origin/main --plan plan.json',
    },
    {
      description: 'As JSON',
      command: '<%= config.bin %> <%= command.id %> --base-ref origin/main scaleplan.yaml --json',
    },
  ]

  static override enableJsonFlag = true

  static override args = {
    base: Flags.arg({description: 'spec file before the change (or HEAD, when --base-ref is given)'}),
    head: Flags.arg({description: 'spec file after the change'}),
  }

  static override flags = {
    ...forecastFlags,
    'base-ref': Flags.string({description: 'read BASE from this git ref (git show REF:HEAD-path)', helpValue: 'REF'}),
    plan: Flags.file({
      description: 'add the per-stack Terraform plan summaries from this file (the output of `scaleplan plan --json`)',
      helpValue: 'FILE',
      exists: true,
    }),
  }

  async run(): Promise<RecommendationDiff & {plans?: readonly StackReport[]; forecast?: ForecastChange}> {
    const {args, flags} = await this.parse(Diff)
    const ref = flags['base-ref']
    let labels: {base: string; head: string}
    let specs
    if (ref === undefined) {
      if (args.base === undefined || args.head === undefined) {
        throw new UsageError(['diff: expected two spec files, BASE and HEAD, or --base-ref REF and one spec file'])
      }

      labels = {base: args.base, head: args.head}
      specs = await Promise.all([loadSpecFile(args.base, 'BASE'), loadSpecFile(args.head, 'HEAD')])
    } else {
      // HEAD defaults to the spec the other commands find here (scaleplan.yaml, .yml, .json).
      const head = args.base ?? specFileSource(undefined, 'HEAD')?.path
      if (head === undefined || args.head !== undefined) {
        throw new UsageError([
          `--base-ref: expected one spec file (HEAD), got ${head === undefined ? 'none, and no scaleplan.yaml here' : 'two'}`,
        ])
      }

      labels = {base: `${ref}:${head}`, head}
      specs = await Promise.all([loadSpecAtRef(ref, head), loadSpecFile(head, 'HEAD')])
    }

    const plans = flags.plan === undefined ? undefined : await readPlanReport(flags.plan)
    const [base, head] = specs.map((spec) => outlookFromFlags(spec, flags)) as [Outlook, Outlook]
    const diff = diffRecommendations(base.recommendation, head.recommendation, {base: specs[0], head: specs[1]})
    // With ranges on either side, the comparison of the two forecasts (both sampled with one seed).
    const forecast =
      base.forecast || head.forecast ? compareForecasts(forecastSide(base), forecastSide(head)) : undefined
    const sections = forecast ? [forecastDiffSection(forecast)] : []
    this.print(renderDiffMarkdown(diff, labels, {...(plans ? {plan: planOverview(plans)} : {}), sections}))
    // The exit code compares the specs; the plan is context for the reviewer.
    const moved = forecast !== undefined && (forecast.p90Moved || forecast.oddsMoved)
    this.finish(diff.equal && !moved ? 'ok' : 'changes')
    return {...diff, ...(plans ? {plans} : {}), ...(forecast ? {forecast} : {})}
  }

  /** Like diff(1) and `terraform plan -detailed-exitcode`: 2 means "different", so every error is 1. */
  protected override exitConvention(): ExitConvention {
    return 'terraform'
  }
}

/** A plan report of the largest topology scaleplan synthesizes is a few MiB. */
const MAX_PLAN_REPORT_BYTES = 64 * 2 ** 20

/** What a side brings to the comparison of forecasts: its forecast, or its one plan. */
function forecastSide(side: Outlook) {
  return side.forecast ?? {stage: side.recommendation.stage.number, monthlyUsd: side.recommendation.cost.monthlyUsd}
}

/** The stacks of a `scaleplan plan --json` report, checked against its schema. */
async function readPlanReport(path: string): Promise<readonly StackReport[]> {
  const expected = 'expected the output of `scaleplan plan --json`'
  let report: unknown
  try {
    report = JSON.parse(readBoundedText(path, {maxBytes: MAX_PLAN_REPORT_BYTES, what: 'a plan report'}))
  } catch (error) {
    if (error instanceof FileProblem) throw new UsageError([`--plan: ${error.message}; ${expected}`])
    throw new UsageError([`--plan: cannot read ${JSON.stringify(path)}: not JSON; ${expected}`])
  }

  const stacks = planReportStacks(report)
  if (stacks === undefined) throw new UsageError([`--plan: "${path}" is not a plan report; ${expected}`])
  return stacks
}
