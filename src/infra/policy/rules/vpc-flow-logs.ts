import {COMPLIANT, nonCompliant, type PolicyRule} from '../rule.js'

export const vpcFlowLogs: PolicyRule = {
  id: 'vpc-flow-logs',
  level: 'error',
  explanation: 'Every VPC records its flow logs (an aws_flow_log for the VPC, all traffic).',
  resourceTypes: ['aws_vpc'],
  relatedTypes: ['aws_flow_log'],
  check(subject, context) {
    const logs = context.referencing(subject, 'aws_flow_log', 'vpc_id')
    if (logs.length === 0) return nonCompliant('no aws_flow_log refers to it')
    return logs.some((log) => log.attributes.traffic_type === 'ALL')
      ? COMPLIANT
      : nonCompliant('its flow logs do not record all traffic (traffic_type = "ALL")')
  },
}
