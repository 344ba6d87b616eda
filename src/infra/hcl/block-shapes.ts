import {TerraformElement, Tokenization, type TerraformStack} from '../cdktf.js'

/**
 * Which keys of a configuration body are nested blocks rather than arguments, per block type
 * and recursively. Terraform's JSON syntax writes both as JSON values; HCL writes them
 * differently (`metadata_options { ... }` against `tags = { ... }`), so turning the JSON into
 * HCL needs the schema's answer, which the provider bindings carry in their HCL metadata.
 */
export interface BlockShape {
  readonly [key: string]: BlockShape
}

/** Shapes by `resource.<type>`, `data.<type>` and `provider.<name>`, plus every address in construct order. */
export interface StackShapes {
  readonly shapes: ReadonlyMap<string, BlockShape>
  /** `resource.<type>.<name>` and `data.<type>.<name>`, in the order the constructs were added. */
  readonly order: readonly string[]
}

interface HclAttribute {
  readonly value?: unknown
  readonly isBlock?: boolean
  readonly is_block?: boolean
}

type HclFragment = {
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>
  readonly data?: Record<string, Record<string, Record<string, unknown>>>
  readonly provider?: Record<string, readonly Record<string, unknown>[]>
}

/**
 * Reads the block structure of every resource, data source and provider of a stack from the
 * bindings' `toHclTerraform()` metadata (`isBlock` on each attribute). Tokens are not resolved:
 * only the structure is read.
 */
export function stackShapes(stack: TerraformStack): StackShapes {
  const shapes = new Map<string, BlockShape>()
  const order: string[] = []
  const add = (key: string, body: Record<string, unknown>) =>
    shapes.set(key, merge(shapes.get(key) ?? {}, shapeOf(body)))
  for (const construct of stack.node.findAll()) {
    if (!TerraformElement.isTerraformElement(construct)) continue
    const element = construct as TerraformElement & {toHclTerraform?: () => HclFragment}
    if (typeof element.toHclTerraform !== 'function') continue
    const fragment = element.toHclTerraform()
    for (const kind of ['resource', 'data'] as const) {
      const blocks: Record<string, Record<string, Record<string, unknown>>> = fragment[kind] ?? {}
      for (const [type, byName] of Object.entries(blocks)) {
        for (const [name, body] of Object.entries(byName)) {
          add(`${kind}.${type}`, body)
          order.push(`${kind}.${type}.${name}`)
        }
      }
    }
    const providers: Record<string, readonly Record<string, unknown>[]> = fragment.provider ?? {}
    for (const [name, bodies] of Object.entries(providers)) {
      for (const body of bodies) add(`provider.${name}`, body)
    }
  }
  return {shapes, order}
}

function shapeOf(body: Record<string, unknown>): BlockShape {
  let shape: BlockShape = {}
  for (const [key, attribute] of Object.entries(body)) {
    if (!isHclAttribute(attribute) || !(attribute.isBlock ?? attribute.is_block)) continue
    const elements = Array.isArray(attribute.value) ? attribute.value : [attribute.value]
    let nested: BlockShape = {}
    for (const element of elements) {
      if (isPlainObject(element)) nested = merge(nested, shapeOf(element))
    }
    shape = merge(shape, {[key]: nested})
  }
  return shape
}

function isHclAttribute(value: unknown): value is HclAttribute {
  return isPlainObject(value) && ('isBlock' in value || 'is_block' in value)
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Tokenization.isResolvable(value)
}

function merge(a: BlockShape, b: BlockShape): BlockShape {
  const merged: Record<string, BlockShape> = {...a}
  for (const [key, shape] of Object.entries(b)) merged[key] = merge(merged[key] ?? {}, shape)
  return merged
}
