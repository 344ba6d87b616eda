import {
  Annotations,
  DefaultTokenResolver,
  StringConcat,
  TerraformResource,
  TerraformStack,
  Tokenization,
  type IAspect,
  type IConstruct,
} from '../cdktf.js'
import {describeFinding, evaluatePolicy, findingsOf, type Verdict} from './evaluate-policy.js'
import type {PolicyRule} from './rule.js'
import {isRecord, type PolicySubject} from './subject.js'
import {findSuppression} from './suppressions.js'

/**
 * Applies policy rules to a stack during synthesis. It acts once per stack, on the stack node,
 * because some rules judge a resource by others (a database by its security groups, a bucket
 * by its public access block). Violations become error annotations, which make cdktf fail the
 * synthesis with the construct path, rule and resource; suppressed ones become info
 * annotations, so every exception is visible in the manifest. A rule that throws is one more
 * finding against that resource, never a crash: every other rule still reports.
 */
export class PolicyAspect implements IAspect {
  /** Every rule x resource this aspect judged, with suppressions, for the policy report. */
  public readonly report: PolicyReportRow[] = []

  constructor(private readonly rules: readonly PolicyRule[]) {}

  visit(node: IConstruct): void {
    if (!TerraformStack.isStack(node)) return
    // Resolving a resource costs as much as writing it: only the types some rule reads.
    const types = new Set(this.rules.flatMap((rule) => [...rule.resourceTypes, ...(rule.relatedTypes ?? [])]))
    const resources = node.node
      .findAll()
      .filter(
        (child): child is TerraformResource =>
          TerraformResource.isTerraformResource(child) && types.has(child.terraformResourceType),
      )
    const subjects = resources.map((resource) => toSubject(node, resource))
    const constructs = new Map(subjects.map((subject, index) => [subject, resources[index]!]))

    const results = evaluatePolicy(subjects, this.rules)
    this.report.splice(0)
    for (const {rule, subject, verdict} of results) {
      const suppression = verdict.status === 'non-compliant' || verdict.status === 'rule-failed'
      const reason = suppression ? findSuppression(constructs.get(subject)!, rule.id)?.reason : undefined
      this.report.push({
        rule: rule.id,
        level: rule.level,
        resource: subject.address,
        status: verdict.status,
        ...('detail' in verdict ? {detail: verdict.detail} : {}),
        ...(reason === undefined ? {} : {suppressed: reason}),
      })
    }

    for (const finding of findingsOf(results)) {
      const construct = constructs.get(finding.subject)!
      const suppression = findSuppression(construct, finding.rule.id)
      if (suppression) {
        Annotations.of(construct).addInfo(
          `policy rule ${finding.rule.id} suppressed for ${finding.subject.address}: ${suppression.reason}`,
        )
      } else if (finding.rule.level === 'error') {
        Annotations.of(construct).addError(describeFinding(finding))
      } else {
        Annotations.of(construct).addWarning(describeFinding(finding))
      }
    }
  }
}

/** One line of the policy report: a rule's verdict on a resource, and its suppression if any. */
export interface PolicyReportRow {
  readonly rule: string
  readonly level: PolicyRule['level']
  /** Terraform address. */
  readonly resource: string
  readonly status: Verdict['status']
  readonly detail?: string
  /** The reviewer-facing reason a finding is suppressed. */
  readonly suppressed?: string
}

const RESOLVER = new DefaultTokenResolver(new StringConcat())

/** The resource as it will be written: resolved tokens, snake_case attributes. */
function toSubject(stack: TerraformStack, resource: TerraformResource): PolicySubject {
  const synthesized: unknown = Tokenization.resolve(resource.toTerraform(), {scope: stack, resolver: RESOLVER})
  const byType = isRecord(synthesized) && isRecord(synthesized.resource) ? synthesized.resource : {}
  const instances = byType[resource.terraformResourceType]
  const name = resource.friendlyUniqueId
  const attributes = isRecord(instances) && isRecord(instances[name]) ? instances[name] : {}
  return {
    type: resource.terraformResourceType,
    address: `${resource.terraformResourceType}.${name}`,
    path: resource.node.path,
    attributes,
  }
}
