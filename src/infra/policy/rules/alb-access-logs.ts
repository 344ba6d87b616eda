import {COMPLIANT, NOT_APPLICABLE, nonCompliant, type PolicyRule} from '../rule.js'
import {blocks, isTrue} from '../subject.js'

export const albAccessLogs: PolicyRule = {
  id: 'alb-access-logs',
  level: 'error',
  explanation: 'Application load balancers write access logs to a bucket.',
  resourceTypes: ['aws_lb'],
  check(subject) {
    const type = subject.attributes.load_balancer_type
    if (type !== undefined && type !== 'application') return NOT_APPLICABLE
    const logs = blocks(subject.attributes.access_logs)
    const enabled = logs.some((log) => isTrue(log.enabled) && typeof log.bucket === 'string' && log.bucket !== '')
    return enabled ? COMPLIANT : nonCompliant('access_logs is not enabled with a bucket')
  },
}
