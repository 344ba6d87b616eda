import type {SecurityGroupEgress, SecurityGroupIngress} from './aws.js'

/**
 * Inline rule sets shared by the constructs' security groups. Rules are inline so that each
 * group is one reviewable block and the policy rules can judge a group by itself.
 */

/** Servers and tasks reach package mirrors, AWS APIs and the data tier; egress is not filtered. */
export const ALL_EGRESS: SecurityGroupEgress[] = [
  {description: 'All outbound traffic', protocol: '-1', fromPort: 0, toPort: 0, cidrBlocks: ['0.0.0.0/0']},
]

/**
 * HTTP and HTTPS from anywhere (IPv4; the VPCs have no IPv6 range): only public entry points
 * (single server, stage-2 app server, load balancer) use it.
 */
export const PUBLIC_WEB_INGRESS: SecurityGroupIngress[] = [80, 443].map((port) => ({
  description: `${port === 80 ? 'HTTP' : 'HTTPS'} from the internet`,
  protocol: 'tcp',
  fromPort: port,
  toPort: port,
  cidrBlocks: ['0.0.0.0/0'],
}))

/** TCP on `port` from the given security groups only. */
export function ingressFromGroups(
  port: number,
  securityGroupIds: readonly string[],
  description: string,
): SecurityGroupIngress[] {
  if (securityGroupIds.length === 0) return []
  return [{description, protocol: 'tcp', fromPort: port, toPort: port, securityGroups: [...securityGroupIds]}]
}
