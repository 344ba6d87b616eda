/**
 * The forecast and the timeline as terminal text, printed after the recommendation: stage odds
 * and cost percentiles, the sensitivity table (largest swing first), and the month-by-month
 * timeline with when to start on each change. Pure, like text.ts.
 */
import type {Outlook} from '../forecast/outlook.js'
import type {Forecast} from '../forecast/simulate.js'
import type {Timeline} from '../forecast/timeline.js'
import {formatBytes, formatNumber, formatUsd} from '../format/numbers.js'
import type {TextStyle} from '../format/style.js'
import {ordinal, plural} from '../format/words.js'
import {tableParas, unwrapped, type Para, type Wrap} from '../format/wrap.js'
import {inputRange, percent, shortCount, signedUsd, startBy} from './forecast-values.js'

export function renderOutlookText(outlook: Outlook, style: TextStyle, {wrap = unwrapped}: {wrap?: Wrap} = {}): string {
  const out: (Para | string)[] = []
  if (outlook.forecast) out.push(...forecastLines(outlook.forecast, outlook.percentile ?? 50, style))
  if (outlook.timeline) out.push(...timelineLines(outlook.timeline, style))
  return out.flatMap((line) => (typeof line === 'string' ? [line] : wrap(line))).join('\n')
}

function forecastLines(forecast: Forecast, percentile: number, style: TextStyle): (Para | string)[] {
  const para = (body: string, prefix = '  '): Para => ({prefix, body})
  const ranges = forecast.inputs
    .map((input) => `${input.name} ${inputRange(input.name, input.low, input.high)} (${input.distribution})`)
    .join(', ')
  const lines: (Para | string)[] = [
    '',
    style.bold(`Under uncertainty: ${formatNumber(forecast.samples, 0)} samples, seed ${forecast.seed}`),
    para(ranges, '  ranges, each a 90% interval: '),
    para(`the plan above is the sample at the ${ordinal(percentile)} percentile of monthly cost`),
    para(
      forecast.stages.map((s) => `stage ${s.stage} (${s.name}) ${percent(s.probability)}`).join(', '),
      '  stage odds: ',
    ),
    para(
      `P10 ${formatUsd(forecast.cost.p10)}, P50 ${formatUsd(forecast.cost.p50)}, P90 ${formatUsd(forecast.cost.p90)} ` +
        `(mean ${formatUsd(forecast.cost.mean)})`,
      '  monthly cost: ',
    ),
    para(
      `stage ${forecast.mostLikely.stage} (${forecast.mostLikely.name}) in ${percent(forecast.mostLikely.probability)} ` +
        `of samples, ${formatUsd(forecast.mostLikely.monthlyUsd)} a month`,
      '  most likely topology: ',
    ),
  ]
  if (forecast.sensitivity.length > 0) {
    lines.push(
      '',
      style.bold('Which input matters most (each range low to high, the others at their medians)'),
      ...tableParas([
        ['input', 'low..high', 'cost at low', 'cost at high', 'swing', 'stage'],
        ...forecast.sensitivity.map((s) => [
          s.name,
          inputRange(s.name, s.low, s.high),
          formatUsd(s.lowMonthlyUsd),
          formatUsd(s.highMonthlyUsd),
          signedUsd(s.swingUsd, formatUsd),
          s.lowStage === s.highStage ? String(s.lowStage) : `${s.lowStage} -> ${s.highStage}`,
        ]),
      ]),
    )
  }

  return lines
}

function timelineLines(timeline: Timeline, style: TextStyle): (Para | string)[] {
  const lines: (Para | string)[] = [
    '',
    style.bold(`Timeline: users ${timeline.growth}, data ${timeline.dataGrowth}, ${plural(timeline.horizon, 'month')}`),
    ...tableParas([
      ['month', 'users', 'data', 'stage', 'monthly cost', 'changes'],
      ...timeline.months.map((m) => [
        String(m.month),
        shortCount(m.users),
        formatBytes(m.dataSizeBytes),
        String(m.stage),
        formatUsd(m.monthlyUsd),
        m.changes.map((c) => c.what).join('; '),
      ]),
    ]),
    '',
    style.bold('When to act'),
  ]
  if (timeline.events.length === 0)
    lines.push({prefix: '  ', body: `no new stage and nothing replaced within ${plural(timeline.horizon, 'month')}`})
  for (const event of timeline.events) {
    const where = event.regions ? ` (${event.regions.join(', ')})` : ''
    lines.push({
      prefix: `  month ${event.month}: `,
      body: `${event.what}${where}; ${startBy(event.startBy, event.leadTimeMonths)}`,
    })
  }

  return lines
}
