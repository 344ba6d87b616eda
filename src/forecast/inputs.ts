/**
 * The uncertain inputs of a spec (those given as ranges) and the point specs made of their
 * values: the bridge between a spec with ranges and the planner, which only knows points.
 */
import type {Range} from '../spec/forms.js'
import type {Spec} from '../spec/schema.js'
import type {ThresholdName} from '../spec/thresholds.js'

/** A spec field or, as `thresholds.<name>`, a threshold. */
export interface UncertainInput {
  readonly name: string
  readonly range: Range
}

const THRESHOLD_PREFIX = 'thresholds.'

/** The spec's ranges, in the order the spec declares its fields (thresholds last). */
export function uncertainInputs(spec: Spec): UncertainInput[] {
  return Object.entries(spec.ranges ?? {}).map(([name, range]) => ({name, range}))
}

/** A point spec: `spec` with each named input at the given value, and no ranges left. */
export function pointSpec(spec: Spec, values: Readonly<Record<string, number>>): Spec {
  const {ranges: _, ...point} = spec
  const fields: Record<string, number> = {}
  let thresholds: Record<string, number> | undefined
  for (const [name, value] of Object.entries(values)) {
    if (name.startsWith(THRESHOLD_PREFIX)) {
      thresholds ??= {...spec.thresholds}
      thresholds[name.slice(THRESHOLD_PREFIX.length) as ThresholdName] = value
    } else {
      fields[name] = value
    }
  }

  return {...point, ...fields, ...(thresholds ? {thresholds} : {})} as Spec
}

/** The spec with every range at its median: the point a spec with ranges plans at by default. */
export function medianSpec(spec: Spec): Spec {
  return pointSpec(spec, {})
}
