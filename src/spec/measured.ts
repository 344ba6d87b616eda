/**
 * A threshold measured on the user's own servers (`scaleplan calibrate`), with where it came
 * from. In a spec file it replaces the bare number:
 *
 *   thresholds:
 *     dbNodeReadQps:
 *       value: 5210
 *       measured: {on: 2026-11-28, target: p99 < 50 ms, by: scaleplan calibrate database ..., against: ...}
 *
 * The planner uses `value` like any override; renderers say "measured" with the date and target
 * instead of "estimate".
 */
import * as z from 'zod/mini'

import {expecting} from './forms.js'

const text = (expected: string) =>
  z.string({error: expecting(expected)}).check(z.minLength(1, {error: expecting(expected)}))

let provenanceSchema: ReturnType<typeof buildProvenanceSchema> | undefined

/**
 * Where a measured value came from, built on first use: only a spec that overrides a threshold
 * reads it, and building zod schemas is a good part of a planning command's start-up.
 */
export function measuredProvenanceSchema(): ReturnType<typeof buildProvenanceSchema> {
  return (provenanceSchema ??= buildProvenanceSchema())
}

/** YAML reads an unquoted 2026-11-28 as text (core schema). */
function buildProvenanceSchema() {
  return z
    .strictObject(
      {
        on: z
          .string({error: expecting('a date like 2026-11-28')})
          .check(z.regex(/^\d{4}-\d{2}-\d{2}$/, {error: expecting('a date like 2026-11-28')}))
          .register(z.globalRegistry, {description: 'the day the measurement started'}),
        target: text('the latency target, like "p99 < 50 ms"').register(z.globalRegistry, {
          description: 'the latency target it was measured at',
        }),
        by: text('what measured it, like "scaleplan calibrate database"').register(z.globalRegistry, {
          description: 'what measured it, and how',
        }),
        against: z.optional(text('the server measured')).register(z.globalRegistry, {
          description: 'the server measured (its URL without any password) and its size',
        }),
        lowerBound: z.optional(z.boolean({error: expecting('true or false')})).register(z.globalRegistry, {
          description: 'true when the server never missed the target: its capacity is higher',
        }),
      },
      {
        error: (issue) =>
          issue.code === 'unrecognized_keys'
            ? `unknown key "${issue.keys[0]}"; measured has on, target, by, against and lowerBound`
            : expecting('a mapping with on, target and by, as scaleplan calibrate writes it')(issue),
      },
    )
    .register(z.globalRegistry, {
      // One definition in the JSON Schema ($defs), referenced by every threshold.
      id: 'MeasuredProvenance',
      description: 'where a threshold measured by scaleplan calibrate came from',
    })
}

export type MeasuredProvenance = z.output<ReturnType<typeof buildProvenanceSchema>>

/** "measured 2026-11-28 at p99 < 50 ms": how renderers name a measured value. */
export function measuredLabel(provenance: MeasuredProvenance): string {
  return `measured ${provenance.on} at ${provenance.target}${provenance.lowerBound ? ' (a lower bound)' : ''}`
}

/** The assumptions' source line for a measured value: what, where and when. */
export function measuredSource(provenance: MeasuredProvenance): string {
  return `${measuredLabel(provenance)} by ${provenance.by}${provenance.against ? `; against ${provenance.against}` : ''}`
}
