import {COMPLIANT, nonCompliant, type PolicyRule} from '../rule.js'
import {isTrue} from '../subject.js'

export const rdsManagedPassword: PolicyRule = {
  id: 'rds-managed-password',
  level: 'error',
  explanation:
    'The database master password is generated and kept by AWS Secrets Manager (manage_master_user_password), ' +
    'never written in code or state. Replicas inherit it.',
  resourceTypes: ['aws_db_instance'],
  check(subject) {
    const {attributes} = subject
    const literal = ['password', 'password_wo'].filter((name) => attributes[name] !== undefined)
    if (literal.length > 0) return nonCompliant(`sets ${literal.join(' and ')}`)
    if (attributes.replicate_source_db !== undefined) return COMPLIANT
    return isTrue(attributes.manage_master_user_password)
      ? COMPLIANT
      : nonCompliant('manage_master_user_password is not true')
  },
}
