import {COMPLIANT, nonCompliant, type PolicyRule} from '../rule.js'
import {stringList} from '../subject.js'

export const elasticacheAuth: PolicyRule = {
  id: 'elasticache-auth',
  level: 'error',
  explanation:
    'Cache clients authenticate (an AUTH token, or RBAC users): TLS alone lets anything that reaches the port in.',
  resourceTypes: ['aws_elasticache_replication_group'],
  check(subject) {
    const token = subject.attributes.auth_token
    if (typeof token === 'string' && token !== '') return COMPLIANT
    if (stringList(subject.attributes.user_group_ids).length > 0) return COMPLIANT
    return nonCompliant('neither auth_token nor user_group_ids is set')
  },
}
