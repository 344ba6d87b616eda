/**
 * The recommendation as terminal text. Pure: styling comes in as a chalk instance, so the
 * caller decides colour (NO_COLOR, --no-color, not a TTY) and tests render without it.
 */
import type {ChalkInstance} from 'chalk'

import type {Recommendation} from '../cost/recommend.js'
import type {CostLine} from '../cost/estimate.js'
import {formatPercent} from '../capacity/availability.js'
import {formatNumber, formatUsd} from '../format/numbers.js'
import {measuredLabel, measuredSource} from '../spec/measured.js'
import {sizeLabel, unitCount} from '../topology/derived.js'
import {isPrimaryRegion, type Component, type RegionTopology} from '../topology/types.js'

export function renderText(rec: Recommendation, style: ChalkInstance): string {
  const out: string[] = []
  const heading = (text: string) => out.push('', style.bold(text))
  const n = (value: number) => formatNumber(value)

  out.push(
    `${style.bold(rec.name)}: ${style.bold.cyan(`stage ${rec.stage.number} of 7, ${rec.stage.title}`)} (${rec.stage.name})`,
  )

  const {load} = rec
  const rw = rec.assumptions.find((a) => a.name === 'readWrite')?.value
  heading('Load')
  out.push(
    `  average ${n(load.avgRps)} req/s, peak ${n(load.peakRps)} req/s: ${n(load.readRps)} reads/s and ${n(load.writeRps)} writes/s (${rw})`,
  )
  if (load.regions.length > 1) {
    for (const region of load.regions) {
      out.push(`  ${region.region}: ${n(region.userShare * 100)}% of users, peak ${n(region.peakRps)} req/s`)
    }
  }

  heading('Why this stage')
  if (rec.reasons.length === 0) {
    out.push('  one server carries the peak load and the data, and the availability target needs no redundancy')
  }

  for (const reason of [...rec.reasons].sort((a, b) => a.stage - b.stage)) {
    const measured = rec.assumptions.find((a) => a.name === reason.thresholdName)?.measured
    out.push(
      `  ${style.green(`stage ${reason.stage}`)}  ${reason.message}${measured ? style.dim(` (${reason.thresholdName} ${measuredLabel(measured)})`) : ''}`,
    )
  }

  const measured = rec.assumptions.filter((a) => a.measured)
  if (measured.length > 0) {
    heading('Measured thresholds (scaleplan calibrate)')
    for (const a of measured) out.push(`  ${a.name} ${n(a.value as number)} ${a.unit}: ${measuredSource(a.measured!)}`)
  }

  for (const region of rec.topology.regions) {
    const role = isPrimaryRegion(rec.topology, region) ? 'primary' : 'replica region'
    heading(`Components in ${region.region} (${role}, ${n(region.userShare * 100)}% of users)`)
    out.push(
      ...table(
        ['component', 'count', 'size', 'detail'],
        region.components.map((c) => componentRow(c, region)),
      ).map((l) => `  ${l}`),
    )
  }

  for (const cache of rec.cache) {
    heading(`Cache by the 80/20 rule (${cache.region})`)
    out.push(
      `  reads: ${n(cache.readQps)} queries/s x ${cache.hitRatio} hit ratio = ${n(cache.servedQps)}/s from the cache, ` +
        `${n(cache.missQps)}/s reach the database`,
      `  working set: ${n(cache.dataGiB)} GiB x ${cache.hotSet} hot set = ${n(cache.hotSetGiB)} GiB to hold; ` +
        `${cache.nodeType} holds ${n(cache.usableGiBPerNode)} GiB usable and serves ${n(cache.opsPerNode)} ops/s`,
      `  ${n(cache.opsPerSecond)} ops/s and ${n(cache.hotSetGiB)} GiB -> ${cache.shards} shard(s), each with a replica`,
    )
  }

  const {edge} = rec
  heading('Edge')
  out.push(`  ${edgeSummary(edge)}`)

  const {availability} = rec
  heading('Availability')
  out.push(
    `  ${formatPercent(availability.percent)} from the AWS SLAs of the plan's parts, against a ${availability.targetPercent}% target` +
      (availability.meetsTarget ? ': met' : style.yellow(': missed (see warnings)')),
  )

  heading(`Monthly cost: ${style.bold(formatUsd(rec.cost.monthlyUsd))}`)
  out.push(
    style.dim(
      `  on-demand list prices as of ${rec.cost.pricesAsOf}` +
        `${rec.cost.includesEstimates ? ', some of them estimates (see --json assumptions)' : ''}`,
    ),
  )
  for (const region of rec.cost.regions) {
    out.push(
      `  ${region.region}: ${formatUsd(region.monthlyUsd)}${region.factor === 1 ? '' : ` (x${region.factor} regional prices)`}`,
    )
    out.push(
      ...table(
        ['', '', ''],
        region.lines.map((line) => costRow(line)),
      )
        .slice(1)
        .map((l) => `    ${l}`),
    )
  }

  heading('What triggers the next stage')
  if (rec.next.length === 0) out.push('  nothing: this is the last stage')
  for (const next of rec.next) {
    const at = next.atUsers === null ? 'not by users alone' : `at ${n(next.atUsers)} daily users`
    out.push(`  stage ${next.stage} (${next.name}) ${at}: ${next.because}`)
  }

  if (rec.warnings.length > 0) {
    heading(style.yellow('Warnings'))
    for (const warning of rec.warnings) out.push(`  ${style.yellow('!')} ${warning}`)
  }

  return out.join('\n')
}

/** The CDN decision in a sentence, with both costs it compared. Shared with the Markdown report. */
export function edgeSummary(edge: Recommendation['edge']): string {
  const costs = `CloudFront ${formatUsd(edge.cdnUsd)} a month by its volume tiers, serving from the region ${formatUsd(edge.directUsd)}`
  if (edge.why === 'latency') return `CDN for latency, users in several regions (${costs})`
  if (edge.why === 'cost') return `CDN, as it costs no more (${costs})`
  const from = edge.cdnFromUsers === null ? 'not by users alone' : `from ${formatNumber(edge.cdnFromUsers)} daily users`
  return `no CDN: ${costs}; a CDN pays off ${from}, or for latency with users in several regions`
}

/** One row of a components table: label, count, size, detail. Shared with the Markdown report. */
export function componentRow(c: Component, region: RegionTopology): string[] {
  const [count, size] = [String(unitCount(c)), sizeLabel(c, region)]
  switch (c.kind) {
    case 'network':
      return [
        'network',
        count,
        size,
        c.natGateways > 0
          ? `public and private subnets, ${c.natGateways} NAT gateway(s)`
          : 'public subnets, no NAT gateway',
      ]
    case 'server':
      return ['server', count, size, `app and database on one machine, ${c.volumeGiB} GiB volume`]
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
      return ['load balancer', count, size, `across ${region.zones} zones`]
    case 'cdn':
      return ['CDN', count, size, 'static files cached at the edge; dynamic paths to the ALB']
    case 'cache':
      return [
        'cache',
        count,
        size,
        `${c.engine}, ${c.shards} shard(s) x (1 + ${c.replicasPerShard} replica), hot set ${c.hotDataGiB} GiB`,
      ]
    case 'database': {
      const detail =
        c.role === 'primary'
          ? `postgres, ${c.shards} shard(s)${c.multiAz ? ' Multi-AZ' : ''}, ` +
            `${c.replicasPerShard} replica(s) each (${c.replicaInstanceClass})`
          : `postgres, cross-region replicas: ${c.replicasPerShard} per shard x ${c.shards} shard(s)`
      return ['database', count, size, `${detail}, ${c.storageGiB} GiB each`]
    }

    case 'service':
      return [`service ${c.name}`, count, size, `${c.path}, ${c.minTasks}-${c.maxTasks} tasks`]
  }
}

function costRow(line: CostLine): string[] {
  return [line.name ? `${line.component} ${line.name}` : line.component, formatUsd(line.monthlyUsd), line.detail]
}

/** Left-aligned columns; the header row is kept so callers can drop it. */
function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)))
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd()
  return [line(header), ...rows.map(line)]
}
