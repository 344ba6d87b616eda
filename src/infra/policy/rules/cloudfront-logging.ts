import {COMPLIANT, nonCompliant, type PolicyRule} from '../rule.js'
import {blocks} from '../subject.js'

export const cloudfrontLogging: PolicyRule = {
  id: 'cloudfront-logging',
  level: 'error',
  explanation: 'CloudFront distributions write standard logs to a bucket (logging_config).',
  resourceTypes: ['aws_cloudfront_distribution'],
  check(subject) {
    const logging = blocks(subject.attributes.logging_config)
    return logging.some((config) => typeof config.bucket === 'string' && config.bucket !== '')
      ? COMPLIANT
      : nonCompliant('no logging_config with a bucket')
  },
}
