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

/** 50 -> "50th", 1 -> "1st", 22 -> "22nd". */
export function ordinal(n: number): string {
  const teen = Math.floor(n / 10) % 10 === 1
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')
  return `${n}${suffix}`
}
