/**
 * Sentences that say the same thing about several regions, said once: "peak 7,716 req/s in
 * us-east-1 exceeds ..." three times becomes "peak 7,716 req/s in each of us-east-1, eu-west-1
 * and ap-southeast-1 exceeds ...". Works on the finished sentences, so it holds whatever the
 * planner writes, as long as it names a region as "in <region>".
 */
import {listing} from './words.js'

const SLOT = '\u0000'

/** `texts` in their order, those that differ only by the region after "in " merged into one. */
export function groupRegionSentences(texts: readonly string[], regions: readonly string[]): string[] {
  const groups = new Map<string, {regions: string[]; text: string}>()
  for (const text of texts) {
    const region = regions.find((r) => new RegExp(`\\bin ${escape(r)}\\b`).test(text))
    const key = region === undefined ? text : text.replace(new RegExp(`\\bin ${escape(region)}\\b`), `in ${SLOT}`)
    const group = groups.get(key)
    if (group === undefined) groups.set(key, {regions: region === undefined ? [] : [region], text})
    else if (region !== undefined) group.regions.push(region)
  }

  return [...groups.entries()].map(([key, {regions: named, text}]) =>
    named.length > 1 ? key.replace(SLOT, `each of ${listing(named)}`) : text,
  )
}

/**
 * Items grouped by a key, in the order their first member comes: for regions whose tables, cache
 * arithmetic or load are the same, shown once under all their names.
 */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const k = key(item)
    groups.set(k, [...(groups.get(k) ?? []), item])
  }

  return [...groups.values()]
}

const escape = (text: string) => text.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&')
