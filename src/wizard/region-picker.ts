/**
 * A searchable multi-select of AWS regions, built from @inquirer/prompts' `search`.
 *
 * Why not `checkbox`: in @inquirer/prompts 7 it has no filter, and 34 regions are too many to
 * scroll through by name. `search` filters as you type but picks one value, so the picker asks
 * it in a loop: each Enter toggles the highlighted region, and the "Done" entry, first in the
 * list whenever the search is empty, ends the loop. Enter straight away keeps the default.
 * Selection order is kept because the first region holds the database primaries.
 */
import type {search as searchPrompt} from '@inquirer/prompts'

import {AWS_REGIONS} from '../spec/regions.js'

/** The value of the "Done" entry; no region code can collide with it. */
export const DONE = '<done>'

export interface RegionChoice {
  readonly value: string
  readonly name: string
  readonly short: string
  readonly disabled?: string
}

const CODE_WIDTH = Math.max(...AWS_REGIONS.map((r) => r.code.length))

/** Every word of the search term must appear in the code or the name: "eu west", "tokyo", "ap-s". */
export function matchesRegion(term: string, region: {code: string; name: string}): boolean {
  const haystack = `${region.code} ${region.name}`.toLowerCase()
  return term
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word))
}

export function toggleRegion(selected: readonly string[], code: string): string[] {
  return selected.includes(code) ? selected.filter((c) => c !== code) : [...selected, code]
}

export function describeSelection(selected: readonly string[]): string {
  return selected.map((code, i) => (i === 0 && selected.length > 1 ? `${code} (primary)` : code)).join(', ')
}

/** The list for one search term: "Done" first when the term is empty, then the matching regions. */
export function regionChoices(selected: readonly string[], term: string | undefined): RegionChoice[] {
  const regions = AWS_REGIONS.filter((region) => matchesRegion(term ?? '', region)).map((region) => {
    const on = selected.includes(region.code)
    const primary = on && selected[0] === region.code && selected.length > 1 ? '  (primary)' : ''
    return {
      value: region.code,
      name: `${on ? '◉' : '◯'} ${region.code.padEnd(CODE_WIDTH)}  ${region.name}${primary}`,
      short: `${on ? '-' : '+'} ${region.code}`,
    }
  })
  if (term) return regions
  const done: RegionChoice =
    selected.length === 0
      ? {value: DONE, name: 'Done', short: '', disabled: '(select at least one region)'}
      : {value: DONE, name: `Done: ${describeSelection(selected)}`, short: selected.join(', ')}
  return [done, ...regions]
}

/** The `search` prompt's configuration for one round of the picker. */
export function regionSearchConfig(
  message: string,
  selected: readonly string[],
): Parameters<typeof searchPrompt<string>>[0] {
  return {
    message,
    source: (term) => regionChoices(selected, term),
    pageSize: 10,
    instructions: {
      navigation: 'type to filter • ↑↓ move • ⏎ select or unselect a region, or Done',
      pager: 'type to filter • ↑↓ move • ⏎ select or unselect a region, or Done',
    },
  }
}

/** Asks until "Done"; returns the region codes in the order they were chosen. */
export async function pickRegions(
  search: typeof searchPrompt,
  message: string,
  initial: readonly string[],
): Promise<string[]> {
  let selected = [...initial]
  for (;;) {
    // eslint-disable-next-line no-await-in-loop -- each round depends on the previous answer
    const picked = await search<string>(regionSearchConfig(message, selected))
    if (picked === DONE) return selected
    selected = toggleRegion(selected, picked)
  }
}
