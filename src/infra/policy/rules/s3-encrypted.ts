import {COMPLIANT, nonCompliant, type PolicyRule} from '../rule.js'
import {blocks} from '../subject.js'

export const s3Encrypted: PolicyRule = {
  id: 's3-encrypted',
  level: 'error',
  explanation: 'Every S3 bucket has a default server-side encryption configuration.',
  resourceTypes: ['aws_s3_bucket'],
  relatedTypes: ['aws_s3_bucket_server_side_encryption_configuration'],
  check(subject, context) {
    const configurations = context.referencing(subject, 'aws_s3_bucket_server_side_encryption_configuration', 'bucket')
    const encrypted = configurations.some((configuration) =>
      blocks(configuration.attributes.rule).some((rule) =>
        blocks(rule.apply_server_side_encryption_by_default).some(
          (defaults) => typeof defaults.sse_algorithm === 'string',
        ),
      ),
    )
    return encrypted
      ? COMPLIANT
      : nonCompliant('no aws_s3_bucket_server_side_encryption_configuration with a default algorithm refers to it')
  },
}
