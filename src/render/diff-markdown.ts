/**
 * A spec change as the pull-request comment people want to read, in the order they ask:
 *
 * 1. one headline: the stage, the monthly cost and its change, what changed in the spec;
 * 2. why: the inputs that changed, previous -> new;
 * 3. cost per region, previous / new / change, and the total;
 * 4. what Terraform would do per stack (with a plan), resources that hold data called out;
 * 5. room for what other analyses add (stage odds, cost ranges: `sections`);
 * 6. the details, collapsed: component by component, cost line by line, every resource.
 *
 * Pure: the same diff gives the same bytes. Text that came from a spec is escaped
 * (markdown-text.ts), so a name cannot open an HTML comment, mention anyone or break a table.
 */
import {formatNumber, formatUsd} from '../format/numbers.js'
import {plural} from '../format/words.js'
import {sizeLabel, unitCount} from '../topology/derived.js'
import type {Component, RegionTopology} from '../topology/types.js'
import type {ComponentChange, FieldChange, InputChange, RecommendationDiff} from './diff.js'
import {markdownTable} from './markdown-table.js'
import {mdCode, mdText} from './markdown-text.js'

/** What Terraform's plan of the head says, per stack: the shape `plan --json` reports, flattened. */
export interface PlanOverview {
  readonly stacks: readonly {
    readonly name: string
    readonly status: string
    readonly error?: string
    readonly create: number
    readonly update: number
    readonly replace: number
    readonly destroy: number
  }[]
  /** Every resource that changes, in plan order. */
  readonly resources: readonly {
    readonly stack: string
    readonly action: string
    readonly address: string
    /** It holds data that this action deletes. */
    readonly dataLoss: boolean
  }[]
}

/** A section another analysis adds after the cost (stage odds, P10/P50/P90 cost, ...). */
export interface DiffSection {
  readonly title: string
  readonly markdown: string
  /** Collapsed under <details> with the rest of the detail, or open after the cost. */
  readonly collapsed?: boolean
}

export interface DiffMarkdownOptions {
  readonly plan?: PlanOverview
  readonly sections?: readonly DiffSection[]
}

/** The diff as Markdown for a pull-request comment; `labels` name the two specs. */
export function renderDiffMarkdown(
  diff: RecommendationDiff,
  labels: {base: string; head: string},
  {plan, sections = []}: DiffMarkdownOptions = {},
): string {
  const out: string[] = [`### ${headline(diff)}`, '']
  if (diff.inputs.length > 0) out.push(`**Inputs changed:** ${diff.inputs.map(inputChange).join('; ')}.`, '')
  if (diff.equal) {
    out.push('The same topology at the same cost: nothing to review in the infrastructure.', '')
    // What other analyses found can still have moved (the P90 cost of a range that widened).
    for (const section of sections) out.push(`#### ${section.title}`, '', section.markdown.trim(), '')
    out.push(footer(labels))
    return `${out.join('\n')}\n`
  }

  for (const field of diff.fields) out.push(`- ${fieldLabel(field.field)}: ${fieldChange(field)}`)
  if (diff.fields.length > 0) out.push('')
  out.push(...costTable(diff), '')
  if (plan) out.push(...planTable(plan), '')
  for (const section of sections.filter((s) => !s.collapsed))
    out.push(`#### ${section.title}`, '', section.markdown.trim(), '')

  const regions = diff.regions.filter((r) => r.components.length > 0 || r.fields.length > 0)
  const changed = regions.reduce((sum, r) => sum + r.components.length, 0)
  if (regions.length > 0) out.push(...details(`Components: ${plural(changed, 'change')}`, componentTables(diff)), '')
  if (diff.cost.lines.length > 0)
    out.push(...details(`Cost by component: ${plural(diff.cost.lines.length, 'line')}`, costLines(diff)), '')
  if (plan && plan.resources.length > 0)
    out.push(...details(`Terraform: ${plural(plan.resources.length, 'resource')} to change`, resourceTable(plan)), '')
  for (const section of sections.filter((s) => s.collapsed))
    out.push(...details(section.title, [section.markdown.trim()]), '')
  out.push(footer(labels))
  return `${out.join('\n')}\n`
}

/** "scaleplan: stage 4 (cdn) -> 5 (cache), $12,000.00 -> $14,345.67 a month (+$2,345.67, +19.5%)". */
export function headline(diff: RecommendationDiff): string {
  const {stage, cost} = diff
  const stageText = stage.changed
    ? `stage ${stage.base} (${stage.baseName}) → **${stage.head} (${stage.headName})**`
    : `stage ${stage.head} (${stage.headName}) unchanged`
  const money =
    cost.deltaUsd === 0
      ? `${formatUsd(cost.headMonthlyUsd)} a month, unchanged`
      : `${formatUsd(cost.baseMonthlyUsd)} → ${formatUsd(cost.headMonthlyUsd)} a month ` +
        `(**${signedUsd(cost.deltaUsd)}**${cost.baseMonthlyUsd === 0 ? '' : `, ${pct(cost.baseMonthlyUsd, cost.deltaUsd)}`})`
  return `scaleplan: ${stageText}, ${money}`
}

function inputChange(input: InputChange): string {
  const silent = ['', 'reads:writes', 'bytes', 'date'].includes(input.unit)
  const unit = silent ? '' : ` ${input.unit}`
  return `${mdCode(input.name)} ${show(input.base)} → ${show(input.head)}${mdText(unit)}`
}

function costTable(diff: RecommendationDiff): string[] {
  const rows = diff.cost.regions.map((r) => [
    r.baseUsd === null ? `${r.region} (new)` : r.headUsd === null ? `${r.region} (removed)` : r.region,
    r.baseUsd === null ? '–' : formatUsd(r.baseUsd),
    r.headUsd === null ? '–' : formatUsd(r.headUsd),
    change(r.baseUsd ?? 0, r.deltaUsd),
  ])
  const {cost} = diff
  if (cost.regions.length > 1)
    rows.push([
      '**total**',
      `**${formatUsd(cost.baseMonthlyUsd)}**`,
      `**${formatUsd(cost.headMonthlyUsd)}**`,
      `**${change(cost.baseMonthlyUsd, cost.deltaUsd)}**`,
    ])
  return markdownTable(['monthly cost', 'previous', 'new', 'change'], rows, ['left', 'right', 'right', 'right'])
}

function planTable(plan: PlanOverview): string[] {
  const lost = plan.resources.filter((r) => r.dataLoss)
  const rows = plan.stacks.map((s) => [
    mdText(s.name),
    s.error ? `${s.status}: ${mdText(s.error)}` : s.status,
    ...[s.create, s.update, s.replace, s.destroy].map(String),
  ])
  return [
    ...markdownTable(['Terraform plan', 'status', 'create', 'update', 'replace', 'destroy'], rows, [
      'left',
      'left',
      'right',
      'right',
      'right',
      'right',
    ]),
    ...(lost.length > 0
      ? [
          '',
          '> [!CAUTION]',
          `> ${plural(lost.length, 'resource')} holding data would be deleted or replaced:`,
          ...lost.map((r) => `> - ${mdText(r.stack)}: ${r.action} ${mdCode(r.address)}`),
        ]
      : []),
  ]
}

function componentTables(diff: RecommendationDiff): string[] {
  const out: string[] = []
  for (const region of diff.regions) {
    out.push(`**${region.region}**${region.change === 'changed' ? '' : ` (region ${region.change})`}`, '')
    for (const field of region.fields) out.push(`- ${fieldLabel(field.field)}: ${fieldChange(field)}`)
    if (region.fields.length > 0) out.push('')
    if (region.components.length === 0) continue
    const rows = region.components.map((c) => [c.change, componentName(c), componentDetail(c, region)])
    out.push(...markdownTable(['change', 'component', 'detail'], rows), '')
  }

  out.pop()
  return out
}

function costLines(diff: RecommendationDiff): string[] {
  const rows = diff.cost.lines.map((line) => [
    line.region,
    line.name ? `${line.component} ${mdText(line.name)}` : line.component,
    formatUsd(line.baseUsd),
    formatUsd(line.headUsd),
    change(line.baseUsd, line.deltaUsd),
  ])
  return markdownTable(['region', 'component', 'previous', 'new', 'change'], rows, [
    'left',
    'left',
    'right',
    'right',
    'right',
  ])
}

function resourceTable(plan: PlanOverview): string[] {
  const rows = plan.resources.map((r) => [
    mdText(r.stack),
    r.action + (r.dataLoss ? ' ⚠️ data' : ''),
    mdCode(r.address),
  ])
  return markdownTable(['stack', 'action', 'resource'], rows)
}

/** A collapsed block GitHub shows as one line; blank lines around the body so Markdown renders inside. */
function details(summary: string, body: readonly string[]): string[] {
  return ['<details>', `<summary>${summary}</summary>`, '', ...body, '', '</details>']
}

function footer(labels: {base: string; head: string}): string {
  return `<sub>scaleplan diff ${mdText(labels.base)} → ${mdText(labels.head)}</sub>`
}

function componentName(c: ComponentChange): string {
  const names: Record<Component['kind'], string> = {
    network: 'network',
    server: 'server',
    'app-servers': 'app servers',
    'static-site': 'static site',
    'load-balancer': 'load balancer',
    cache: 'cache',
    database: 'database',
    service: 'service',
  }
  const role = c.kind === 'database' ? ` (${((c.head ?? c.base) as {role: string}).role})` : ''
  return `${names[c.kind]}${c.name ? ` ${mdText(c.name)}` : ''}${role}`
}

function componentDetail(c: ComponentChange, region: Pick<RegionTopology, 'zones'>): string {
  if (c.change === 'added') return summary(c.head!, region)
  if (c.change === 'removed') return summary(c.base!, region)
  return c.fields
    .filter((f) => f.field !== 'role')
    .map((f) => `${fieldLabel(f.field)} ${fieldChange(f)}`)
    .join('; ')
}

function summary(c: Component, region: Pick<RegionTopology, 'zones'>): string {
  const count = unitCount(c)
  return count === 1 ? sizeLabel(c, region) : `${count} x ${sizeLabel(c, region)}`
}

/** Field names as a reviewer says them: `minCount` is "instances", not minCount. */
const FIELD_LABELS: Record<string, string> = {
  name: 'project name',
  availabilityPercent: 'availability target (%)',
  primaryRegion: 'primary region',
  userShare: 'share of users',
  zones: 'zones',
  natGateways: 'NAT gateways',
  instanceType: 'instance type',
  volumeGiB: 'volume (GiB)',
  minCount: 'instances',
  maxCount: 'auto scaling max',
  engine: 'engine',
  nodeType: 'node type',
  shards: 'shards',
  replicasPerShard: 'replicas per shard',
  hotDataGiB: 'hot set (GiB)',
  instanceClass: 'instance class',
  replicaInstanceClass: 'replica class',
  storageGiB: 'storage (GiB)',
  multiAz: 'Multi-AZ',
  path: 'path',
  cpuUnits: 'CPU units',
  memoryMiB: 'memory (MiB)',
  minTasks: 'tasks',
  maxTasks: 'max tasks',
}

function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field.replaceAll(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`)
}

function fieldChange(field: FieldChange): string {
  const scale =
    field.field === 'userShare'
      ? (v: FieldChange['base']) => (typeof v === 'number' ? `${formatNumber(v * 100)}%` : show(v))
      : show
  return `${scale(field.base)} → ${scale(field.head)}`
}

function show(value: string | number | boolean | null): string {
  if (value === null) return '(none)'
  return typeof value === 'number' ? formatNumber(value, 3) : mdText(String(value))
}

function signedUsd(value: number): string {
  return `${value < 0 ? '−' : '+'}${formatUsd(Math.abs(value))}`
}

function change(base: number, delta: number): string {
  if (delta === 0) return '0'
  return `${signedUsd(delta)}${percent(base, delta)}`
}

function percent(base: number, delta: number): string {
  if (base === 0 || delta === 0) return ''
  return ` (${pct(base, delta)})`
}

function pct(base: number, delta: number): string {
  const value = (delta / base) * 100
  return `${value > 0 ? '+' : '−'}${formatNumber(Math.abs(value), 1)}%`
}
