import {COMPLIANT, nonCompliant, type PolicyRule} from '../rule.js'
import {blocks} from '../subject.js'

export const imdsv2Required: PolicyRule = {
  id: 'imdsv2-required',
  level: 'error',
  explanation:
    'Instances and launch templates require IMDSv2 session tokens (metadata_options.http_tokens = "required").',
  resourceTypes: ['aws_instance', 'aws_launch_template'],
  check(subject) {
    const required = blocks(subject.attributes.metadata_options).some((options) => options.http_tokens === 'required')
    return required ? COMPLIANT : nonCompliant('metadata_options.http_tokens is not "required"')
  },
}
