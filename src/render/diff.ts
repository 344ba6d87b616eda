/**
 * What a spec change does to the architecture and the bill: stage change, components added,
 * removed or resized per region, and the cost delta, as data (`--json`) and as Markdown.
 *
 * Components are matched within a region by kind (and service name), the same identity the
 * infrastructure gives them, so "resized" means the same resource with new settings.
 */
import type {Recommendation} from '../cost/recommend.js'
import type {CostLine} from '../cost/estimate.js'
import {formatNumber, formatUsd} from '../format/numbers.js'
import {sizeLabel, unitCount} from '../topology/derived.js'
import type {Component, RegionTopology, StageName, StageNumber, Topology} from '../topology/types.js'
import {markdownTable} from './markdown-table.js'

type Value = string | number | boolean

export interface FieldChange {
  readonly field: string
  readonly base: Value
  readonly head: Value
}

export interface ComponentChange {
  readonly change: 'added' | 'removed' | 'resized'
  readonly kind: Component['kind']
  /** Service name for `service` components. */
  readonly name?: string
  /** Resized only: every field whose value differs. */
  readonly fields: readonly FieldChange[]
  readonly base?: Component
  readonly head?: Component
}

export interface RegionChange {
  readonly region: string
  readonly change: 'added' | 'removed' | 'changed'
  /** Zones the region spans: the head's, or the base's for a removed region. */
  readonly zones: number
  /** Region-level settings that differ (zones, user share). */
  readonly fields: readonly FieldChange[]
  readonly components: readonly ComponentChange[]
}

export interface CostLineChange {
  readonly region: string
  readonly component: CostLine['component']
  readonly name?: string
  readonly baseUsd: number
  readonly headUsd: number
  readonly deltaUsd: number
}

export interface RecommendationDiff {
  /** Bumped on any breaking change to this shape. */
  readonly schemaVersion: 2
  /** True when topology and cost are identical: nothing to review. */
  readonly equal: boolean
  readonly stage: {
    readonly base: StageNumber
    readonly head: StageNumber
    readonly baseName: StageName
    readonly headName: StageName
    readonly changed: boolean
  }
  /** Topology-wide settings that differ (name, availability, primary region). */
  readonly fields: readonly FieldChange[]
  readonly regions: readonly RegionChange[]
  readonly cost: {
    readonly baseMonthlyUsd: number
    readonly headMonthlyUsd: number
    readonly deltaUsd: number
    readonly lines: readonly CostLineChange[]
  }
}

export function diffRecommendations(base: Recommendation, head: Recommendation): RecommendationDiff {
  const fields = changedFields(topologySettings(base.topology), topologySettings(head.topology))
  const regions = diffRegions(base.topology.regions, head.topology.regions)
  const lines = diffCostLines(base, head)
  const deltaUsd = cents(head.cost.monthlyUsd - base.cost.monthlyUsd)
  const stageChanged = base.stage.number !== head.stage.number
  return {
    schemaVersion: 2,
    equal: !stageChanged && fields.length === 0 && regions.length === 0 && lines.length === 0 && deltaUsd === 0,
    stage: {
      base: base.stage.number,
      head: head.stage.number,
      baseName: base.stage.name,
      headName: head.stage.name,
      changed: stageChanged,
    },
    fields,
    regions,
    cost: {baseMonthlyUsd: base.cost.monthlyUsd, headMonthlyUsd: head.cost.monthlyUsd, deltaUsd, lines},
  }
}

function topologySettings(t: Topology): Record<string, Value> {
  return {name: t.name, availabilityPercent: t.availabilityPercent, primaryRegion: t.primaryRegion}
}

function regionSettings(r: RegionTopology): Record<string, Value> {
  return {userShare: r.userShare, zones: r.zones}
}

/** Regions in head order, then removed ones in base order: the order a reader meets them. */
function diffRegions(base: readonly RegionTopology[], head: readonly RegionTopology[]): RegionChange[] {
  const changes: RegionChange[] = []
  for (const h of head) {
    const b = base.find((r) => r.region === h.region)
    if (!b) {
      changes.push({
        region: h.region,
        change: 'added',
        zones: h.zones,
        fields: [],
        components: h.components.map((c) => added(c)),
      })
      continue
    }

    const fields = changedFields(regionSettings(b), regionSettings(h))
    const components = diffComponents(b.components, h.components)
    if (fields.length > 0 || components.length > 0)
      changes.push({region: h.region, change: 'changed', zones: h.zones, fields, components})
  }

  for (const b of base) {
    if (!head.some((r) => r.region === b.region)) {
      changes.push({
        region: b.region,
        change: 'removed',
        zones: b.zones,
        fields: [],
        components: b.components.map((c) => removed(c)),
      })
    }
  }

  return changes
}

/**
 * What makes two components the same resource. A database that changes role (the primary region
 * moved) is another set of instances, so it shows as removed and added, not resized.
 */
const identity = (c: Component) =>
  c.kind === 'service' ? `service:${c.name}` : c.kind === 'database' ? `database:${c.role}` : c.kind
const nameOf = (c: Component) => (c.kind === 'service' ? {name: c.name} : {})
const added = (c: Component): ComponentChange => ({change: 'added', kind: c.kind, ...nameOf(c), fields: [], head: c})
const removed = (c: Component): ComponentChange => ({
  change: 'removed',
  kind: c.kind,
  ...nameOf(c),
  fields: [],
  base: c,
})

function diffComponents(base: readonly Component[], head: readonly Component[]): ComponentChange[] {
  const changes: ComponentChange[] = []
  for (const h of head) {
    const b = base.find((c) => identity(c) === identity(h))
    if (!b) {
      changes.push(added(h))
      continue
    }

    const fields = changedFields(b as unknown as Record<string, Value>, h as unknown as Record<string, Value>)
    if (fields.length > 0) changes.push({change: 'resized', kind: h.kind, ...nameOf(h), fields, base: b, head: h})
  }

  for (const b of base) if (!head.some((c) => identity(c) === identity(b))) changes.push(removed(b))
  return changes
}

/** Fields of two flat records that differ, in the order the head declares them. */
function changedFields(base: Record<string, Value>, head: Record<string, Value>): FieldChange[] {
  const keys = [...new Set([...Object.keys(head), ...Object.keys(base)])].filter((key) => key !== 'kind')
  return keys.filter((key) => base[key] !== head[key]).map((field) => ({field, base: base[field]!, head: head[field]!}))
}

function diffCostLines(base: Recommendation, head: Recommendation): CostLineChange[] {
  type Keyed = {region: string; line: CostLine}
  const flatten = (rec: Recommendation): Keyed[] =>
    rec.cost.regions.flatMap((r) => r.lines.map((line) => ({region: r.region, line})))
  const key = ({region, line}: Keyed) => `${region}/${line.component}/${line.name ?? ''}`
  const baseLines = new Map(flatten(base).map((k) => [key(k), k]))
  const headLines = new Map(flatten(head).map((k) => [key(k), k]))
  const keys = [...new Set([...headLines.keys(), ...baseLines.keys()])]
  return keys.flatMap((k): CostLineChange[] => {
    const b = baseLines.get(k)
    const h = headLines.get(k)
    const {region, line} = (h ?? b)!
    const baseUsd = b?.line.monthlyUsd ?? 0
    const headUsd = h?.line.monthlyUsd ?? 0
    if (b && h && baseUsd === headUsd) return []
    return [
      {
        region,
        component: line.component,
        ...(line.name ? {name: line.name} : {}),
        baseUsd,
        headUsd,
        deltaUsd: cents(headUsd - baseUsd),
      },
    ]
  })
}

/** The diff as Markdown for a pull-request comment. */
export function renderDiffMarkdown(diff: RecommendationDiff, labels: {base: string; head: string}): string {
  const out: string[] = [`## scaleplan diff: ${labels.base} -> ${labels.head}`, '']
  if (diff.equal) {
    out.push('No change: the same topology at the same cost.')
    return `${out.join('\n')}\n`
  }

  const {stage, cost} = diff
  out.push(
    stage.changed
      ? `- **Stage ${stage.base} (${stage.baseName}) -> ${stage.head} (${stage.headName})**`
      : `- Stage unchanged: ${stage.head} (${stage.headName})`,
    `- Monthly cost: ${formatUsd(cost.baseMonthlyUsd)} -> ${formatUsd(cost.headMonthlyUsd)} ` +
      `(**${signedUsd(cost.deltaUsd)}**${percent(cost.baseMonthlyUsd, cost.deltaUsd)})`,
  )
  for (const field of diff.fields) out.push(`- \`${field.field}\`: ${show(field.base)} -> ${show(field.head)}`)

  for (const region of diff.regions) {
    out.push('', `### ${region.region}${region.change === 'changed' ? '' : ` (region ${region.change})`}`, '')
    for (const field of region.fields) out.push(`- \`${field.field}\`: ${show(field.base)} -> ${show(field.head)}`)
    if (region.fields.length > 0 && region.components.length > 0) out.push('')
    if (region.components.length === 0) continue
    const rows = region.components.map((c) => [
      c.change,
      c.name ? `${c.kind} ${c.name}` : c.kind,
      c.change === 'added'
        ? summary(c.head!, region)
        : c.change === 'removed'
          ? summary(c.base!, region)
          : c.fields.map((f) => `${f.field}: ${show(f.base)} -> ${show(f.head)}`).join('; '),
    ])
    out.push(...markdownTable(['change', 'component', 'detail'], rows))
  }

  if (cost.lines.length > 0) {
    out.push('', '### Cost by component', '')
    const rows = cost.lines.map((line) => [
      line.region,
      line.name ? `${line.component} ${line.name}` : line.component,
      formatUsd(line.baseUsd),
      formatUsd(line.headUsd),
      signedUsd(line.deltaUsd),
    ])
    out.push(...markdownTable(['region', 'component', 'base', 'head', 'delta'], rows))
  }

  return `${out.join('\n')}\n`
}

function summary(c: Component, region: Pick<RegionTopology, 'zones'>): string {
  const count = unitCount(c)
  return count === 1 ? sizeLabel(c, region) : `${count} x ${sizeLabel(c, region)}`
}

function show(value: Value): string {
  return typeof value === 'number' ? formatNumber(value, 3) : String(value)
}

const cents = (value: number) => Math.round(value * 100) / 100

function signedUsd(value: number): string {
  return `${value < 0 ? '-' : '+'}${formatUsd(Math.abs(value))}`
}

function percent(base: number, delta: number): string {
  if (base === 0 || delta === 0) return ''
  const pct = (delta / base) * 100
  return `, ${pct > 0 ? '+' : ''}${formatNumber(pct, 1)}%`
}
