import type {PolicyRule} from './rule.js'
import {PolicyContext, type PolicySubject} from './subject.js'

export interface PolicyFinding {
  readonly rule: PolicyRule
  readonly subject: PolicySubject
  readonly detail: string
}

/** Runs every applicable rule on every subject; returns the non-compliant pairs. Pure. */
export function evaluatePolicy(subjects: readonly PolicySubject[], rules: readonly PolicyRule[]): PolicyFinding[] {
  const context = new PolicyContext(subjects)
  const findings: PolicyFinding[] = []
  for (const subject of subjects) {
    for (const rule of rules) {
      if (!rule.resourceTypes.includes(subject.type)) continue
      const result = rule.check(subject, context)
      if (result.status === 'non-compliant') findings.push({rule, subject, detail: result.detail})
    }
  }
  return findings
}

/** The message a violation fails synthesis with: rule, Terraform address, requirement, what is wrong. */
export function describeFinding(finding: PolicyFinding): string {
  return `policy rule ${finding.rule.id} violated by ${finding.subject.address}: ${finding.detail}. Rule: ${finding.rule.explanation}`
}
