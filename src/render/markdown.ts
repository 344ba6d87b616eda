/**
 * The recommendation as a Markdown report for pull requests and wikis: the stage and why, a
 * Mermaid diagram, load, components, cost, the 80/20 cache arithmetic, next-stage triggers and
 * the assumptions behind every number. Pure, and byte-stable for the same recommendation.
 */
import type {Recommendation} from '../cost/recommend.js'
import {formatPercent} from '../capacity/availability.js'
import {groupRegionSentences} from '../format/group.js'
import {formatAgainst, formatCount, formatNumber, formatRate, formatUsd} from '../format/numbers.js'
import {listing, plural} from '../format/words.js'
import {measuredLabel} from '../spec/measured.js'
import {describeEdge} from '../topology/derived.js'
import {isPrimaryRegion} from '../topology/types.js'
import {markdownTable} from './markdown-table.js'
import {mdText} from './markdown-text.js'
import {regionDiagrams} from './mermaid.js'
import {componentRow, edgeSummary} from './text.js'

export function renderMarkdown(rec: Recommendation): string {
  const out: string[] = []
  const n = (value: number) => formatNumber(value)
  const section = (title: string) => out.push('', `## ${title}`, '')
  const regionNames = rec.topology.regions.map((r) => r.region)

  out.push(
    `# ${mdText(rec.name)}: stage ${rec.stage.number} of 7, ${rec.stage.title}`,
    '',
    `Peak **${formatRate(rec.load.peakRps)} req/s** across ${plural(rec.topology.regions.length, 'region')}, ` +
      `about **${formatUsd(rec.cost.monthlyUsd)} a month** at on-demand prices (${rec.cost.pricesAsOf}).`,
  )
  if (rec.recommendedStage !== rec.stage.number) {
    out.push(
      '',
      `> [!WARNING]`,
      `> Stage ${rec.stage.number} was forced; the load needs stage ${rec.recommendedStage}.`,
    )
  }

  section('Why this stage')
  if (rec.reasons.length === 0) {
    out.push('One server carries the peak load and the data, and the availability target needs no redundancy.')
  } else {
    const rows = [...rec.reasons]
      .sort((a, b) => a.stage - b.stage)
      .map((r) => [
        String(r.stage),
        `\`${r.rule}\``,
        r.region ?? 'all',
        `${formatAgainst(r.value, r.threshold)} ${r.unit}`,
        `${r.comparison} ${n(r.threshold)} (\`${r.thresholdName}\`${measuredNote(rec, r.thresholdName)})`,
        mdText(r.message),
      ])
    out.push(...markdownTable(['stage', 'rule', 'region', 'measured', 'threshold', 'why'], rows))
  }

  section(rec.topology.regions.length > 1 ? 'Diagrams' : 'Diagram')
  for (const diagram of regionDiagrams(rec.topology)) {
    if (rec.topology.regions.length > 1) out.push(`### ${listing(diagram.regions)}`, '')
    out.push('```mermaid', diagram.text, '```', '')
  }

  out.pop()

  section('Load')
  const rw = rec.assumptions.find((a) => a.name === 'readWrite')?.value
  const loadRows = rec.load.regions.map((r) => [
    r.region,
    `${n(r.userShare * 100)}%`,
    formatCount(r.users),
    n(r.avgRps),
    n(r.peakRps),
    n(r.readRps),
    n(r.writeRps),
  ])
  if (rec.load.regions.length > 1) {
    const {load} = rec
    loadRows.push([
      '**total**',
      '100%',
      formatCount(load.regions.reduce((sum, r) => sum + r.users, 0)),
      n(load.avgRps),
      n(load.peakRps),
      n(load.readRps),
      n(load.writeRps),
    ])
  }

  out.push(
    ...markdownTable(['region', 'share', 'daily users', 'avg req/s', 'peak req/s', 'reads/s', 'writes/s'], loadRows),
    '',
    `Reads and writes split the peak ${rw} (reads:writes).`,
  )

  section('Components')
  for (const region of rec.topology.regions) {
    const role = isPrimaryRegion(rec.topology, region) ? 'primary region' : 'replica region'
    out.push(`### ${region.region} (${role}, ${n(region.userShare * 100)}% of users, ${region.zones} zones)`, '')
    out.push(
      ...markdownTable(
        ['component', 'count', 'size', 'detail'],
        region.components.map((c) => componentRow(c, region)),
      ),
      '',
    )
  }

  const edge = describeEdge(rec.topology)
  if (edge !== undefined) out.push(`**Edge:** ${edge}.`, '')
  out.pop()
  section(`Monthly cost: ${formatUsd(rec.cost.monthlyUsd)}`)
  out.push(
    `On-demand list prices as of ${rec.cost.pricesAsOf}` +
      `${rec.cost.includesEstimates ? '; some prices are estimates (see the assumptions)' : ''}.`,
    '',
  )
  const costRows: string[][] = []
  for (const region of rec.cost.regions) {
    for (const line of region.lines) {
      costRows.push([
        region.region,
        line.name ? `${line.component} ${line.name}` : line.component,
        formatUsd(line.monthlyUsd),
        line.detail,
      ])
    }

    const factor = region.factor === 1 ? '' : ` (x${region.factor} regional prices)`
    costRows.push([region.region, `**subtotal**${factor}`, `**${formatUsd(region.monthlyUsd)}**`, ''])
  }

  costRows.push(['**total**', '', `**${formatUsd(rec.cost.monthlyUsd)}**`, ''])
  out.push(...markdownTable(['region', 'component', 'monthly', 'detail'], costRows))

  if (rec.cache.length > 0) {
    section('Cache by the 80/20 rule')
    for (const c of rec.cache) {
      out.push(
        `### ${c.region}`,
        '',
        `- Reads: ${n(c.readQps)} queries/s x ${c.hitRatio} hit ratio = **${n(c.servedQps)}/s from the cache**; ` +
          `${n(c.missQps)}/s miss and reach the database.`,
        `- Working set: ${n(c.dataGiB)} GiB x ${c.hotSet} hot set = **${n(c.hotSetGiB)} GiB** to hold.`,
        `- A ${c.nodeType} node holds ${n(c.usableGiBPerNode)} GiB usable and serves ${n(c.opsPerNode)} ops/s; ` +
          `${n(c.opsPerSecond)} ops/s and ${n(c.hotSetGiB)} GiB need **${plural(c.shards, 'shard')}**, ` +
          'each with a replica.',
        '',
      )
    }

    out.pop()
  }

  section('Edge')
  out.push(`${capitalize(edgeSummary(rec.edge))}.`)

  section('Availability')
  const {availability} = rec
  out.push(
    `**${formatPercent(availability.percent)}** of requests served, from the AWS SLAs of the plan's parts, ` +
      `against a ${availability.targetPercent}% target: ${availability.meetsTarget ? 'met' : '**missed**'}.`,
  )
  for (const suggestion of availability.suggestions) out.push('', `- ${mdText(suggestion)}`)

  section('What triggers the next stage')
  if (rec.next.length === 0) out.push('Nothing: this is the last stage.')
  else {
    const rows = rec.next.map((next) => [
      `${next.stage} (${next.name})`,
      next.atUsers === null ? 'not by users alone' : formatCount(next.atUsers),
      mdText(groupRegionSentences(next.because.split('; '), regionNames).join('; ')),
    ])
    out.push(...markdownTable(['stage', 'at daily users', 'because'], rows))
  }

  if (rec.warnings.length > 0) {
    section('Warnings')
    for (const warning of rec.warnings) out.push(`- ${mdText(warning)}`)
  }

  section('Assumptions')
  const assumptionRows = rec.assumptions.map((a) => [
    `\`${a.name}\``,
    typeof a.value === 'number' ? n(a.value) : mdText(String(a.value)),
    mdText(a.unit),
    a.measured ? '**measured**' : a.estimate ? 'yes' : '',
    mdText(a.source),
  ])
  out.push(
    ...markdownTable(['name', 'value', 'unit', 'estimate', 'source'], assumptionRows),
    '',
    "Each source the table cites by name is a section of scaleplan's docs/sources.md (installed " +
      'with it, in `node_modules/scaleplan/docs/`), which gives the public address behind the figure.',
  )

  return `${out.join('\n')}\n`
}

/** ", measured 2026-11-28 at p99 < 50 ms" when calibrate measured the threshold, else nothing. */
function measuredNote(rec: Recommendation, name: string): string {
  const measured = rec.assumptions.find((a) => a.name === name)?.measured
  return measured ? `, **${measuredLabel(measured)}**` : ''
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)
