/**
 * The forecast and the timeline in the Markdown report, as GitHub renders them: stage odds and
 * cost percentiles as tables, the sensitivity as a tornado (a table of bars, widest first), the
 * timeline as Mermaid `xychart-beta` charts of cost and users with a table of stages, and when to
 * start on each change. Also the `diff` section that says when a change moves the P90 cost or
 * the stage odds. Pure and byte-stable.
 */
import type {ForecastChange} from '../forecast/compare.js'
import type {Outlook} from '../forecast/outlook.js'
import type {Forecast} from '../forecast/simulate.js'
import type {Timeline} from '../forecast/timeline.js'
import {formatBytes, formatNumber, formatUsd} from '../format/numbers.js'
import {ordinal, plural} from '../format/words.js'
import {stageInfo} from '../topology/types.js'
import type {DiffSection} from './diff-markdown.js'
import {inputRange, percent, shortCount, signedUsd, startBy} from './forecast-values.js'
import {markdownTable} from './markdown-table.js'

/** The width of the widest tornado bar, in blocks. */
const BAR_WIDTH = 20

/** The report's sections for what the outlook adds; empty for a spec without ranges or growth. */
export function renderOutlookMarkdown(outlook: Outlook): string {
  const out: string[] = []
  if (outlook.forecast) out.push(...forecastSection(outlook.forecast, outlook.percentile ?? 50))
  if (outlook.timeline) out.push(...timelineSection(outlook.timeline))
  return out.length === 0 ? '' : `${out.join('\n')}\n`
}

function forecastSection(forecast: Forecast, percentile: number): string[] {
  const out = [
    '',
    '## Under uncertainty',
    '',
    `${formatNumber(forecast.samples, 0)} samples (seed ${forecast.seed}) over the ranges below, each a 90% interval. ` +
      `The plan above is the sample at the ${ordinal(percentile)} percentile of monthly cost.`,
    '',
    ...markdownTable(
      ['input', 'range', 'distribution'],
      forecast.inputs.map((input) => [
        `\`${input.name}\``,
        inputRange(input.name, input.low, input.high),
        input.distribution,
      ]),
    ),
    '',
    ...markdownTable(
      ['stage', 'odds'],
      forecast.stages.map((s) => [`${s.stage} (${s.name})`, percent(s.probability)]),
      ['left', 'right'],
    ),
    '',
    ...markdownTable(
      ['monthly cost', 'P10', 'P50', 'P90', 'mean'],
      [
        [
          'USD',
          formatUsd(forecast.cost.p10),
          formatUsd(forecast.cost.p50),
          formatUsd(forecast.cost.p90),
          formatUsd(forecast.cost.mean),
        ],
      ],
      ['left', 'right', 'right', 'right', 'right'],
    ),
    '',
    `Most likely: **stage ${forecast.mostLikely.stage} (${forecast.mostLikely.name})** in ` +
      `${percent(forecast.mostLikely.probability)} of samples, ${formatUsd(forecast.mostLikely.monthlyUsd)} a month.`,
  ]
  if (forecast.sensitivity.length === 0) return out
  const widest = Math.max(...forecast.sensitivity.map((s) => Math.abs(s.swingUsd)))
  out.push(
    '',
    '### Which input matters most',
    '',
    `Each range from its low end to its high end, the others at their medians ` +
      `(${formatUsd(forecast.median.monthlyUsd)} a month, stage ${forecast.median.stage}); widest first.`,
    '',
    ...markdownTable(
      ['input', 'low..high', 'cost at low', 'cost at high', 'swing', 'stage', ''],
      forecast.sensitivity.map((s) => [
        `\`${s.name}\``,
        inputRange(s.name, s.low, s.high),
        formatUsd(s.lowMonthlyUsd),
        formatUsd(s.highMonthlyUsd),
        signedUsd(s.swingUsd, formatUsd),
        s.lowStage === s.highStage ? String(s.lowStage) : `${s.lowStage} → ${s.highStage}`,
        bar(s.swingUsd, widest),
      ]),
      ['left', 'left', 'right', 'right', 'right', 'left', 'left'],
    ),
  )
  return out
}

/** A tornado bar: blocks in proportion to the swing, at least one for any swing at all. */
function bar(swing: number, widest: number): string {
  if (widest === 0 || swing === 0) return ''
  return '█'.repeat(Math.max(1, Math.round((Math.abs(swing) / widest) * BAR_WIDTH)))
}

function timelineSection(timeline: Timeline): string[] {
  const out = [
    '',
    '## Timeline',
    '',
    `Users grow ${timeline.growth}, data ${timeline.dataGrowth}, over ${plural(timeline.horizon, 'month')}; ` +
      'each month is planned as `recommend` would plan its users and data.',
    '',
    ...timelineCharts(timeline).flatMap((chart) => ['```mermaid', chart, '```', '']),
    ...markdownTable(
      ['stage', 'months', 'users', 'data', 'monthly cost'],
      stageSpans(timeline).map((span) => [
        `${span.stage} (${stageInfo(span.stage).name})`,
        span.from === span.to ? String(span.from) : `${span.from}–${span.to}`,
        `${shortCount(span.first.users)}–${shortCount(span.last.users)}`,
        `${formatBytes(span.first.dataSizeBytes)}–${formatBytes(span.last.dataSizeBytes)}`,
        `${formatUsd(span.first.monthlyUsd)}–${formatUsd(span.last.monthlyUsd)}`,
      ]),
    ),
    '',
    '### When to act',
    '',
  ]
  if (timeline.events.length === 0) {
    out.push(`No new stage and nothing replaced within ${plural(timeline.horizon, 'month')}.`)
    return out
  }

  out.push(
    ...markdownTable(
      ['needed in month', 'what', 'where', 'lead time', 'start'],
      timeline.events.map((e) => [
        String(e.month),
        e.what,
        e.regions?.join(', ') ?? 'all regions',
        plural(e.leadTimeMonths, 'month'),
        startBy(e.startBy, e.leadTimeMonths),
      ]),
    ),
  )
  return out
}

/** The timeline's Mermaid charts (`xychart-beta`): monthly cost, then daily users, month by month. */
export function timelineCharts(timeline: Timeline): string[] {
  const chart = (title: string, axis: string, values: readonly string[]) =>
    [
      'xychart-beta',
      `  title "${title}"`,
      `  x-axis "month" [${timeline.months.map((m) => m.month).join(', ')}]`,
      `  y-axis "${axis}"`,
      `  line [${values.join(', ')}]`,
    ].join('\n')
  return [
    chart(
      'Monthly cost (USD)',
      'USD a month',
      timeline.months.map((m) => m.monthlyUsd.toFixed(2)),
    ),
    chart(
      'Daily active users',
      'users',
      timeline.months.map((m) => String(m.users)),
    ),
  ]
}

/** Runs of consecutive months on the same stage. */
function stageSpans(timeline: Timeline) {
  const spans: {
    stage: Timeline['months'][number]['stage']
    from: number
    to: number
    first: Timeline['months'][number]
    last: Timeline['months'][number]
  }[] = []
  for (const month of timeline.months) {
    const last = spans.at(-1)
    if (last && last.stage === month.stage) {
      last.to = month.month
      last.last = month
    } else {
      spans.push({stage: month.stage, from: month.month, to: month.month, first: month, last: month})
    }
  }

  return spans
}

/**
 * The `diff` section for a change to a spec with ranges: the P90 cost and the stage odds, base
 * and head, and a sentence saying whether either moved.
 */
export function forecastDiffSection(change: ForecastChange): DiffSection {
  const moved = [
    change.p90Moved ? `the P90 cost moves ${signedUsd(change.cost.p90.deltaUsd, formatUsd)}` : undefined,
    change.oddsMoved ? 'the stage odds move' : undefined,
  ].filter((part) => part !== undefined)
  const lines = [
    moved.length === 0
      ? 'Neither the P90 cost nor the stage odds move.'
      : `**${moved.join(', and ')}.**`.replace(/^\*\*t/, '**T'),
    '',
    ...markdownTable(
      ['', 'previous', 'new'],
      [
        ...(['p10', 'p50', 'p90'] as const).map((key) => [
          `${key.toUpperCase()} monthly cost`,
          formatUsd(change.cost[key].base),
          formatUsd(change.cost[key].head),
        ]),
        ...change.stages.map((s) => [`stage ${s.stage} (${s.name})`, percent(s.base), percent(s.head)]),
      ],
      ['left', 'right', 'right'],
    ),
  ]
  return {title: 'Under uncertainty: cost percentiles and stage odds', markdown: lines.join('\n')}
}
