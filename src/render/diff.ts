/**
 * What a spec change does to the architecture and the bill: stage change, components added,
 * removed or resized per region, and the cost delta, as data (`--json`) and as Markdown.
 *
 * Components are matched within a region by kind (and service name), the same identity the
 * infrastructure gives them, so "resized" means the same resource with new settings.
 */
import type {Recommendation} from '../cost/recommend.js'
import {SPEC_KEYS, fieldMeta, type Spec} from '../spec/schema.js'
import type {CostLine} from '../cost/estimate.js'
import type {Component, RegionTopology, StageName, StageNumber, Topology} from '../topology/types.js'

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

/** An input (a spec field, or a threshold it overrides) whose value differs. */
export interface InputChange {
  readonly name: string
  readonly base: Value | null
  readonly head: Value | null
  readonly unit: string
}

export interface RegionCostChange {
  readonly region: string
  /** null when the region is not in that spec. */
  readonly baseUsd: number | null
  readonly headUsd: number | null
  readonly deltaUsd: number
}

export interface RecommendationDiff {
  /** Bumped on any breaking change to this shape. */
  readonly schemaVersion: 3
  /** True when topology and cost are identical: nothing to review. */
  readonly equal: boolean
  /** The inputs that differ, in the order the spec declares them: why anything else changed. */
  readonly inputs: readonly InputChange[]
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
    /** Per region, head's regions first, then removed ones. */
    readonly regions: readonly RegionCostChange[]
    readonly lines: readonly CostLineChange[]
  }
}

/**
 * What changed between two recommendations, as data (`diff --json`); diff-markdown.ts renders it.
 * With the two specs, the inputs that changed include those the recommendation does not restate
 * (regions, services, the project name).
 */
export function diffRecommendations(
  base: Recommendation,
  head: Recommendation,
  specs?: {readonly base: Spec; readonly head: Spec},
): RecommendationDiff {
  const fields = changedFields(topologySettings(base.topology), topologySettings(head.topology))
  const regions = diffRegions(base.topology.regions, head.topology.regions)
  const lines = diffCostLines(base, head)
  const deltaUsd = cents(head.cost.monthlyUsd - base.cost.monthlyUsd)
  const stageChanged = base.stage.number !== head.stage.number
  return {
    schemaVersion: 3,
    equal: !stageChanged && fields.length === 0 && regions.length === 0 && lines.length === 0 && deltaUsd === 0,
    inputs: diffInputs(base, head, specs),
    stage: {
      base: base.stage.number,
      head: head.stage.number,
      baseName: base.stage.name,
      headName: head.stage.name,
      changed: stageChanged,
    },
    fields,
    regions,
    cost: {
      baseMonthlyUsd: base.cost.monthlyUsd,
      headMonthlyUsd: head.cost.monthlyUsd,
      deltaUsd,
      regions: diffRegionCosts(base, head),
      lines,
    },
  }
}

/**
 * Inputs whose value differs: spec fields in their declared order (as the recommendation states
 * them where it does, so they read as written), then the thresholds the recommendation used.
 */
function diffInputs(
  base: Recommendation,
  head: Recommendation,
  specs?: {readonly base: Spec; readonly head: Spec},
): InputChange[] {
  const stated = (rec: Recommendation, name: string) => rec.assumptions.find((a) => a.name === name)
  const fromSpecs = (specs ? SPEC_KEYS.filter((key) => key !== 'thresholds') : []).flatMap((key): InputChange[] => {
    const [b, h] = [specs!.base[key], specs!.head[key]]
    if (JSON.stringify(b) === JSON.stringify(h)) return []
    const [sb, sh] = [stated(base, key), stated(head, key)]
    if (sb && sh) return [{name: key, base: sb.value, head: sh.value, unit: sh.unit}]
    return [{name: key, base: inputValue(b), head: inputValue(h), unit: fieldMeta(key).unit ?? ''}]
  })
  const seen = new Set(fromSpecs.map((input) => input.name))
  const names = [...new Set([...head.assumptions, ...base.assumptions].map((a) => a.name))]
  const fromAssumptions = names.flatMap((name): InputChange[] => {
    const [b, h] = [stated(base, name), stated(head, name)]
    if (name === 'prices' || seen.has(name) || JSON.stringify(b?.value) === JSON.stringify(h?.value)) return []
    return [{name, base: b?.value ?? null, head: h?.value ?? null, unit: (h ?? b)!.unit}]
  })
  return [...fromSpecs, ...fromAssumptions]
}

/** A spec value the recommendation does not restate, as text: lists comma-separated, shares in percent. */
function inputValue(value: unknown): Value | null {
  if (value === undefined || value === null) return null
  if (Array.isArray(value))
    return value
      .map((item) => (typeof item === 'number' ? `${Math.round(item * 1000) / 10}%` : String(item)))
      .join(', ')
  return typeof value === 'object' ? JSON.stringify(value) : (value as Value)
}

function diffRegionCosts(base: Recommendation, head: Recommendation): RegionCostChange[] {
  const regions = [...new Set([...head.cost.regions, ...base.cost.regions].map((r) => r.region))]
  return regions.map((region) => {
    const b = base.cost.regions.find((r) => r.region === region)?.monthlyUsd ?? null
    const h = head.cost.regions.find((r) => r.region === region)?.monthlyUsd ?? null
    return {region, baseUsd: b, headUsd: h, deltaUsd: cents((h ?? 0) - (b ?? 0))}
  })
}

function topologySettings(t: Topology): Record<string, Value> {
  return {
    name: t.name,
    availabilityPercent: t.availabilityPercent,
    primaryRegion: t.primaryRegion,
    cdn: t.edge.cdn,
    domain: t.edge.domain?.name ?? 'none',
  }
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

const cents = (value: number) => Math.round(value * 100) / 100
