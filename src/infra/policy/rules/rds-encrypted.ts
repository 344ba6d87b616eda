import {COMPLIANT, nonCompliant, type PolicyRule} from '../rule.js'
import {isTrue} from '../subject.js'

export const rdsEncrypted: PolicyRule = {
  id: 'rds-encrypted',
  level: 'error',
  explanation: 'RDS storage is encrypted at rest (storage_encrypted).',
  resourceTypes: ['aws_db_instance'],
  check(subject) {
    return isTrue(subject.attributes.storage_encrypted) ? COMPLIANT : nonCompliant('storage_encrypted is not true')
  },
}
