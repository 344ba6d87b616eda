import {resolveSpec} from '../../src/spec/resolve.js'
import type {Spec, SpecKey} from '../../src/spec/schema.js'

/** A spec from flag-style values, over the documented defaults; throws on invalid input. */
export function specOf(flags: Partial<Record<SpecKey, unknown>>, thresholds?: Record<string, number>): Spec {
  const result = resolveSpec({env: {}, flags, file: thresholds ? {path: 'test', fields: {thresholds}} : undefined})
  if (!result.ok) throw new Error(result.problems.join('\n'))
  return result.spec
}
