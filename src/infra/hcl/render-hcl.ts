/**
 * Terraform JSON (what cdktf synthesizes) written as HCL with the same meaning, the way a person
 * writes it and `terraform fmt` keeps it: bare references instead of interpolation-only strings,
 * nested blocks as blocks, unset arguments left out, and `depends_on` / `ignore_changes` as
 * references. The JSON stays the source of truth; the HCL is a faithful rendering of it.
 *
 * Mapping: https://developer.hashicorp.com/terraform/language/syntax/json
 */
import type {BlockShape, StackShapes} from './block-shapes.js'
import {heredocTemplate, onlyInterpolation, quoteLiteral, quoteTemplate} from './template.js'

type Body = Record<string, unknown>

/** The top-level keys of a Terraform JSON configuration this renderer writes. */
export interface TerraformJson {
  readonly '//'?: unknown
  readonly terraform?: Body
  readonly provider?: Record<string, readonly Body[]>
  readonly variable?: Record<string, Body>
  readonly locals?: Body
  readonly data?: Record<string, Record<string, Body>>
  readonly resource?: Record<string, Record<string, Body>>
  readonly output?: Record<string, Body>
}

/**
 * Arguments that are lists of objects the provider lets you write as blocks ("attributes as
 * blocks"). Written as blocks when they have elements; an empty list stays `name = []`, which
 * means "none" (zero blocks would mean "not managed here"), as in the JSON.
 * https://developer.hashicorp.com/terraform/language/attr-as-blocks
 */
export const ATTRIBUTES_AS_BLOCKS: Readonly<Record<string, readonly string[]>> = {
  aws_security_group: ['ingress', 'egress'],
  aws_default_security_group: ['ingress', 'egress'],
  aws_route_table: ['route'],
  aws_default_route_table: ['route'],
  aws_network_acl: ['ingress', 'egress'],
  aws_default_network_acl: ['ingress', 'egress'],
}

const INDENT = '  '
/** Lists of simple values up to this width stay on one line. */
const INLINE_LIST_WIDTH = 80
const TOP_LEVEL_KEYS = new Set(['//', 'terraform', 'provider', 'variable', 'locals', 'data', 'resource', 'output'])

/** Renders a stack's Terraform JSON as HCL; `shapes` says which keys are nested blocks. */
export function renderHcl(config: TerraformJson, shapes: StackShapes): string {
  for (const key of Object.keys(config)) {
    if (!TOP_LEVEL_KEYS.has(key)) throw new Error(`HCL rendering: unsupported top-level key "${key}"`)
  }
  const blocks: string[][] = []
  if (config.terraform) blocks.push(terraformBlock(config.terraform))
  for (const [name, body] of Object.entries(config.variable ?? {})) blocks.push(variableBlock(name, body))
  for (const [name, bodies] of Object.entries(config.provider ?? {})) {
    for (const body of bodies) {
      blocks.push(block(`provider "${name}"`, bodyLines(body, shapes.shapes.get(`provider.${name}`) ?? {}, name)))
    }
  }
  if (config.locals) {
    blocks.push(
      block(
        'locals',
        Object.entries(config.locals).map(([key, value]) => `${key} = ${expression(value)}`),
      ),
    )
  }
  for (const address of addressesInOrder(config, shapes.order)) {
    const [kind, type, name] = address.split('.') as ['data' | 'resource', string, string]
    const body = config[kind]![type]![name]!
    const shape = shapes.shapes.get(`${kind}.${type}`) ?? {}
    blocks.push(block(`${kind} "${type}" "${name}"`, bodyLines(body, shape, type, {topLevel: true})))
  }
  for (const [name, body] of Object.entries(config.output ?? {})) blocks.push(outputBlock(name, body))
  return `${blocks.map((lines) => lines.join('\n')).join('\n\n')}\n`
}

/** Data sources and resources in construct order (cdktf's JSON sorts them by type). */
function addressesInOrder(config: TerraformJson, order: readonly string[]): string[] {
  const present = (['data', 'resource'] as const).flatMap((kind) =>
    Object.entries(config[kind] ?? {}).flatMap(([type, byName]) =>
      Object.keys(byName).map((name) => `${kind}.${type}.${name}`),
    ),
  )
  const known = new Set(present)
  const ordered = order.filter((address) => known.has(address))
  const seen = new Set(ordered)
  return [...ordered, ...present.filter((address) => !seen.has(address))]
}

/** Blank lines stay empty: inside an indented heredoc, Terraform ignores them when it strips indentation. */
const indent = (line: string) => (line === '' ? line : `${INDENT}${line}`)

function block(header: string, lines: readonly string[]): string[] {
  return lines.length === 0 ? [`${header} {}`] : [`${header} {`, ...lines.map(indent), '}']
}

interface BodyContext {
  /** A resource or data source block: meta-arguments allowed. */
  readonly topLevel?: boolean
}

/**
 * A block body in the order of HashiCorp's style guide: meta-arguments, arguments, nested blocks,
 * then `lifecycle` and `depends_on`. Null arguments are left out: null means unset.
 */
function bodyLines(body: Body, shape: BlockShape, type: string, context: BodyContext = {}): string[] {
  const keys = Object.keys(body).filter((key) => key !== '//')
  const meta = context.topLevel ? ['count', 'for_each', 'provider'] : []
  const trailing = context.topLevel ? ['lifecycle', 'depends_on'] : []
  const lines: string[] = []

  for (const key of meta.filter((key) => body[key] !== undefined && body[key] !== null)) {
    lines.push(`${key} = ${key === 'provider' ? reference(body[key]) : expression(body[key])}`)
  }
  if (context.topLevel && (body.provisioner !== undefined || body.connection !== undefined)) {
    throw new Error(`HCL rendering: ${type} uses provisioners, which this renderer does not write`)
  }

  const regular = keys.filter((key) => !meta.includes(key) && !trailing.includes(key))
  const emptyAttributeBlocks = regular.filter(
    (key) => key in shape && Array.isArray(body[key]) && (body[key] as unknown[]).length === 0,
  )
  for (const key of regular) {
    if (key in shape || body[key] === null || body[key] === undefined) continue
    lines.push(...assignment(key, argument(body[key])))
  }
  for (const key of emptyAttributeBlocks) {
    if (ATTRIBUTES_AS_BLOCKS[type]?.includes(key)) lines.push(`${key} = []`)
  }
  for (const key of regular.filter((key) => key in shape)) {
    const value = body[key]
    if (value === null || value === undefined) continue
    if (typeof value !== 'object') throw new Error(`HCL rendering: ${type}.${key} is a block but has a ${typeof value}`)
    for (const element of Array.isArray(value) ? value : [value]) {
      if (element === null) continue
      lines.push(...block(key, bodyLines(element as Body, shape[key]!, type)))
    }
  }

  if (context.topLevel && body.lifecycle !== undefined)
    lines.push(...block('lifecycle', lifecycleLines(body.lifecycle as Body)))
  if (context.topLevel && body.depends_on !== undefined) {
    lines.push(`depends_on = ${list((body.depends_on as unknown[]).map(reference))}`)
  }
  return lines
}

function lifecycleLines(lifecycle: Body): string[] {
  const lines: string[] = []
  for (const [key, value] of Object.entries(lifecycle)) {
    switch (key) {
      case 'create_before_destroy':
      case 'prevent_destroy':
        lines.push(`${key} = ${literal(value)}`)
        break
      case 'ignore_changes':
        // `all`, or attribute paths: written as traversals, never quoted.
        lines.push(`${key} = ${value === 'all' ? 'all' : list((value as unknown[]).map(reference))}`)
        break
      case 'replace_triggered_by':
        lines.push(`${key} = ${list((value as unknown[]).map(reference))}`)
        break
      case 'precondition':
      case 'postcondition':
        for (const condition of value as Body[]) lines.push(...block(key, conditionLines(condition)))
        break
      default:
        throw new Error(`HCL rendering: unsupported lifecycle argument "${key}"`)
    }
  }
  return lines
}

function conditionLines(condition: Body): string[] {
  return [`condition = ${expression(condition.condition)}`, `error_message = ${expression(condition.error_message)}`]
}

/** Settings first, then `required_providers`, then the backend: the order of Terraform's own docs. */
const TERRAFORM_BLOCK_ORDER = ['required_version', 'required_providers', 'backend']

function terraformBlock(terraform: Body): string[] {
  const lines: string[] = []
  const rank = (key: string) => TERRAFORM_BLOCK_ORDER.indexOf(key) + 1 || TERRAFORM_BLOCK_ORDER.length + 1
  const entries = Object.entries(terraform).sort(([a], [b]) => rank(a) - rank(b))
  for (const [key, value] of entries) {
    switch (key) {
      case 'required_version':
        lines.push(`${key} = ${literal(value)}`)
        break
      case 'required_providers':
        lines.push(
          ...block(
            key,
            Object.entries(value as Body).flatMap(([name, requirement]) => assignment(name, literal(requirement))),
          ),
        )
        break
      case 'backend':
        for (const [kind, settings] of Object.entries(value as Record<string, Body>)) {
          lines.push(
            ...block(
              `backend "${kind}"`,
              Object.entries(settings).flatMap(([name, setting]) => assignment(name, literal(setting))),
            ),
          )
        }
        break
      default:
        throw new Error(`HCL rendering: unsupported terraform block argument "${key}"`)
    }
  }
  return block('terraform', lines)
}

function variableBlock(name: string, body: Body): string[] {
  const lines: string[] = []
  for (const [key, value] of Object.entries(body)) {
    if (key === '//' || value === null || value === undefined) continue
    switch (key) {
      case 'type':
        // A type constraint is an expression in HCL and a string in JSON: `string`, `list(string)`.
        lines.push(`type = ${String(value)}`)
        break
      case 'default':
      case 'description':
      case 'sensitive':
      case 'nullable':
        // Variable defaults and descriptions are literal values: `${` in them is text.
        lines.push(...assignment(key, literal(value)))
        break
      default:
        throw new Error(`HCL rendering: unsupported variable argument "${key}"`)
    }
  }
  return block(`variable "${name}"`, lines)
}

function outputBlock(name: string, body: Body): string[] {
  const lines: string[] = []
  for (const [key, value] of Object.entries(body)) {
    if (key === '//' || value === null || value === undefined) continue
    switch (key) {
      case 'value':
        lines.push(...assignment(key, expression(value)))
        break
      case 'description':
      case 'sensitive':
        lines.push(...assignment(key, literal(value)))
        break
      case 'depends_on':
        lines.push(`depends_on = ${list((value as unknown[]).map(reference))}`)
        break
      default:
        throw new Error(`HCL rendering: unsupported output argument "${key}"`)
    }
  }
  return block(`output "${name}"`, lines)
}

/** `key = value`, split into lines when the value spans several. */
function assignment(key: string, value: string): string[] {
  const [first, ...rest] = value.split('\n')
  return [`${key} = ${first}`, ...rest]
}

/** A JSON value in an expression position: strings are templates. */
export function expression(value: unknown): string {
  return render(value, (text) => onlyInterpolation(text) ?? quoteTemplate(text))
}

/** An argument's value: as `expression`, with multi-line text as a heredoc where that is exact. */
function argument(value: unknown): string {
  if (typeof value === 'string' && value.includes('\n') && onlyInterpolation(value) === undefined) {
    return heredocTemplate(value) ?? quoteTemplate(value)
  }
  return expression(value)
}

/** A JSON value taken literally (backend settings, variable defaults): no interpolation. */
function literal(value: unknown): string {
  return render(value, quoteLiteral)
}

/** A reference given as a string (`depends_on`, `ignore_changes`, `provider`), written bare. */
function reference(value: unknown): string {
  if (typeof value !== 'string') throw new Error(`HCL rendering: expected a reference, got ${JSON.stringify(value)}`)
  const bare = onlyInterpolation(value) ?? value
  if (!/^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*|\[\d+\]|\["[^"]*"\])*$/.test(bare)) {
    throw new Error(`HCL rendering: "${value}" is not a reference`)
  }
  return bare
}

function render(value: unknown, string: (text: string) => string): string {
  if (typeof value === 'string') return string(value)
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (value === null || value === undefined) return 'null'
  if (Array.isArray(value)) return list(value.map((item) => render(item, string)))
  const entries = Object.entries(value as Body).filter(([key]) => key !== '//')
  if (entries.length === 0) return '{}'
  const lines = entries.flatMap(([key, item]) => assignment(objectKey(key), render(item, string)))
  return ['{', ...lines.map(indent), '}'].join('\n')
}

function list(items: readonly string[]): string {
  const inline = `[${items.join(', ')}]`
  if (items.every((item) => !item.includes('\n')) && inline.length <= INLINE_LIST_WIDTH) return inline
  const lines = items.flatMap((item) => `${item},`.split('\n'))
  return ['[', ...lines.map(indent), ']'].join('\n')
}

/** Object keys: bare when an identifier (HCL takes bare keys literally), else quoted. */
function objectKey(key: string): string {
  if (key.includes('${') || key.includes('%{')) throw new Error(`HCL rendering: template in object key "${key}"`)
  return /^[A-Za-z_][\w-]*$/.test(key) && !['true', 'false', 'null', 'for', 'in', 'if'].includes(key)
    ? key
    : quoteLiteral(key)
}
