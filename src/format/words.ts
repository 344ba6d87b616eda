/**
 * Words that agree with their numbers, for every message scaleplan prints: "1 replica",
 * "3 replicas", never "replica(s)".
 */
import {formatNumber} from './numbers.js'

/** `plural(3, 'shard')` -> "3 shards"; `plural(1, 'replica')` -> "1 replica"; irregular plurals as the third argument. */
export function plural(count: number, noun: string, many = `${noun}s`): string {
  return `${formatNumber(count)} ${count === 1 ? noun : many}`
}

/** The noun alone, agreeing with `count`: `nounFor(2, 'zone')` -> "zones". */
export function nounFor(count: number, noun: string, many = `${noun}s`): string {
  return count === 1 ? noun : many
}

/** "a, b and c": a list as a sentence says it. */
export function listing(items: readonly string[], conjunction = 'and'): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`
}
