import {isDeepStrictEqual} from 'node:util'

import type {PlannedChange} from './plan-stack.js'

/**
 * Differences between two plans of what should be the same configuration (JSON and HCL): an
 * address only one of them has, or for a shared address different actions, planned values or
 * values known only after apply. One line per difference, naming the first attribute that differs.
 */
export function comparePlans(left: readonly PlannedChange[], right: readonly PlannedChange[]): string[] {
  const byAddress = (changes: readonly PlannedChange[]) => new Map(changes.map((change) => [change.address, change]))
  const a = byAddress(left)
  const b = byAddress(right)
  const differences: string[] = []
  for (const address of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const x = a.get(address)
    const y = b.get(address)
    if (x === undefined || y === undefined) {
      differences.push(`${address}: only in the ${x === undefined ? 'second' : 'first'} plan`)
      continue
    }
    if (!isDeepStrictEqual(x.actions, y.actions)) differences.push(`${address}: actions ${x.actions} vs ${y.actions}`)
    const after = firstDifference(x.after, y.after)
    if (after !== undefined) differences.push(`${address}: ${after}`)
    const unknown = firstDifference(x.afterUnknown, y.afterUnknown)
    if (unknown !== undefined) differences.push(`${address}: known after apply: ${unknown}`)
  }
  return differences
}

/** The path and the two values where `x` and `y` first differ, or undefined when equal. */
export function firstDifference(x: unknown, y: unknown, at = ''): string | undefined {
  if (isDeepStrictEqual(x, y)) return undefined
  if (
    typeof x === 'object' &&
    x !== null &&
    typeof y === 'object' &&
    y !== null &&
    Array.isArray(x) === Array.isArray(y)
  ) {
    const keys = [...new Set([...Object.keys(x), ...Object.keys(y)])].sort()
    for (const key of keys) {
      const found = firstDifference(
        (x as Record<string, unknown>)[key],
        (y as Record<string, unknown>)[key],
        Array.isArray(x) ? `${at}[${key}]` : at === '' ? key : `${at}.${key}`,
      )
      if (found !== undefined) return found
    }
  }
  return `${at || '(root)'}: ${JSON.stringify(x)} vs ${JSON.stringify(y)}`
}
