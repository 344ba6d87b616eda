import type {PolicyContext, PolicySubject} from './subject.js'

export type Compliance =
  | {readonly status: 'compliant'}
  | {readonly status: 'not-applicable'}
  | {readonly status: 'non-compliant'; readonly detail: string}

export const COMPLIANT: Compliance = {status: 'compliant'}
export const NOT_APPLICABLE: Compliance = {status: 'not-applicable'}
export function nonCompliant(detail: string): Compliance {
  return {status: 'non-compliant', detail}
}

/** A security rule in the style of cdk-nag: an id, what it requires, and a pure check. */
export interface PolicyRule {
  /** Stable kebab-case id; suppressions and messages name it. */
  readonly id: string
  /** `error` fails synthesis; `warning` is reported in the manifest. */
  readonly level: 'error' | 'warning'
  /** What the rule requires, in one sentence. */
  readonly explanation: string
  /** Terraform resource types the rule looks at; others are not applicable. */
  readonly resourceTypes: readonly string[]
  /** Types the rule looks up through the context (e.g. a bucket's public access block). Default none. */
  readonly relatedTypes?: readonly string[]
  readonly check: (subject: PolicySubject, context: PolicyContext) => Compliance
}
