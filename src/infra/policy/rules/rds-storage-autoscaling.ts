import {COMPLIANT, nonCompliant, type PolicyRule} from '../rule.js'

export const rdsStorageAutoscaling: PolicyRule = {
  id: 'rds-storage-autoscaling',
  level: 'error',
  explanation:
    'Every database instance, replicas included, grows its storage on its own (max_allocated_storage above what it ' +
    'starts with), so a full disk grows instead of stopping writes or replication.',
  resourceTypes: ['aws_db_instance'],
  check(subject) {
    const {allocated_storage: allocated, max_allocated_storage: max} = subject.attributes
    if (typeof max !== 'number' || max <= 0) return nonCompliant(`max_allocated_storage is ${JSON.stringify(max)}`)
    if (typeof allocated === 'number' && max <= allocated)
      return nonCompliant(`max_allocated_storage ${max} is not above allocated_storage ${allocated}`)
    return COMPLIANT
  },
}
