import {getReferencesInExpression} from '@cdktf/hcl2json'
import type {TerraformJson} from './synth-output.js'

/**
 * The `${...}` interpolations in a Terraform string, each as its own expression. `$${` is an
 * escape, not an interpolation. Braces inside quoted strings of an expression do not count.
 */
export function interpolations(text: string): string[] {
  const found: string[] = []
  let index = 0
  while (index < text.length) {
    if (text.startsWith('$${', index)) {
      index += 3
      continue
    }
    if (!text.startsWith('${', index)) {
      index += 1
      continue
    }
    const end = closingBrace(text, index + 2)
    found.push(text.slice(index, end + 1))
    index = end + 1
  }
  return found
}

function closingBrace(text: string, start: number): number {
  let depth = 1
  let inString = false
  for (let index = start; index < text.length; index += 1) {
    const char = text[index]
    if (inString) {
      if (char === '\\') index += 1
      else if (char === '"') inString = false
      else if (text.startsWith('${', index)) {
        // A template inside a quoted string inside the expression.
        index = closingBrace(text, index + 2)
      }
      continue
    }
    if (char === '"') inString = true
    else if (char === '{') depth += 1
    else if (char === '}') {
      depth -= 1
      if (depth === 0) return index
    }
  }
  throw new Error(`unterminated interpolation in: ${text.slice(start - 2, start + 60)}`)
}

/** Every string value in a JSON tree, with its path, skipping cdktf's `//` metadata. */
export function stringsIn(value: unknown, at = ''): {path: string; value: string}[] {
  if (typeof value === 'string') return [{path: at, value}]
  if (Array.isArray(value)) return value.flatMap((item, index) => stringsIn(item, `${at}[${index}]`))
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) =>
      key === '//' ? [] : stringsIn(item, at === '' ? key : `${at}.${key}`),
    )
  }
  return []
}

/** Names Terraform itself provides; they need no declaration. */
const BUILT_IN_ROOTS = new Set(['terraform', 'path', 'count', 'each', 'self'])

/**
 * Checks every reference in a stack: `dangling` lists those that name nothing declared in the
 * stack, as `<where>: <reference>`; `count` says how many were checked, so a test can tell the
 * check did not look at nothing. A reference is `data.<type>.<name>`, `var.<name>`,
 * `local.<name>` or `<resource type>.<name>`, followed by attributes.
 */
export async function checkReferences(stack: TerraformJson): Promise<{dangling: string[]; count: number}> {
  const dangling: string[] = []
  let count = 0
  for (const {path, value} of stringsIn(stack)) {
    for (const expression of interpolations(value)) {
      for (const reference of await getReferencesInExpression('cdk.tf', expression)) {
        count += 1
        const [root = '', first = '', second = ''] = reference.value.split('.')
        const declared =
          BUILT_IN_ROOTS.has(root) ||
          (root === 'data' && stack.data?.[first]?.[second] !== undefined) ||
          (root === 'var' && stack.variable?.[first] !== undefined) ||
          (root === 'local' && stack.locals?.[first] !== undefined) ||
          stack.resource?.[root]?.[first] !== undefined
        if (!declared) dangling.push(`${path}: ${reference.value}`)
      }
    }
  }
  return {dangling, count}
}
