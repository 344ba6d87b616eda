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
import {describeFinding, evaluatePolicy} from './evaluate-policy.js'
import type {PolicyRule} from './rule.js'
import {isRecord, type PolicySubject} from './subject.js'
import {findSuppression} from './suppressions.js'

/**
 * Applies policy rules to a stack during synthesis. It acts once per stack, on the stack node,
 * because some rules judge a resource by others (a database by its security groups, a bucket
 * by its public access block). Violations become error annotations, which make cdktf fail the
 * synthesis with the construct path, rule and resource; suppressed ones become info
 * annotations, so every exception is visible in the manifest.
 */
export class PolicyAspect implements IAspect {
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

    for (const finding of evaluatePolicy(subjects, this.rules)) {
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
