import {COMPLIANT, NOT_APPLICABLE, nonCompliant, type PolicyRule} from '../rule.js'
import {isTrue} from '../subject.js'

export const rdsFinalSnapshot: PolicyRule = {
  id: 'rds-final-snapshot',
  level: 'error',
  explanation:
    'Deleting a primary database leaves a final snapshot (skip_final_snapshot false, final_snapshot_identifier set). ' +
    'RDS takes none of read replicas.',
  resourceTypes: ['aws_db_instance'],
  check(subject) {
    const {attributes} = subject
    if (attributes.replicate_source_db !== undefined) return NOT_APPLICABLE
    if (isTrue(attributes.skip_final_snapshot)) return nonCompliant('skip_final_snapshot is true')
    const identifier = attributes.final_snapshot_identifier
    return typeof identifier === 'string' && identifier !== ''
      ? COMPLIANT
      : nonCompliant('final_snapshot_identifier is not set')
  },
}
