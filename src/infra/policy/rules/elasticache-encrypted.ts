import {COMPLIANT, nonCompliant, type PolicyRule} from '../rule.js'
import {isTrue} from '../subject.js'

export const elasticacheEncrypted: PolicyRule = {
  id: 'elasticache-encrypted',
  level: 'error',
  explanation: 'ElastiCache encrypts data at rest and in transit.',
  resourceTypes: ['aws_elasticache_replication_group'],
  check(subject) {
    const missing = ['at_rest_encryption_enabled', 'transit_encryption_enabled'].filter(
      (name) => !isTrue(subject.attributes[name]),
    )
    return missing.length === 0 ? COMPLIANT : nonCompliant(`${missing.join(' and ')} not true`)
  },
}
