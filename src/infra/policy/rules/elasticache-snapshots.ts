import {COMPLIANT, nonCompliant, type PolicyRule} from '../rule.js'

export const elasticacheSnapshots: PolicyRule = {
  id: 'elasticache-snapshots',
  level: 'error',
  explanation: 'Caches keep daily snapshots (snapshot_retention_limit >= 1) and leave a final snapshot when deleted.',
  resourceTypes: ['aws_elasticache_replication_group'],
  check(subject) {
    const {attributes} = subject
    const days = attributes.snapshot_retention_limit
    if (typeof days !== 'number' || days < 1)
      return nonCompliant(`snapshot_retention_limit is ${String(days)}, needs at least 1`)
    const final = attributes.final_snapshot_identifier
    return typeof final === 'string' && final !== '' ? COMPLIANT : nonCompliant('final_snapshot_identifier is not set')
  },
}
