import {COMPLIANT, NOT_APPLICABLE, nonCompliant, type PolicyRule} from '../rule.js'
import {blocks, stringList} from '../subject.js'

const ANYWHERE = new Set(['0.0.0.0/0', '::/0'])
const WEB_PORTS = new Set([80, 443])

interface IngressView {
  readonly ranges: readonly string[]
  readonly protocol: unknown
  readonly fromPort: unknown
  readonly toPort: unknown
}

function ingressRules(type: string, attributes: Readonly<Record<string, unknown>>): IngressView[] {
  switch (type) {
    case 'aws_security_group': {
      return blocks(attributes.ingress).map((rule) => ({
        ranges: [...stringList(rule.cidr_blocks), ...stringList(rule.ipv6_cidr_blocks)],
        protocol: rule.protocol,
        fromPort: rule.from_port,
        toPort: rule.to_port,
      }))
    }
    case 'aws_security_group_rule': {
      if (attributes.type !== 'ingress') return []
      return [
        {
          ranges: [...stringList(attributes.cidr_blocks), ...stringList(attributes.ipv6_cidr_blocks)],
          protocol: attributes.protocol,
          fromPort: attributes.from_port,
          toPort: attributes.to_port,
        },
      ]
    }
    case 'aws_vpc_security_group_ingress_rule': {
      const ranges = [attributes.cidr_ipv4, attributes.cidr_ipv6].filter(
        (range): range is string => typeof range === 'string',
      )
      return [{ranges, protocol: attributes.ip_protocol, fromPort: attributes.from_port, toPort: attributes.to_port}]
    }
    default: {
      return []
    }
  }
}

export const publicIngressWebOnly: PolicyRule = {
  id: 'public-ingress-web-only',
  level: 'error',
  explanation:
    'No security group admits the whole internet (0.0.0.0/0 or ::/0) except on TCP ports 80 and 443 of public entry points.',
  resourceTypes: ['aws_security_group', 'aws_security_group_rule', 'aws_vpc_security_group_ingress_rule'],
  check(subject) {
    const rules = ingressRules(subject.type, subject.attributes)
    if (rules.length === 0) return NOT_APPLICABLE
    for (const rule of rules) {
      if (!rule.ranges.some((range) => ANYWHERE.has(range))) continue
      const webPort = rule.protocol === 'tcp' && rule.fromPort === rule.toPort && WEB_PORTS.has(rule.fromPort as number)
      if (!webPort) {
        return nonCompliant(
          `admits the internet on ${String(rule.protocol)} ports ${String(rule.fromPort)}-${String(rule.toPort)}`,
        )
      }
    }
    return COMPLIANT
  },
}
