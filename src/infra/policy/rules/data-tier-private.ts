import {COMPLIANT, NOT_APPLICABLE, nonCompliant, type PolicyRule} from '../rule.js'
import {isPrivateTierRange} from '../../cidr.js'
import {blocks, isTrue, stringList} from '../subject.js'

/** Security group attribute of each data-tier resource type. */
const GROUP_ATTRIBUTE: Readonly<Record<string, string>> = {
  aws_db_instance: 'vpc_security_group_ids',
  aws_elasticache_replication_group: 'security_group_ids',
}

export const dataTierPrivate: PolicyRule = {
  id: 'data-tier-private',
  level: 'error',
  explanation:
    'Databases and caches are never publicly accessible and accept connections only from security groups ' +
    "(the app tier) or, across a peering connection where groups cannot be named, another region's private tier; " +
    'never from other address ranges.',
  resourceTypes: Object.keys(GROUP_ATTRIBUTE),
  relatedTypes: ['aws_security_group'],
  check(subject, context) {
    const attribute = GROUP_ATTRIBUTE[subject.type]
    if (attribute === undefined) return NOT_APPLICABLE
    if (isTrue(subject.attributes.publicly_accessible)) return nonCompliant('publicly_accessible is true')
    const groups = stringList(subject.attributes[attribute])
    if (groups.length === 0)
      return nonCompliant(`${attribute} is empty, so the VPC's default security group would apply`)
    for (const reference of groups) {
      const group = context.resolve(reference)
      if (group?.type !== 'aws_security_group')
        return nonCompliant(`${reference} is not a security group defined in this stack`)
      for (const rule of blocks(group.attributes.ingress)) {
        const ranges = [
          ...stringList(rule.cidr_blocks).filter((range) => !isPrivateTierRange(range)),
          ...stringList(rule.ipv6_cidr_blocks),
          ...stringList(rule.prefix_list_ids),
        ]
        if (ranges.length > 0) return nonCompliant(`${group.address} admits address ranges (${ranges.join(', ')})`)
        if (isTrue(rule.self)) return nonCompliant(`${group.address} admits its own members`)
      }
    }
    return COMPLIANT
  },
}
