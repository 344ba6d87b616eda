import {COMPLIANT, NOT_APPLICABLE, nonCompliant, type PolicyRule} from '../rule.js'

/** A week of point-in-time recovery: enough to notice a bad migration after a weekend. */
export const MIN_BACKUP_RETENTION_DAYS = 7

export const rdsBackups: PolicyRule = {
  id: 'rds-backups',
  level: 'error',
  explanation:
    `Primary databases keep automated backups for at least ${MIN_BACKUP_RETENTION_DAYS} days. ` +
    'Replicas copy their primary and are not backed up separately.',
  resourceTypes: ['aws_db_instance'],
  check(subject) {
    const {attributes} = subject
    if (attributes.replicate_source_db !== undefined) return NOT_APPLICABLE
    const days = attributes.backup_retention_period
    return typeof days === 'number' && days >= MIN_BACKUP_RETENTION_DAYS
      ? COMPLIANT
      : nonCompliant(`backup_retention_period is ${String(days)}, needs at least ${MIN_BACKUP_RETENTION_DAYS}`)
  },
}
