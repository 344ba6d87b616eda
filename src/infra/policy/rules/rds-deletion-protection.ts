import {COMPLIANT, nonCompliant, type PolicyRule} from '../rule.js'
import {isTrue} from '../subject.js'

export const rdsDeletionProtection: PolicyRule = {
  id: 'rds-deletion-protection',
  level: 'error',
  explanation: 'Every database instance, replicas included, has deletion protection on.',
  resourceTypes: ['aws_db_instance'],
  check(subject) {
    return isTrue(subject.attributes.deletion_protection) ? COMPLIANT : nonCompliant('deletion_protection is not true')
  },
}
