import {COMPLIANT, NOT_APPLICABLE, nonCompliant, type PolicyRule} from '../rule.js'
import {isProtectedUnlessDestroying} from '../subject.js'

export const rdsDeletionProtection: PolicyRule = {
  id: 'rds-deletion-protection',
  level: 'error',
  explanation:
    'Every primary database has deletion protection on, switched off only by the allow_destroy variable on the ' +
    'way to a destroy. Read replicas hold copies and must be removable when load falls.',
  resourceTypes: ['aws_db_instance'],
  check(subject) {
    if (subject.attributes.replicate_source_db !== undefined) return NOT_APPLICABLE
    return isProtectedUnlessDestroying(subject.attributes.deletion_protection)
      ? COMPLIANT
      : nonCompliant(`deletion_protection is ${JSON.stringify(subject.attributes.deletion_protection)}`)
  },
}
