import type {PolicyRule} from './rule.js'
import {PolicyContext, type PolicySubject} from './subject.js'

/**
 * One rule's verdict on one resource. `rule-failed` is a rule that threw: it could not vouch for
 * the resource, so it counts against it at the rule's own level, named like any other finding,
 * while every other rule still runs (cdk-nag reports these as validation failures).
 */
export type Verdict =
  | {readonly status: 'compliant' | 'not-applicable'}
  | {readonly status: 'non-compliant'; readonly detail: string}
  | {readonly status: 'rule-failed'; readonly detail: string}

export interface PolicyResult {
  readonly rule: PolicyRule
  readonly subject: PolicySubject
  readonly verdict: Verdict
}

export type PolicyFinding = PolicyResult & {readonly verdict: {readonly status: 'non-compliant' | 'rule-failed'}}

/**
 * Every rule on every resource of a type it reads, each in its own try/catch: the full table
 * for a report, in subject then rule order. Pure.
 */
export function evaluatePolicy(subjects: readonly PolicySubject[], rules: readonly PolicyRule[]): PolicyResult[] {
  const context = new PolicyContext(subjects)
  return subjects.flatMap((subject) =>
    rules
      .filter((rule) => rule.resourceTypes.includes(subject.type))
      .map((rule) => ({rule, subject, verdict: check(rule, subject, context)})),
  )
}

function check(rule: PolicyRule, subject: PolicySubject, context: PolicyContext): Verdict {
  try {
    return rule.check(subject, context)
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
    return {status: 'rule-failed', detail: reason}
  }
}

/** The results that count against a resource: violations, and rules that could not judge it. */
export function findingsOf(results: readonly PolicyResult[]): PolicyFinding[] {
  return results.filter(
    (result): result is PolicyFinding =>
      result.verdict.status === 'non-compliant' || result.verdict.status === 'rule-failed',
  )
}

/** The message a finding fails synthesis with: rule, Terraform address, requirement, what is wrong. */
export function describeFinding({rule, subject, verdict}: PolicyFinding): string {
  const what =
    verdict.status === 'rule-failed'
      ? `could not check ${subject.address}, so it does not pass (${verdict.detail}; a bug in the rule)`
      : `violated by ${subject.address}: ${verdict.detail}`
  return `policy rule ${rule.id} ${what}. Rule: ${rule.explanation}`
}
