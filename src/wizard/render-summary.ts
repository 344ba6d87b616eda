/**
 * The short recommendation the wizard prints after its questions: stage, components, monthly
 * cost and the next trigger. `scaleplan recommend --spec FILE` prints the full reasoning; this
 * is what fits on one screen under the answers. Pure, like `render/text.ts`.
 */
import type {Recommendation} from '../cost/recommend.js'
import {groupRegionSentences} from '../format/group.js'
import {formatCount, formatNumber, formatUsd} from '../format/numbers.js'
import type {TextStyle} from '../format/style.js'
import {describeEdge, sizeLabel, unitCount} from '../topology/derived.js'
import {isPrimaryRegion, type Component, type RegionTopology} from '../topology/types.js'

export function renderSummary(rec: Recommendation, style: TextStyle): string {
  const out: string[] = [
    '',
    `${style.bold(rec.name)}: ${style.bold.cyan(`stage ${rec.stage.number} of 7, ${rec.stage.title}`)} (${rec.stage.name})`,
  ]

  const topReasons = rec.reasons.filter((r) => r.stage === rec.stage.number)
  const regions = rec.topology.regions.map((r) => r.region)
  for (const message of groupRegionSentences(
    topReasons.map((r) => r.message),
    regions,
  ))
    out.push(`  because ${message}`)
  if (rec.reasons.length === 0) out.push('  one server carries the peak load and the data')

  out.push('', style.bold('Components'))
  for (const region of rec.topology.regions) {
    const role = isPrimaryRegion(rec.topology, region) ? 'primary' : 'replica region'
    const share = rec.topology.regions.length > 1 ? `, ${formatNumber(region.userShare * 100)}% of users` : ''
    out.push(
      `  ${region.region} (${role}${share}): ${region.components.map((c) => componentLabel(c, region)).join(', ')}`,
    )
  }

  const edge = describeEdge(rec.topology)
  if (edge !== undefined) out.push(`  edge: ${edge}`)

  out.push(
    '',
    `${style.bold('Monthly cost:')} ${formatUsd(rec.cost.monthlyUsd)} ${style.dim(`(on-demand list prices as of ${rec.cost.pricesAsOf})`)}`,
  )

  const next = rec.next[0]
  out.push('', style.bold('Next stage'))
  if (!next) {
    out.push('  none: this is the last stage')
  } else {
    const at = next.atUsers === null ? 'not by users alone' : `at ${formatCount(next.atUsers)} daily users`
    const regions = rec.topology.regions.map((r) => r.region)
    out.push(
      `  stage ${next.stage} (${next.name}) ${at}: ${groupRegionSentences(next.because.split('; '), regions).join('; ')}`,
    )
  }

  for (const warning of rec.warnings) out.push(`  ${style.yellow('!')} ${warning}`)
  return out.join('\n')
}

function componentLabel(c: Component, region: RegionTopology): string {
  const [count, size] = [unitCount(c), sizeLabel(c, region)]
  switch (c.kind) {
    case 'network':
      return 'network'
    case 'server':
      return `1 server ${size}`
    case 'app-servers':
      return `${count} app server${count === 1 ? '' : 's'} ${size}`
    case 'static-site':
      return 'static site'
    case 'load-balancer':
      return 'load balancer'
    case 'cache':
      return `cache ${count} x ${size}`
    case 'database':
      return `database ${count} x ${size}${c.role === 'replica' ? ' (replicas)' : ''}`
    case 'service':
      return `service ${c.name} ${count} x ${size}`
  }
}
