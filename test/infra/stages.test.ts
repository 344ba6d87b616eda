// Brings in the types of cdktf's jest matchers, which test/setup registers at run time.
import type {} from 'cdktf/lib/testing/adapters/jest.js'
import {AutoscalingGroup} from '@cdktf/provider-aws/lib/autoscaling-group/index.js'
import {AutoscalingPolicy} from '@cdktf/provider-aws/lib/autoscaling-policy/index.js'
import {AppautoscalingTarget} from '@cdktf/provider-aws/lib/appautoscaling-target/index.js'
import {CloudfrontDistribution} from '@cdktf/provider-aws/lib/cloudfront-distribution/index.js'
import {CloudfrontOriginAccessControl} from '@cdktf/provider-aws/lib/cloudfront-origin-access-control/index.js'
import {DbInstance} from '@cdktf/provider-aws/lib/db-instance/index.js'
import {DlmLifecyclePolicy} from '@cdktf/provider-aws/lib/dlm-lifecycle-policy/index.js'
import {EcsService} from '@cdktf/provider-aws/lib/ecs-service/index.js'
import {EcsTaskDefinition} from '@cdktf/provider-aws/lib/ecs-task-definition/index.js'
import {Eip} from '@cdktf/provider-aws/lib/eip/index.js'
import {ElasticacheReplicationGroup} from '@cdktf/provider-aws/lib/elasticache-replication-group/index.js'
import {Instance} from '@cdktf/provider-aws/lib/instance/index.js'
import {LaunchTemplate} from '@cdktf/provider-aws/lib/launch-template/index.js'
import {LbListener} from '@cdktf/provider-aws/lib/lb-listener/index.js'
import {LbListenerRule} from '@cdktf/provider-aws/lib/lb-listener-rule/index.js'
import {Lb} from '@cdktf/provider-aws/lib/lb/index.js'
import {S3BucketPublicAccessBlock} from '@cdktf/provider-aws/lib/s3-bucket-public-access-block/index.js'
import {S3BucketWebsiteConfiguration} from '@cdktf/provider-aws/lib/s3-bucket-website-configuration/index.js'
import {SecurityGroup} from '@cdktf/provider-aws/lib/security-group/index.js'
import {Vpc} from '@cdktf/provider-aws/lib/vpc/index.js'
import {loadTopology, type TopologyCase} from './helpers/fixtures.js'
import {resourcesOf, synthToTemp, type SynthOutput, type TerraformJson} from './helpers/synth-output.js'

// cdktf's jest matchers compare the top level partially and nested blocks exactly: nested
// partial expectations use expect.objectContaining.
const STAGE_CASES = [
  'stage-1',
  'stage-2',
  'stage-3',
  'stage-4',
  'stage-5',
  'stage-6',
  'stage-7',
] as const satisfies readonly TopologyCase[]

const outputs = new Map<number, SynthOutput>()
/** The single region stack of a stage fixture: as text for the cdktf matchers, parsed for the rest. */
const text = (stage: number) => [...outputs.get(stage)!.stackText.values()][0]!
const json = (stage: number) => JSON.parse(text(stage)) as TerraformJson

// A synthesis per stage, a second or two each on a loaded machine: far more than jest's 5 s default.
beforeAll(async () => {
  for (const [index, name] of STAGE_CASES.entries()) outputs.set(index + 1, await synthToTemp(loadTopology(name)))
}, 120_000)
afterAll(() => {
  for (const output of outputs.values()) output.dispose()
})

const count = (stack: TerraformJson, type: string) => Object.keys(resourcesOf(stack, type)).length
const dbInstances = (stack: TerraformJson) => Object.values(resourcesOf(stack, 'aws_db_instance'))

/**
 * What each stage adds, as a test on the synthesized stack, and the stages it lives in. A
 * stage's fixture must show exactly the markers whose range holds it: what it adds is there,
 * what a higher stage adds is not (and the stage-1 server is gone once the tiers split).
 */
const MARKERS: readonly {
  name: string
  stages: readonly [number, number]
  present: (stack: TerraformJson) => boolean
}[] = [
  {
    name: 'single server with snapshot policy',
    stages: [1, 1],
    present: (s) => count(s, 'aws_dlm_lifecycle_policy') === 1,
  },
  {name: 'RDS database', stages: [2, 7], present: (s) => count(s, 'aws_db_instance') > 0},
  {
    name: 'static site bucket',
    stages: [2, 7],
    present: (s) => Object.keys(resourcesOf(s, 'aws_s3_bucket')).includes('StaticSite_Bucket'),
  },
  {
    name: 'private subnets',
    stages: [2, 7],
    present: (s) => Object.keys(resourcesOf(s, 'aws_subnet')).some((n) => n.includes('Private')),
  },
  {name: 'NAT gateway', stages: [3, 7], present: (s) => count(s, 'aws_nat_gateway') > 0},
  {
    name: 'load balancer admits CloudFront only, with the origin header',
    stages: [4, 7],
    present: (s) =>
      (
        resourcesOf(s, 'aws_security_group').LoadBalancer_SecurityGroup?.ingress as
          {prefix_list_ids?: string[]}[] | undefined
      )?.every((rule) => rule.prefix_list_ids?.length === 1) === true &&
      Object.values(resourcesOf(s, 'aws_lb_listener_rule')).every((rule) =>
        JSON.stringify(rule.condition).includes('X-Origin-Verify'),
      ),
  },
  {
    name: 'public website bucket (no CDN yet)',
    stages: [2, 3],
    present: (s) => count(s, 'aws_s3_bucket_website_configuration') === 1,
  },
  {name: 'load balancer', stages: [3, 7], present: (s) => count(s, 'aws_lb') === 1},
  {name: 'auto scaling group', stages: [3, 7], present: (s) => count(s, 'aws_autoscaling_group') === 1},
  {name: 'CloudFront distribution', stages: [4, 7], present: (s) => count(s, 'aws_cloudfront_distribution') === 1},
  {
    name: 'cache replication group',
    stages: [5, 7],
    present: (s) => count(s, 'aws_elasticache_replication_group') === 1,
  },
  {
    name: 'database read replicas',
    stages: [6, 7],
    present: (s) => dbInstances(s).some((db) => db.replicate_source_db !== undefined),
  },
  {
    name: 'database shards',
    stages: [6, 7],
    present: (s) => dbInstances(s).filter((db) => db.replicate_source_db === undefined).length > 1,
  },
  {
    name: 'ECS services',
    stages: [7, 7],
    present: (s) => count(s, 'aws_ecs_cluster') === 1 && count(s, 'aws_ecs_service') > 0,
  },
]

describe('each stage has what it adds and nothing of a higher stage', () => {
  const cases = STAGE_CASES.flatMap((_, index) => MARKERS.map((marker) => ({stage: index + 1, marker})))
  test.each(cases)('stage $stage: $marker.name', ({stage, marker}) => {
    const expected = stage >= marker.stages[0] && stage <= marker.stages[1]
    expect({marker: marker.name, present: marker.present(json(stage))}).toEqual({
      marker: marker.name,
      present: expected,
    })
  })
})

describe('network', () => {
  test('VPC /16 by region index, a public and a private subnet per zone, NAT as the topology says', () => {
    expect(text(1)).toHaveResourceWithProperties(Vpc, {cidr_block: '10.0.0.0/16', enable_dns_hostnames: true})
    // Stage 1: the server is everything, so only public subnets; stage 2: the database's private
    // subnets, and no NAT (nothing in them reaches out).
    expect(count(json(1), 'aws_subnet')).toBe(2)
    expect(count(json(1), 'aws_nat_gateway')).toBe(0)
    expect(count(json(2), 'aws_subnet')).toBe(4)
    expect(count(json(2), 'aws_nat_gateway')).toBe(0)
    expect(count(json(3), 'aws_subnet')).toBe(6)
    expect(count(json(3), 'aws_nat_gateway')).toBe(3)
    expect(count(json(3), 'aws_route_table')).toBe(4)
    expect(Object.values(resourcesOf(json(3), 'aws_subnet')).map((subnet) => subnet.cidr_block)).toEqual(
      expect.arrayContaining([
        '10.0.0.0/20',
        '10.0.16.0/20',
        '10.0.32.0/20',
        '10.0.128.0/20',
        '10.0.144.0/20',
        '10.0.160.0/20',
      ]),
    )
  })

  test('routes are resources of their own (another region adds its peering route), flow logs to the log bucket', () => {
    for (const table of Object.values(resourcesOf(json(3), 'aws_route_table'))) expect(table.route).toBeUndefined()
    const routes = resourcesOf(json(3), 'aws_route')
    expect(routes.Network_PublicDefaultRoute).toMatchObject({
      destination_cidr_block: '0.0.0.0/0',
      gateway_id: '${aws_internet_gateway.Network_InternetGateway.id}',
    })
    expect(routes.Network_Private2DefaultRoute).toMatchObject({nat_gateway_id: '${aws_nat_gateway.Network_Nat2.id}'})
    expect(resourcesOf(json(1), 'aws_flow_log').Network_FlowLogs).toMatchObject({
      vpc_id: '${aws_vpc.Network_Vpc.id}',
      traffic_type: 'ALL',
      log_destination_type: 's3',
      log_destination: '${aws_s3_bucket.Logs_Bucket.arn}/vpc/',
    })
  })

  test('each subnet of a tier takes its own zone by index, from the zones that need no opt-in', () => {
    const subnets = resourcesOf(json(3), 'aws_subnet')
    const zoneOf = (name: string) => subnets[name]!.availability_zone
    expect([0, 1, 2].map((index) => zoneOf(`Network_Public${index}`))).toEqual([
      '${data.aws_availability_zones.Network_Zones.names[0]}',
      '${data.aws_availability_zones.Network_Zones.names[1]}',
      '${data.aws_availability_zones.Network_Zones.names[2]}',
    ])
    const zones = json(3).data!.aws_availability_zones!.Network_Zones!
    expect(zones.filter).toEqual([{name: 'opt-in-status', values: ['opt-in-not-required']}])
    // Fewer zones than the tier spans stops the plan, instead of wrapping two subnets into one zone.
    expect(zones.lifecycle).toEqual({
      postcondition: [
        expect.objectContaining({condition: '${length(self.names) >= 3}', error_message: expect.stringContaining('3')}),
      ],
    })
  })
})

describe('stage 1: single server', () => {
  test('an instance with IMDSv2, an encrypted root volume and cloud-init user data', () => {
    expect(text(1)).toHaveResourceWithProperties(Instance, {
      instance_type: 't3.medium',
      metadata_options: expect.objectContaining({http_tokens: 'required'}),
      root_block_device: expect.objectContaining({encrypted: true, volume_size: 40, volume_type: 'gp3'}),
      // Off only on the way to a destroy.
      disable_api_termination: '${!var.allow_destroy}',
    })
    const instance = Object.values(resourcesOf(json(1), 'aws_instance'))[0]!
    expect(instance.user_data).toMatch(/^#cloud-config\n/)
    expect(instance.user_data).toContain('postgresql16-server')
  })

  test('an elastic IP, HTTP and HTTPS only, daily snapshots', () => {
    expect(text(1)).toHaveResourceWithProperties(Eip, {domain: 'vpc'})
    const group = Object.values(resourcesOf(json(1), 'aws_security_group'))[0]!
    expect((group.ingress as {from_port: number}[]).map((rule) => rule.from_port)).toEqual([80, 443])
    expect(text(1)).toHaveResourceWithProperties(DlmLifecyclePolicy, {state: 'ENABLED'})
  })
})

describe('stage 2: three tiers', () => {
  test('one public app server with its own address', () => {
    expect(count(json(2), 'aws_instance')).toBe(1)
    expect(count(json(2), 'aws_eip')).toBe(1)
    expect(text(2)).toHaveResourceWithProperties(Instance, {
      instance_type: 'm7g.large',
      metadata_options: expect.objectContaining({http_tokens: 'required'}),
    })
  })

  test('RDS PostgreSQL in private subnets with managed password, protection, snapshots, backups', () => {
    expect(text(2)).toHaveResourceWithProperties(DbInstance, {
      engine: 'postgres',
      instance_class: 'db.t4g.medium',
      allocated_storage: 50,
      multi_az: false,
      manage_master_user_password: true,
      deletion_protection: '${!var.allow_destroy}',
      skip_final_snapshot: false,
      // Named when the instance is created, and kept: each instance's final snapshot has its own name.
      final_snapshot_identifier: 'shop-us-east-1-db-final-${formatdate("YYYYMMDDhhmmss", timestamp())}',
      lifecycle: {ignore_changes: ['final_snapshot_identifier']},
      backup_retention_period: 7,
      storage_encrypted: true,
      publicly_accessible: false,
    })
  })

  test('the static site bucket is a public website (the documented exception)', () => {
    expect(text(2)).toHaveResourceWithProperties(S3BucketWebsiteConfiguration, {index_document: {suffix: 'index.html'}})
    expect(text(2)).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
      block_public_acls: true,
      block_public_policy: false,
    })
  })
})

describe('stage 3: load balanced', () => {
  test('ALB over public subnets, HTTP listener without a certificate, and a warning', () => {
    expect(text(3)).toHaveResourceWithProperties(Lb, {
      load_balancer_type: 'application',
      internal: false,
      drop_invalid_header_fields: true,
    })
    expect(text(3)).toHaveResourceWithProperties(LbListener, {port: 80, protocol: 'HTTP'})
    expect(outputs.get(3)!.result.warnings).toEqual([expect.stringContaining('plain HTTP')])
    // Open to the internet below the CDN, access logs to the region's log bucket.
    const group = resourcesOf(json(3), 'aws_security_group').LoadBalancer_SecurityGroup!
    expect(group.ingress).toEqual([expect.objectContaining({from_port: 80, cidr_blocks: ['0.0.0.0/0']})])
    expect(resourcesOf(json(3), 'aws_lb').LoadBalancer_LoadBalancer).toMatchObject({
      access_logs: {bucket: '${aws_s3_bucket.Logs_Bucket.bucket}', prefix: 'alb', enabled: true},
      depends_on: expect.arrayContaining(['aws_s3_bucket_policy.Logs_Policy']),
    })
  })

  test('auto scaling group with the recommended minimum in private subnets, health checks and target tracking', () => {
    expect(text(3)).toHaveResourceWithProperties(AutoscalingGroup, {min_size: 3, max_size: 6, health_check_type: 'ELB'})
    const group = Object.values(resourcesOf(json(3), 'aws_autoscaling_group'))[0]!
    expect(group.vpc_zone_identifier).toEqual([
      '${aws_subnet.Network_Private0.id}',
      '${aws_subnet.Network_Private1.id}',
      '${aws_subnet.Network_Private2.id}',
    ])
    expect(text(3)).toHaveResourceWithProperties(AutoscalingPolicy, {policy_type: 'TargetTrackingScaling'})
    expect(text(3)).toHaveResourceWithProperties(LaunchTemplate, {
      metadata_options: expect.objectContaining({http_tokens: 'required'}),
    })
    expect(text(3)).toHaveResourceWithProperties(LbListenerRule, {
      priority: 50_000,
      condition: [{path_pattern: {values: ['/*']}}],
    })
  })

  test('app servers accept traffic from the load balancer only', () => {
    expect(text(3)).toHaveResourceWithProperties(SecurityGroup, {
      name: 'shop-us-east-1-app',
      ingress: [
        expect.objectContaining({
          from_port: 80,
          security_groups: ['${aws_security_group.LoadBalancer_SecurityGroup.id}'],
        }),
      ],
    })
  })
})

describe('stage 4: CDN', () => {
  test('CloudFront reads the private bucket through OAC and sends /api/* to the ALB uncached', () => {
    expect(text(4)).toHaveResourceWithProperties(CloudfrontOriginAccessControl, {
      origin_access_control_origin_type: 's3',
      signing_behavior: 'always',
    })
    expect(text(4)).toHaveResourceWithProperties(CloudfrontDistribution, {
      ordered_cache_behavior: [
        expect.objectContaining({
          path_pattern: '/api/*',
          cache_policy_id: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
          target_origin_id: 'dynamic',
        }),
      ],
    })
    const distribution = Object.values(resourcesOf(json(4), 'aws_cloudfront_distribution'))[0]!
    const origins = distribution.origin as {
      origin_id: string
      origin_access_control_id?: string
      custom_origin_config?: unknown
    }[]
    expect(origins.map((origin) => origin.origin_id)).toEqual(['static', 'dynamic'])
    expect(origins[0]!.origin_access_control_id).toBe(
      '${aws_cloudfront_origin_access_control.Cdn_OriginAccessControl.id}',
    )
  })

  test('the load balancer admits only the CloudFront origin-facing list, and only requests with the origin header', () => {
    const group = resourcesOf(json(4), 'aws_security_group').LoadBalancer_SecurityGroup!
    expect(group.ingress).toEqual([
      expect.objectContaining({
        from_port: 80,
        to_port: 80,
        prefix_list_ids: ['${data.aws_ec2_managed_prefix_list.LoadBalancer_CloudFrontOrigins.id}'],
      }),
    ])
    expect(json(4).data?.aws_ec2_managed_prefix_list?.LoadBalancer_CloudFrontOrigins).toMatchObject({
      name: 'com.amazonaws.global.cloudfront.origin-facing',
    })
    expect(resourcesOf(json(4), 'aws_lb_listener_rule').AppServers_ListenerRule).toMatchObject({
      condition: [
        {path_pattern: {values: ['/*']}},
        {
          http_header: {
            http_header_name: 'X-Origin-Verify',
            values: [
              '${terraform_data.OriginSecret_SlotA_Value.output.value}',
              '${terraform_data.OriginSecret_SlotB_Value.output.value}',
            ],
          },
        },
      ],
    })
    const distribution = resourcesOf(json(4), 'aws_cloudfront_distribution').Cdn_Distribution!
    const dynamic = (distribution.origin as {origin_id: string; custom_header?: unknown}[])[1]!
    expect(dynamic.custom_header).toEqual([
      {
        name: 'X-Origin-Verify',
        value: expect.stringContaining('terraform_data.OriginSecret_SlotA_Value.output.created'),
      },
    ])
  })

  test('CloudFront logs to a bucket in us-east-1; without a domain it warns what the user gives up', () => {
    const distribution = resourcesOf(json(4), 'aws_cloudfront_distribution').Cdn_Distribution!
    expect(distribution.logging_config).toEqual({
      bucket: '${aws_s3_bucket.EdgeLogs_Bucket.bucket_domain_name}',
      prefix: 'cloudfront/',
      include_cookies: false,
    })
    expect(resourcesOf(json(4), 'aws_s3_bucket').EdgeLogs_Bucket!.provider).toBe('aws.edge')
    expect(outputs.get(4)!.result.warnings).toEqual([expect.stringContaining('No --domain')])
  })

  test('the bucket is fully private again', () => {
    expect(text(4)).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    })
  })
})

describe('stage 5: cache', () => {
  test('Valkey replication group, encrypted at rest and in transit, cluster mode on from its one shard', () => {
    expect(text(5)).toHaveResourceWithProperties(ElasticacheReplicationGroup, {
      engine: 'valkey',
      node_type: 'cache.r7g.large',
      cluster_mode: 'enabled',
      num_node_groups: 1,
      replicas_per_node_group: 1,
      parameter_group_name: 'default.valkey8.cluster.on',
      at_rest_encryption_enabled: 'true',
      transit_encryption_enabled: true,
      automatic_failover_enabled: true,
    })
    const group = Object.values(resourcesOf(json(5), 'aws_elasticache_replication_group'))[0]!
    expect(group.num_cache_clusters).toBeUndefined()
    // Clients authenticate with a generated token the app tier reads from Secrets Manager.
    expect(group).toMatchObject({
      auth_token: '${terraform_data.Cache_AuthToken_Generated_Value.output}',
      auth_token_update_strategy: 'ROTATE',
    })
    expect(json(5).output?.cache_auth_secret_arn?.value).toBe('${aws_secretsmanager_secret.Cache_AuthToken_Secret.arn}')
    expect(json(5).output?.cache_endpoint?.value).toBe(
      '${aws_elasticache_replication_group.Cache_ReplicationGroup.configuration_endpoint_address}',
    )
  })
})

describe('stage 6: database scaling', () => {
  test('a primary per shard, the recommended replicas of each, Multi-AZ primaries', () => {
    const primaries = dbInstances(json(6)).filter((db) => db.replicate_source_db === undefined)
    const replicas = dbInstances(json(6)).filter((db) => db.replicate_source_db !== undefined)
    expect(primaries.map((db) => db.identifier)).toEqual(['shop-us-east-1-db', 'shop-us-east-1-db-shard2'])
    expect(primaries.every((db) => db.multi_az === true)).toBe(true)
    expect(replicas).toHaveLength(4)
    expect(replicas.every((db) => db.instance_class === 'db.r7g.large' && db.skip_final_snapshot === true)).toBe(true)
    // Replicas grow their storage like the primary, and can be removed when load falls.
    expect(replicas.every((db) => (db.max_allocated_storage as number) > 0 && db.deletion_protection === false)).toBe(
      true,
    )
  })

  test("replicas in the primary's region name their source by ARN (required with a subnet group)", () => {
    const sources = dbInstances(json(6))
      .map((db) => db.replicate_source_db)
      .filter((source) => source !== undefined)
    expect(sources).toEqual([
      '${aws_db_instance.Database_Primary.arn}',
      '${aws_db_instance.Database_Primary.arn}',
      '${aws_db_instance.Database_Shard2Primary.arn}',
      '${aws_db_instance.Database_Shard2Primary.arn}',
    ])
  })

  test('the cache grows to two shards in the same shape: cluster mode stays on, more node groups', () => {
    expect(text(6)).toHaveResourceWithProperties(ElasticacheReplicationGroup, {
      cluster_mode: 'enabled',
      num_node_groups: 2,
      replicas_per_node_group: 1,
      parameter_group_name: 'default.valkey8.cluster.on',
    })
  })
})

describe('stage 7: microservices', () => {
  test('per service: task definition, Fargate service, path rule, autoscaling', () => {
    expect(text(7)).toHaveResourceWithProperties(EcsTaskDefinition, {
      family: 'shop-us-east-1-orders',
      cpu: '1024',
      memory: '2048',
      requires_compatibilities: ['FARGATE'],
      // Graviton, like the EC2 servers, and what the cost estimate prices.
      runtime_platform: {operating_system_family: 'LINUX', cpu_architecture: 'ARM64'},
    })
    expect(text(7)).toHaveResourceWithProperties(EcsService, {name: 'orders', launch_type: 'FARGATE', desired_count: 3})
    expect(resourcesOf(json(7), 'aws_lb_listener_rule').Services_orders_ListenerRule).toMatchObject({
      priority: 100,
      condition: [{path_pattern: {values: ['/orders/*']}}, expect.objectContaining({http_header: expect.anything()})],
    })
    expect(text(7)).toHaveResourceWithProperties(AppautoscalingTarget, {min_capacity: 3, max_capacity: 10})
    expect(count(json(7), 'aws_ecs_service')).toBe(3)
  })

  test('the CDN routes every service path to the load balancer', () => {
    const distribution = Object.values(resourcesOf(json(7), 'aws_cloudfront_distribution'))[0]!
    const paths = (distribution.ordered_cache_behavior as {path_pattern: string}[]).map(
      (behavior) => behavior.path_pattern,
    )
    expect(paths).toEqual(['/api/*', '/orders/*', '/catalog/*', '/users/*'])
  })

  test('database and cache admit the app servers and every service', () => {
    const groups = resourcesOf(json(7), 'aws_security_group')
    const sources = (groups.Database_SecurityGroup!.ingress as {security_groups: string[]}[])[0]!.security_groups
    expect(sources).toEqual([
      '${aws_security_group.AppServers_SecurityGroup.id}',
      '${aws_security_group.Services_orders_SecurityGroup.id}',
      '${aws_security_group.Services_catalog_SecurityGroup.id}',
      '${aws_security_group.Services_users_SecurityGroup.id}',
    ])
  })
})

describe('secrets the app tier reads', () => {
  test('the app role reads exactly its database secret and the cache token', () => {
    const policy = resourcesOf(json(5), 'aws_iam_role_policy').AppServers_ReadSecrets!
    expect(policy.role).toBe('${aws_iam_role.AppServers_Role_Role.name}')
    expect(policy.policy).toContain(
      '"Resource" = [aws_db_instance.Database_Primary.master_user_secret[0].secret_arn, ' +
        'aws_secretsmanager_secret.Cache_AuthToken_Secret.arn]',
    )
    expect(policy.policy).toContain('"Action" = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]')
  })

  test("each service's task role reads its secrets too", () => {
    const policies = resourcesOf(json(7), 'aws_iam_role_policy')
    expect(Object.keys(policies).sort()).toEqual([
      'AppServers_ReadSecrets',
      'Services_catalog_ReadSecrets',
      'Services_orders_ReadSecrets',
      'Services_users_ReadSecrets',
    ])
    expect(policies.Services_orders_ReadSecrets!.role).toBe('${aws_iam_role.Services_orders_TaskRole.name}')
  })
})

describe('outputs', () => {
  test.each([1, 2, 3, 4, 5, 6, 7])(
    'stage %i outputs its public endpoint and, where present, database shards and the cache',
    (stage) => {
      const names = Object.keys(json(stage).output ?? {})
      expect(names).toContain('public_endpoint')
      expect(names.includes('database_shards')).toBe(stage >= 2)
      expect(names.includes('cache_endpoint') && names.includes('cache_auth_secret_arn')).toBe(stage >= 5)
    },
  )

  test('per shard: the writable endpoint, its port, its secret and the read replicas', () => {
    expect(json(6).output?.database_shards?.value).toEqual([
      {
        writer_endpoint: '${aws_db_instance.Database_Primary.address}',
        port: 5432,
        secret_arn: '${aws_db_instance.Database_Primary.master_user_secret[0].secret_arn}',
        reader_endpoints: [
          '${aws_db_instance.Database_Replica1.address}',
          '${aws_db_instance.Database_Replica2.address}',
        ],
      },
      {
        writer_endpoint: '${aws_db_instance.Database_Shard2Primary.address}',
        port: 5432,
        secret_arn: '${aws_db_instance.Database_Shard2Primary.master_user_secret[0].secret_arn}',
        reader_endpoints: [
          '${aws_db_instance.Database_Shard2Replica1.address}',
          '${aws_db_instance.Database_Shard2Replica2.address}',
        ],
      },
    ])
  })

  test('the public endpoint is the most public entry: server address, then ALB, then CloudFront', () => {
    expect(json(1).output?.public_endpoint?.value).toBe('${aws_eip.SingleServer_Address.public_ip}')
    expect(json(3).output?.public_endpoint?.value).toBe('${aws_lb.LoadBalancer_LoadBalancer.dns_name}')
    expect(json(4).output?.public_endpoint?.value).toBe('${aws_cloudfront_distribution.Cdn_Distribution.domain_name}')
  })
})
