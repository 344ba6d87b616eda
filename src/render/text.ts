/**
 * The recommendation as terminal text. Pure: styling comes in as a chalk instance and the width
 * as a number, so the caller decides colour (--color, FORCE_COLOR, NO_COLOR, a TTY) and wrapping
 * (the terminal's columns, or none in a pipe), and tests render without either.
 *
 * Layout rules, for whatever the planner adds: every line wraps under its own text; regions that
 * say the same thing are named together once; numbers read as people write them.
 */
import type {Recommendation} from '../cost/recommend.js'
import type {CostLine} from '../cost/estimate.js'
import {formatPercent} from '../capacity/availability.js'
import {groupBy, groupRegionSentences} from '../format/group.js'
import {formatCount, formatNumber, formatRate, formatUsd} from '../format/numbers.js'
import type {TextStyle} from '../format/style.js'
import {listing, plural} from '../format/words.js'
import {tableParas, unwrapped, type Para, type Wrap} from '../format/wrap.js'
import {measuredLabel, measuredSource} from '../spec/measured.js'
import {describeEdge, sizeLabel, unitCount} from '../topology/derived.js'
import {isPrimaryRegion, type Component, type RegionTopology} from '../topology/types.js'

export interface TextOptions {
  /** How lines wrap (`wrapping(width)`); unwrapped by default, as in a pipe. */
  readonly wrap?: Wrap
}

export function renderText(rec: Recommendation, style: TextStyle, {wrap = unwrapped}: TextOptions = {}): string {
  const out: (Para | string)[] = []
  const heading = (text: string) => out.push('', {prefix: '', body: style.bold(text)})
  const para = (body: string, prefix = '  ') => out.push({prefix, body})
  const regionNames = rec.topology.regions.map((r) => r.region)

  out.push(
    `${style.bold(rec.name)}: ${style.bold.cyan(`stage ${rec.stage.number} of 7, ${rec.stage.title}`)} (${rec.stage.name})`,
  )

  const {load} = rec
  const rw = rec.assumptions.find((a) => a.name === 'readWrite')?.value
  heading('Load')
  para(
    `average ${formatRate(load.avgRps)} req/s, peak ${formatRate(load.peakRps)} req/s: ` +
      `${formatRate(load.readRps)} reads/s and ${formatRate(load.writeRps)} writes/s (${rw})`,
  )
  if (load.regions.length > 1) {
    const same = groupBy(load.regions, (r) => `${formatNumber(r.userShare * 100)}|${formatRate(r.peakRps)}`)
    for (const group of same) {
      const [first] = group
      const each = group.length > 1 ? ' each' : ''
      para(
        `${formatNumber(first!.userShare * 100)}% of users${each} (${formatCount(first!.users)} daily), ` +
          `peak ${formatRate(first!.peakRps)} req/s${each}`,
        `  ${listing(group.map((r) => r.region))}: `,
      )
    }
  }

  heading('Why this stage')
  if (rec.reasons.length === 0) {
    para('one server carries the peak load and the data, and the availability target needs no redundancy')
  }

  for (const stage of [...new Set(rec.reasons.map((r) => r.stage))].sort((a, b) => a - b)) {
    const reasons = rec.reasons.filter((r) => r.stage === stage)
    // A threshold measured by `scaleplan calibrate` says so after the reasons that use it.
    const suffix = (reason: (typeof reasons)[number]) => {
      const measured = rec.assumptions.find((a) => a.name === reason.thresholdName)?.measured
      return measured ? style.dim(` (${reason.thresholdName} ${measuredLabel(measured)})`) : ''
    }
    for (const group of groupBy(reasons, suffix)) {
      for (const message of groupRegionSentences(
        group.map((r) => r.message),
        regionNames,
      ))
        para(message + suffix(group[0]!), `  ${style.green(`stage ${stage}`)}  `)
    }
  }

  const measured = rec.assumptions.filter((a) => a.measured)
  if (measured.length > 0) {
    heading('Measured thresholds (scaleplan calibrate)')
    for (const a of measured)
      para(`${a.name} ${formatNumber(a.value as number)} ${a.unit}: ${measuredSource(a.measured!)}`)
  }

  // Regions with the same components share one table.
  for (const group of groupBy(rec.topology.regions, (region) => JSON.stringify(componentRows(region)))) {
    const role = (region: RegionTopology) => (isPrimaryRegion(rec.topology, region) ? 'primary' : 'replica region')
    const [first] = group
    const roles = [...new Set(group.map(role))]
    const share = `${formatNumber(first!.userShare * 100)}% of users${group.length > 1 ? ' each' : ''}`
    const allSame = group.every((r) => r.userShare === first!.userShare)
    heading(
      `Components in ${listing(group.map((r) => r.region))} ` +
        `(${roles.length === 1 ? (group.length > 1 ? `${roles[0]}s` : roles[0]) : roles.join(' and ')}` +
        `${allSame ? `, ${share}` : ''})`,
    )
    out.push(...tableParas([['component', 'count', 'size', 'detail'], ...componentRows(first!)]))
  }

  for (const group of groupBy(rec.cache, (c) => JSON.stringify({...c, region: ''}))) {
    const cache = group[0]!
    heading(`Cache by the 80/20 rule (${group.length > 1 ? 'each of ' : ''}${listing(group.map((c) => c.region))})`)
    para(
      `reads: ${formatRate(cache.readQps)} queries/s x ${cache.hitRatio} hit ratio = ${formatRate(cache.servedQps)}/s ` +
        `from the cache, ${formatRate(cache.missQps)}/s reach the database`,
    )
    para(
      `working set: ${formatRate(cache.dataGiB)} GiB x ${cache.hotSet} hot set = ${formatRate(cache.hotSetGiB)} GiB ` +
        `to hold; ${cache.nodeType} holds ${formatRate(cache.usableGiBPerNode)} GiB usable and serves ` +
        `${formatRate(cache.opsPerNode)} ops/s`,
    )
    para(
      `${formatRate(cache.opsPerSecond)} ops/s and ${formatRate(cache.hotSetGiB)} GiB -> ` +
        `${plural(cache.shards, 'shard')}, each with a replica`,
    )
  }

  // What serves users before any region does (the distribution, the domain), then why.
  heading('Edge')
  const edge = describeEdge(rec.topology)
  if (edge !== undefined) para(edge)
  para(edgeSummary(rec.edge))

  const {availability} = rec
  heading('Availability')
  para(
    `${formatPercent(availability.percent)} from the AWS SLAs of the plan's parts, against a ${availability.targetPercent}% target` +
      (availability.meetsTarget ? ': met' : style.yellow(': missed (see warnings)')),
  )

  heading(`Monthly cost: ${style.bold(formatUsd(rec.cost.monthlyUsd))}`)
  out.push({
    prefix: '  ',
    body: style.dim(
      `on-demand list prices as of ${rec.cost.pricesAsOf}` +
        `${rec.cost.includesEstimates ? ', some of them estimates (see --json assumptions)' : ''}`,
    ),
  })
  for (const region of rec.cost.regions) {
    para(
      `${region.region}: ${formatUsd(region.monthlyUsd)}${region.factor === 1 ? '' : ` (x${region.factor} regional prices)`}`,
    )
    out.push(
      ...tableParas(
        region.lines.map((line) => costRow(line)),
        '    ',
      ),
    )
  }

  heading('What triggers the next stage')
  if (rec.next.length === 0) para('nothing: this is the last stage')
  for (const next of rec.next) {
    const at = next.atUsers === null ? 'not by users alone' : `at ${formatCount(next.atUsers)} daily users`
    const because = groupRegionSentences(next.because.split('; '), regionNames).join('; ')
    para(because, `  stage ${next.stage} (${next.name}) ${at}: `)
  }

  if (rec.warnings.length > 0) {
    heading(style.yellow('Warnings'))
    for (const warning of rec.warnings) para(warning, `  ${style.yellow('!')} `)
  }

  return out.flatMap((line) => (typeof line === 'string' ? [line] : wrap(line))).join('\n')
}

/** A region's component rows, without the header. */
function componentRows(region: RegionTopology): string[][] {
  return region.components.map((c) => componentRow(c, region))
}

/** The CDN decision in a sentence, with both costs it compared. Shared with the Markdown report. */
export function edgeSummary(edge: Recommendation['edge']): string {
  const costs = `CloudFront ${formatUsd(edge.cdnUsd)} a month by its volume tiers, serving from the region ${formatUsd(edge.directUsd)}`
  if (edge.why === 'latency') {
    const both = `${formatUsd(edge.cdnUsd)} a month by its volume tiers, serving from the regions ${formatUsd(edge.directUsd)}`
    return `CDN for latency, users in several regions (one CloudFront distribution for all of them ${both})`
  }
  if (edge.why === 'cost') return `CDN, as it costs no more (${costs})`
  const from = edge.cdnFromUsers === null ? 'not by users alone' : `from ${formatCount(edge.cdnFromUsers)} daily users`
  return `no CDN: ${costs}; a CDN pays off ${from}, or for latency with users in several regions`
}

/** One row of a components table: label, count, size, detail. Shared with the Markdown report. */
export function componentRow(c: Component, region: RegionTopology): string[] {
  const [count, size] = [formatCount(unitCount(c)), sizeLabel(c, region)]
  switch (c.kind) {
    case 'network':
      return [
        'network',
        count,
        size,
        c.natGateways > 0
          ? `public and private subnets, ${plural(c.natGateways, 'NAT gateway')}`
          : 'public subnets, no NAT gateway',
      ]
    case 'server':
      return ['server', count, size, `app and database on one machine, ${formatCount(c.volumeGiB)} GiB volume`]
    case 'app-servers':
      return [
        'app servers',
        count,
        size,
        c.maxCount > c.minCount ? `auto scaling ${c.minCount}-${c.maxCount}` : 'one instance',
      ]
    case 'static-site':
      return ['static site', count, size, 'front-end files']
    case 'load-balancer':
      return ['load balancer', count, size, `across ${plural(region.zones, 'zone')}`]
    case 'cache':
      return [
        'cache',
        count,
        size,
        `${c.engine}, ${plural(c.shards, 'shard')} x (1 + ${plural(c.replicasPerShard, 'replica')}), ` +
          `hot set ${formatRate(c.hotDataGiB)} GiB`,
      ]
    case 'database': {
      const detail =
        c.role === 'primary'
          ? `postgres, ${plural(c.shards, 'shard')}${c.multiAz ? ' Multi-AZ' : ''}, ` +
            (c.replicasPerShard > 0
              ? `${plural(c.replicasPerShard, 'read replica')} each (${c.replicaInstanceClass})`
              : 'no read replicas')
          : `postgres, cross-region replicas: ${c.replicasPerShard} per shard x ${plural(c.shards, 'shard')}`
      return ['database', count, size, `${detail}, ${formatCount(c.storageGiB)} GiB each`]
    }

    case 'service':
      return [`service ${c.name}`, count, size, `${c.path}, ${c.minTasks}-${c.maxTasks} tasks`]
  }
}

function costRow(line: CostLine): string[] {
  return [line.name ? `${line.component} ${line.name}` : line.component, formatUsd(line.monthlyUsd), line.detail]
}
