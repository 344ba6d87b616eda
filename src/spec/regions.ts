import * as z from 'zod/mini'

import {show, type Form} from './forms.js'

/**
 * AWS commercial-partition regions (aws partition) as of 2026-11, with their display names.
 * GovCloud, China and the European Sovereign Cloud are separate partitions with their own
 * accounts and endpoints, so a plan cannot span them together with these; they are left out.
 */
export const AWS_REGIONS: ReadonlyArray<{readonly code: string; readonly name: string}> = [
  {code: 'us-east-1', name: 'US East (N. Virginia)'},
  {code: 'us-east-2', name: 'US East (Ohio)'},
  {code: 'us-west-1', name: 'US West (N. California)'},
  {code: 'us-west-2', name: 'US West (Oregon)'},
  {code: 'ca-central-1', name: 'Canada (Central)'},
  {code: 'ca-west-1', name: 'Canada West (Calgary)'},
  {code: 'mx-central-1', name: 'Mexico (Central)'},
  {code: 'sa-east-1', name: 'South America (São Paulo)'},
  {code: 'eu-west-1', name: 'Europe (Ireland)'},
  {code: 'eu-west-2', name: 'Europe (London)'},
  {code: 'eu-west-3', name: 'Europe (Paris)'},
  {code: 'eu-central-1', name: 'Europe (Frankfurt)'},
  {code: 'eu-central-2', name: 'Europe (Zurich)'},
  {code: 'eu-north-1', name: 'Europe (Stockholm)'},
  {code: 'eu-south-1', name: 'Europe (Milan)'},
  {code: 'eu-south-2', name: 'Europe (Spain)'},
  {code: 'il-central-1', name: 'Israel (Tel Aviv)'},
  {code: 'me-south-1', name: 'Middle East (Bahrain)'},
  {code: 'me-central-1', name: 'Middle East (UAE)'},
  {code: 'af-south-1', name: 'Africa (Cape Town)'},
  {code: 'ap-east-1', name: 'Asia Pacific (Hong Kong)'},
  {code: 'ap-east-2', name: 'Asia Pacific (Taipei)'},
  {code: 'ap-south-1', name: 'Asia Pacific (Mumbai)'},
  {code: 'ap-south-2', name: 'Asia Pacific (Hyderabad)'},
  {code: 'ap-northeast-1', name: 'Asia Pacific (Tokyo)'},
  {code: 'ap-northeast-2', name: 'Asia Pacific (Seoul)'},
  {code: 'ap-northeast-3', name: 'Asia Pacific (Osaka)'},
  {code: 'ap-southeast-1', name: 'Asia Pacific (Singapore)'},
  {code: 'ap-southeast-2', name: 'Asia Pacific (Sydney)'},
  {code: 'ap-southeast-3', name: 'Asia Pacific (Jakarta)'},
  {code: 'ap-southeast-4', name: 'Asia Pacific (Melbourne)'},
  {code: 'ap-southeast-5', name: 'Asia Pacific (Malaysia)'},
  {code: 'ap-southeast-6', name: 'Asia Pacific (New Zealand)'},
  {code: 'ap-southeast-7', name: 'Asia Pacific (Thailand)'},
]

const CODES = new Set(AWS_REGIONS.map((r) => r.code))

/**
 * A region code. Editors complete it from the JSON Schema's enum; a typo is refused with the
 * closest code ("did you mean").
 */
export const regionCode: Form<string> = (expected) =>
  z.enum([...CODES] as [string, ...string[]], {
    error: (issue) => {
      const suggestion = typeof issue.input === 'string' ? suggestRegion(issue.input) : undefined
      return `unknown AWS region ${show(issue.input)}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; expected ${expected}`
    },
  })

export function isRegion(code: string): boolean {
  return CODES.has(code)
}

/** The closest known region code, when it is close enough to be a typo. */
export function suggestRegion(code: string): string | undefined {
  return closest(code, [...CODES])
}

/** Suggests the closest of `candidates` to `word`, for "did you mean" on keys and names. */
export function closest(word: string, candidates: readonly string[], maxDistance = 3): string | undefined {
  let best: {word: string; distance: number} | undefined
  for (const candidate of candidates) {
    // The distance is at least the difference in length: a long input (a pasted log line) costs
    // nothing here, where the quadratic table would take seconds.
    if (Math.abs(word.length - candidate.length) > maxDistance) continue
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase())
    if (!best || distance < best.distance) best = {word: candidate, distance}
  }

  return best && best.distance <= maxDistance ? best.word : undefined
}

/** Levenshtein distance; inputs here are short identifiers, so the quadratic table is fine. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({length: b.length + 1}, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution)
    }

    previous = current
  }

  return previous[b.length]!
}
