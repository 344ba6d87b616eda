import {PolicyContext, type PolicySubject} from '../../src/infra/policy/subject.js'
import type {PolicyRule} from '../../src/infra/policy/rule.js'
import {SECURITY_RULES} from '../../src/infra/policy/security-rules.js'
import {dataTierPrivate} from '../../src/infra/policy/rules/data-tier-private.js'
import {ebsEncrypted} from '../../src/infra/policy/rules/ebs-encrypted.js'
import {elasticacheEncrypted} from '../../src/infra/policy/rules/elasticache-encrypted.js'
import {elasticacheSnapshots} from '../../src/infra/policy/rules/elasticache-snapshots.js'
import {imdsv2Required} from '../../src/infra/policy/rules/imdsv2-required.js'
import {publicIngressWebOnly} from '../../src/infra/policy/rules/public-ingress-web-only.js'
import {rdsBackups} from '../../src/infra/policy/rules/rds-backups.js'
import {rdsDeletionProtection} from '../../src/infra/policy/rules/rds-deletion-protection.js'
import {rdsEncrypted} from '../../src/infra/policy/rules/rds-encrypted.js'
import {rdsFinalSnapshot} from '../../src/infra/policy/rules/rds-final-snapshot.js'
import {rdsManagedPassword} from '../../src/infra/policy/rules/rds-managed-password.js'
import {s3Encrypted} from '../../src/infra/policy/rules/s3-encrypted.js'
import {s3PublicAccessBlocked} from '../../src/infra/policy/rules/s3-public-access-blocked.js'
import {albAccessLogs} from '../../src/infra/policy/rules/alb-access-logs.js'
import {cloudfrontLogging} from '../../src/infra/policy/rules/cloudfront-logging.js'
import {cloudfrontViewerTls} from '../../src/infra/policy/rules/cloudfront-viewer-tls.js'
import {elasticacheAuth} from '../../src/infra/policy/rules/elasticache-auth.js'
import {rdsStorageAutoscaling} from '../../src/infra/policy/rules/rds-storage-autoscaling.js'
import {vpcFlowLogs} from '../../src/infra/policy/rules/vpc-flow-logs.js'

/** A synthesized resource as rules see it. */
function resource(type: string, name: string, attributes: Record<string, unknown>): PolicySubject {
  return {type, address: `${type}.${name}`, path: `stack/${name}`, attributes}
}
const ref = (subject: PolicySubject, attribute = 'id') => `\${${subject.address}.${attribute}}`

const appGroup = resource('aws_security_group', 'App', {
  ingress: [{protocol: 'tcp', from_port: 80, to_port: 80, security_groups: ['${aws_security_group.Alb.id}']}],
})
const dataGroup = resource('aws_security_group', 'Data', {
  ingress: [{protocol: 'tcp', from_port: 5432, to_port: 5432, security_groups: [ref(appGroup)]}],
})
/** Another region's app tier over VPC peering: its private range, where groups cannot be named. */
const peeredDataGroup = resource('aws_security_group', 'PeeredData', {
  ingress: [
    {protocol: 'tcp', from_port: 5432, to_port: 5432, security_groups: [ref(appGroup)]},
    {protocol: 'tcp', from_port: 5432, to_port: 5432, cidr_blocks: ['10.1.128.0/17']},
  ],
})
const publicTierDataGroup = resource('aws_security_group', 'PublicTierData', {
  ingress: [{protocol: 'tcp', from_port: 5432, to_port: 5432, cidr_blocks: ['10.1.0.0/20']}],
})
const openDataGroup = resource('aws_security_group', 'OpenData', {
  ingress: [{protocol: 'tcp', from_port: 5432, to_port: 5432, cidr_blocks: ['10.0.0.0/8']}],
})

const primary = {
  storage_encrypted: true,
  manage_master_user_password: true,
  deletion_protection: '${!var.allow_destroy}',
  skip_final_snapshot: false,
  final_snapshot_identifier: 'db-final',
  allocated_storage: 100,
  max_allocated_storage: 200,
  backup_retention_period: 7,
  publicly_accessible: false,
  vpc_security_group_ids: [ref(dataGroup)],
}
const bucket = resource('aws_s3_bucket', 'Site', {bucket: 'site'})
const encryption = resource('aws_s3_bucket_server_side_encryption_configuration', 'Enc', {
  bucket: ref(bucket),
  rule: [{apply_server_side_encryption_by_default: {sse_algorithm: 'AES256'}}],
})
const fullBlock = {
  bucket: ref(bucket),
  block_public_acls: true,
  block_public_policy: true,
  ignore_public_acls: true,
  restrict_public_buckets: true,
}
const cache = {
  at_rest_encryption_enabled: 'true',
  transit_encryption_enabled: true,
  snapshot_retention_limit: 1,
  final_snapshot_identifier: 'cache-final',
  security_group_ids: [ref(dataGroup)],
  auth_token: '${terraform_data.Token.output}',
}
const vpc = resource('aws_vpc', 'Vpc', {cidr_block: '10.0.0.0/16'})
const distribution = {
  logging_config: {bucket: 'logs.s3.amazonaws.com', prefix: 'cloudfront/'},
  viewer_certificate: {
    acm_certificate_arn: 'arn',
    minimum_protocol_version: 'TLSv1.2_2021',
    ssl_support_method: 'sni-only',
  },
}

interface RuleCase {
  readonly rule: PolicyRule
  readonly compliant: readonly PolicySubject[]
  readonly nonCompliant: readonly PolicySubject[]
}

/** Each rule with at least one compliant and one non-compliant resource; the last element is the one judged. */
const CASES: readonly RuleCase[] = [
  {
    rule: dataTierPrivate,
    compliant: [appGroup, dataGroup, resource('aws_db_instance', 'Db', primary)],
    nonCompliant: [
      openDataGroup,
      resource('aws_db_instance', 'Db', {...primary, vpc_security_group_ids: [ref(openDataGroup)]}),
    ],
  },
  {
    rule: dataTierPrivate,
    compliant: [dataGroup, resource('aws_elasticache_replication_group', 'Cache', cache)],
    nonCompliant: [resource('aws_db_instance', 'Db', {...primary, publicly_accessible: true})],
  },
  {
    rule: dataTierPrivate,
    compliant: [],
    nonCompliant: [resource('aws_elasticache_replication_group', 'Cache', {...cache, security_group_ids: []})],
  },
  {
    rule: publicIngressWebOnly,
    compliant: [
      resource('aws_security_group', 'Web', {
        ingress: [{protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: ['0.0.0.0/0']}],
      }),
    ],
    nonCompliant: [
      resource('aws_security_group', 'Ssh', {
        ingress: [{protocol: 'tcp', from_port: 22, to_port: 22, cidr_blocks: ['0.0.0.0/0']}],
      }),
    ],
  },
  {
    rule: publicIngressWebOnly,
    compliant: [
      resource('aws_security_group_rule', 'Internal', {
        type: 'ingress',
        protocol: 'tcp',
        from_port: 0,
        to_port: 65_535,
        cidr_blocks: ['10.0.0.0/16'],
      }),
    ],
    nonCompliant: [
      resource('aws_vpc_security_group_ingress_rule', 'Range', {
        ip_protocol: 'tcp',
        from_port: 80,
        to_port: 443,
        cidr_ipv6: '::/0',
      }),
    ],
  },
  {
    rule: ebsEncrypted,
    compliant: [resource('aws_instance', 'Server', {root_block_device: {encrypted: true}})],
    nonCompliant: [resource('aws_instance', 'Server', {root_block_device: {encrypted: false}})],
  },
  {
    rule: ebsEncrypted,
    compliant: [
      resource('aws_launch_template', 'Lt', {
        block_device_mappings: [{device_name: '/dev/xvda', ebs: {encrypted: 'true'}}],
      }),
    ],
    nonCompliant: [resource('aws_launch_template', 'Lt', {})],
  },
  {
    rule: rdsEncrypted,
    compliant: [resource('aws_db_instance', 'Db', primary)],
    nonCompliant: [resource('aws_db_instance', 'Db', {...primary, storage_encrypted: false})],
  },
  {
    rule: elasticacheEncrypted,
    compliant: [resource('aws_elasticache_replication_group', 'Cache', cache)],
    nonCompliant: [
      resource('aws_elasticache_replication_group', 'Cache', {...cache, transit_encryption_enabled: false}),
    ],
  },
  {
    rule: s3Encrypted,
    compliant: [encryption, bucket],
    nonCompliant: [bucket],
  },
  {
    rule: s3PublicAccessBlocked,
    compliant: [resource('aws_s3_bucket_public_access_block', 'Block', fullBlock), bucket],
    nonCompliant: [
      resource('aws_s3_bucket_public_access_block', 'Block', {...fullBlock, restrict_public_buckets: false}),
      bucket,
    ],
  },
  {
    rule: imdsv2Required,
    compliant: [resource('aws_launch_template', 'Lt', {metadata_options: {http_tokens: 'required'}})],
    nonCompliant: [resource('aws_instance', 'Server', {metadata_options: {http_tokens: 'optional'}})],
  },
  {
    rule: rdsManagedPassword,
    compliant: [resource('aws_db_instance', 'Db', primary)],
    nonCompliant: [
      resource('aws_db_instance', 'Db', {...primary, manage_master_user_password: undefined, password: 'hunter2'}),
    ],
  },
  {
    rule: rdsManagedPassword,
    compliant: [resource('aws_db_instance', 'Replica', {replicate_source_db: 'db'})],
    nonCompliant: [resource('aws_db_instance', 'Db', {...primary, manage_master_user_password: false})],
  },
  {
    rule: dataTierPrivate,
    compliant: [
      appGroup,
      peeredDataGroup,
      resource('aws_db_instance', 'Db', {...primary, vpc_security_group_ids: [ref(peeredDataGroup)]}),
    ],
    nonCompliant: [
      publicTierDataGroup,
      resource('aws_db_instance', 'Db', {...primary, vpc_security_group_ids: [ref(publicTierDataGroup)]}),
    ],
  },
  {
    rule: rdsDeletionProtection,
    compliant: [resource('aws_db_instance', 'Db', {...primary, deletion_protection: true})],
    nonCompliant: [resource('aws_db_instance', 'Db', {...primary, deletion_protection: '${var.allow_destroy}'})],
  },
  {
    rule: rdsDeletionProtection,
    compliant: [resource('aws_db_instance', 'Db', primary)],
    nonCompliant: [resource('aws_db_instance', 'Db', {...primary, deletion_protection: false})],
  },
  {
    rule: rdsStorageAutoscaling,
    compliant: [resource('aws_db_instance', 'Replica', {replicate_source_db: 'db', max_allocated_storage: 200})],
    nonCompliant: [resource('aws_db_instance', 'Replica', {replicate_source_db: 'db'})],
  },
  {
    rule: rdsStorageAutoscaling,
    compliant: [resource('aws_db_instance', 'Db', primary)],
    nonCompliant: [resource('aws_db_instance', 'Db', {...primary, max_allocated_storage: 100})],
  },
  {
    rule: elasticacheAuth,
    compliant: [resource('aws_elasticache_replication_group', 'Cache', cache)],
    nonCompliant: [resource('aws_elasticache_replication_group', 'Cache', {...cache, auth_token: undefined})],
  },
  {
    rule: albAccessLogs,
    compliant: [
      resource('aws_lb', 'Alb', {load_balancer_type: 'application', access_logs: {bucket: 'logs', enabled: true}}),
    ],
    nonCompliant: [resource('aws_lb', 'Alb', {load_balancer_type: 'application'})],
  },
  {
    rule: vpcFlowLogs,
    compliant: [resource('aws_flow_log', 'Flow', {vpc_id: ref(vpc), traffic_type: 'ALL'}), vpc],
    nonCompliant: [resource('aws_flow_log', 'Flow', {vpc_id: ref(vpc), traffic_type: 'REJECT'}), vpc],
  },
  {
    rule: vpcFlowLogs,
    compliant: [],
    nonCompliant: [vpc],
  },
  {
    rule: cloudfrontLogging,
    compliant: [resource('aws_cloudfront_distribution', 'Cdn', distribution)],
    nonCompliant: [resource('aws_cloudfront_distribution', 'Cdn', {...distribution, logging_config: undefined})],
  },
  {
    rule: cloudfrontViewerTls,
    compliant: [resource('aws_cloudfront_distribution', 'Cdn', distribution)],
    nonCompliant: [
      resource('aws_cloudfront_distribution', 'Cdn', {
        ...distribution,
        viewer_certificate: {cloudfront_default_certificate: true},
      }),
    ],
  },
  {
    rule: cloudfrontViewerTls,
    compliant: [],
    nonCompliant: [
      resource('aws_cloudfront_distribution', 'Cdn', {
        ...distribution,
        viewer_certificate: {acm_certificate_arn: 'arn', minimum_protocol_version: 'TLSv1'},
      }),
    ],
  },
  {
    rule: rdsFinalSnapshot,
    compliant: [resource('aws_db_instance', 'Db', primary)],
    nonCompliant: [resource('aws_db_instance', 'Db', {...primary, skip_final_snapshot: true})],
  },
  {
    rule: rdsFinalSnapshot,
    compliant: [],
    nonCompliant: [resource('aws_db_instance', 'Db', {...primary, final_snapshot_identifier: undefined})],
  },
  {
    rule: rdsBackups,
    compliant: [resource('aws_db_instance', 'Db', primary)],
    nonCompliant: [resource('aws_db_instance', 'Db', {...primary, backup_retention_period: 1})],
  },
  {
    rule: elasticacheSnapshots,
    compliant: [resource('aws_elasticache_replication_group', 'Cache', cache)],
    nonCompliant: [resource('aws_elasticache_replication_group', 'Cache', {...cache, snapshot_retention_limit: 0})],
  },
]

const judge = (rule: PolicyRule, subjects: readonly PolicySubject[]) =>
  rule.check(subjects.at(-1)!, new PolicyContext(subjects))

describe('policy rules', () => {
  test.each(CASES.filter((c) => c.compliant.length > 0))('$rule.id: compliant case passes', ({rule, compliant}) => {
    expect(judge(rule, compliant)).toEqual({status: 'compliant'})
  })

  test.each(CASES)('$rule.id: non-compliant case fails with a reason', ({rule, nonCompliant}) => {
    const result = judge(rule, nonCompliant)
    expect(result.status).toBe('non-compliant')
    expect(result.status === 'non-compliant' && result.detail.length).toBeGreaterThan(5)
  })

  test('every rule of the pack has both cases here', () => {
    const covered = (kind: 'compliant' | 'nonCompliant') =>
      new Set(CASES.filter((c) => c[kind].length > 0).map((c) => c.rule.id))
    for (const rule of SECURITY_RULES) {
      expect({
        rule: rule.id,
        compliant: covered('compliant').has(rule.id),
        nonCompliant: covered('nonCompliant').has(rule.id),
      }).toEqual({
        rule: rule.id,
        compliant: true,
        nonCompliant: true,
      })
    }
  })

  test('rule ids are unique kebab-case', () => {
    const ids = SECURITY_RULES.map((rule) => rule.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
  })

  test('replicas are exempt from final snapshots, backups and deletion protection: scaling in removes them', () => {
    const replica = resource('aws_db_instance', 'Replica', {
      replicate_source_db: 'db',
      skip_final_snapshot: true,
      deletion_protection: false,
    })
    expect(judge(rdsFinalSnapshot, [replica])).toEqual({status: 'not-applicable'})
    expect(judge(rdsBackups, [replica])).toEqual({status: 'not-applicable'})
    expect(judge(rdsDeletionProtection, [replica])).toEqual({status: 'not-applicable'})
  })
})
