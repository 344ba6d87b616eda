import {COMPLIANT, nonCompliant, type PolicyRule} from '../rule.js'
import {isTrue} from '../subject.js'

const SETTINGS = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'] as const

export const s3PublicAccessBlocked: PolicyRule = {
  id: 's3-public-access-blocked',
  level: 'error',
  explanation:
    'Every S3 bucket blocks all public access (the stage 2-3 static website bucket is the one documented exception).',
  resourceTypes: ['aws_s3_bucket'],
  relatedTypes: ['aws_s3_bucket_public_access_block'],
  check(subject, context) {
    const blocks = context.referencing(subject, 'aws_s3_bucket_public_access_block', 'bucket')
    if (blocks.length === 0) return nonCompliant('no aws_s3_bucket_public_access_block refers to it')
    const open = SETTINGS.filter((setting) => !blocks.some((block) => isTrue(block.attributes[setting])))
    return open.length === 0 ? COMPLIANT : nonCompliant(`${open.join(', ')} not true`)
  },
}
