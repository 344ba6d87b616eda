/**
 * The architecture across regions: a replica region's write path to the primary (peering,
 * routes, the database rule, the lookups) and the project's one edge, with and without a domain.
 */
import {afterAll, beforeAll, describe, expect, test} from '@jest/globals'

import {privateTierCidr, vpcCidr} from '../../src/infra/cidr.js'
import type {Topology} from '../../src/topology/types.js'
import {loadTopology} from './helpers/fixtures.js'
import {resourcesOf, synthToTemp, type SynthOutput, type TerraformJson} from './helpers/synth-output.js'

const DOMAIN = {name: 'shop.example.com', hostedZoneId: 'Z0123456789ABCDEFGHIJ'}
const withDomain = (topology: Topology): Topology => ({...topology, edge: {...topology.edge, domain: DOMAIN}})

let plain: SynthOutput
let domain: SynthOutput
beforeAll(async () => {
  plain = await synthToTemp(loadTopology('stage-7-three-regions'))
  domain = await synthToTemp(withDomain(loadTopology('stage-7-three-regions')))
})
afterAll(() => {
  plain.dispose()
  domain.dispose()
})

const stack = (output: SynthOutput, region: string) =>
  JSON.parse(output.stackText.get(`shop-${region}`)!) as TerraformJson
const data = (json: TerraformJson, type: string) => json.data?.[type] ?? {}

describe('the write path from a replica region to the primary', () => {
  test('a peering connection requested here and accepted by the primary region, routes both ways', () => {
    const eu = stack(plain, 'eu-west-1')
    expect(eu.provider?.aws).toEqual([
      expect.objectContaining({region: 'eu-west-1'}),
      expect.objectContaining({alias: 'primary', region: 'us-east-1'}),
    ])
    expect(resourcesOf(eu, 'aws_vpc_peering_connection').PrimaryLink_Peering).toMatchObject({
      vpc_id: '${aws_vpc.Network_Vpc.id}',
      peer_vpc_id: '${data.aws_vpc.PrimaryLink_PrimaryVpc.id}',
      peer_region: 'us-east-1',
    })
    expect(resourcesOf(eu, 'aws_vpc_peering_connection_accepter').PrimaryLink_PeeringAccepter).toMatchObject({
      provider: 'aws.primary',
      auto_accept: true,
    })
    const routes = resourcesOf(eu, 'aws_route')
    // This region's private tier to the primary's VPC, and each primary private route table back.
    expect(routes.PrimaryLink_ToPrimary0).toMatchObject({
      route_table_id: '${aws_route_table.Network_Private0Routes.id}',
      destination_cidr_block: vpcCidr(0),
    })
    expect(routes.PrimaryLink_FromPrimary2).toMatchObject({
      provider: 'aws.primary',
      route_table_id: '${data.aws_route_table.PrimaryLink_PrimaryRoutes2.id}',
      destination_cidr_block: vpcCidr(1),
    })
  })

  test("the primary's database admits each replica region's private tier, and nothing else by address", () => {
    const group = resourcesOf(stack(plain, 'us-east-1'), 'aws_security_group').Database_SecurityGroup!
    const ranges = (group.ingress as {cidr_blocks: string[] | null}[]).flatMap((rule) => rule.cidr_blocks ?? [])
    expect(ranges).toEqual([privateTierCidr(1), privateTierCidr(2)])
  })

  test('each lookup of the primary waits on an anchor of its own, so a first plan never needs the primary', () => {
    const eu = stack(plain, 'eu-west-1')
    const lookups = Object.entries(data(eu, 'aws_db_instance'))
    expect(lookups.map(([name, body]) => [name, body.db_instance_identifier, body.depends_on])).toEqual([
      ['PrimaryLink_PrimaryDatabase', 'shop-us-east-1-db', ['terraform_data.PrimaryLink_PrimaryDatabaseAnchor']],
      [
        'PrimaryLink_PrimaryDatabaseShard2',
        'shop-us-east-1-db-shard2',
        ['terraform_data.PrimaryLink_PrimaryDatabaseShard2Anchor'],
      ],
    ])
    for (const type of ['aws_vpc', 'aws_route_table', 'aws_secretsmanager_secret_version']) {
      for (const [name, body] of Object.entries(data(eu, type)))
        expect({name, anchor: body.depends_on}).toEqual({name, anchor: [`terraform_data.${name}Anchor`]})
    }
  })

  test("the replica region's app tier writes to the primary's endpoints and reads their secrets", () => {
    const eu = stack(plain, 'eu-west-1')
    expect(eu.output?.database_shards?.value).toEqual([
      expect.objectContaining({
        writer_endpoint: '${data.aws_db_instance.PrimaryLink_PrimaryDatabase.address}',
        secret_arn: '${data.aws_db_instance.PrimaryLink_PrimaryDatabase.master_user_secret[0].secret_arn}',
        reader_endpoints: ['${aws_db_instance.Database_Replica1.address}'],
      }),
      expect.objectContaining({writer_endpoint: '${data.aws_db_instance.PrimaryLink_PrimaryDatabaseShard2.address}'}),
    ])
    const policy = resourcesOf(eu, 'aws_iam_role_policy').Services_orders_ReadSecrets!
    expect(policy.policy).toContain('data.aws_db_instance.PrimaryLink_PrimaryDatabase.master_user_secret[0].secret_arn')
  })

  test('replica regions are applied after the primary (and destroyed before it)', () => {
    const manifest = JSON.parse(plain.files.get('manifest.json')!) as {
      stacks: Record<string, {dependencies: string[]}>
    }
    expect(manifest.stacks['shop-eu-west-1']!.dependencies).toEqual(['shop-us-east-1'])
    expect(manifest.stacks['shop-ap-southeast-1']!.dependencies).toEqual(['shop-us-east-1'])
    expect(manifest.stacks['shop-us-east-1']!.dependencies).toEqual([])
  })

  test('the regions take address blocks that never overlap', () => {
    const blocks = Array.from({length: 3}, (_, index) => vpcCidr(index))
    expect(new Set(blocks).size).toBe(3)
    const eu = resourcesOf(stack(plain, 'eu-west-1'), 'aws_vpc').Network_Vpc!
    expect(eu.cidr_block).toBe('10.1.0.0/16')
  })
})

describe('one edge for the project', () => {
  test('one distribution, in the primary region; the other regions have no bucket of static files', () => {
    expect(Object.keys(resourcesOf(stack(plain, 'us-east-1'), 'aws_cloudfront_distribution'))).toEqual([
      'Cdn_Distribution',
    ])
    for (const region of ['eu-west-1', 'ap-southeast-1']) {
      expect(resourcesOf(stack(plain, region), 'aws_cloudfront_distribution')).toEqual({})
      expect(Object.keys(resourcesOf(stack(plain, region), 'aws_s3_bucket'))).toEqual(['Logs_Bucket'])
    }
  })

  test('with a domain: the distribution answers on it with a us-east-1 certificate and TLS 1.2', () => {
    const us = stack(domain, 'us-east-1')
    const distribution = resourcesOf(us, 'aws_cloudfront_distribution').Cdn_Distribution!
    expect(distribution.aliases).toEqual(['shop.example.com'])
    expect(distribution.viewer_certificate).toEqual({
      acm_certificate_arn: '${aws_acm_certificate_validation.Cdn_CertificateValidation.certificate_arn}',
      ssl_support_method: 'sni-only',
      minimum_protocol_version: 'TLSv1.2_2021',
    })
    expect(resourcesOf(us, 'aws_acm_certificate').Cdn_Certificate).toMatchObject({
      provider: 'aws.edge',
      domain_name: 'shop.example.com',
      validation_method: 'DNS',
    })
    expect(domain.result.warnings).toEqual([])
  })

  test('with a domain: CloudFront reaches origin.<domain> over HTTPS, a name every region certifies', () => {
    const us = stack(domain, 'us-east-1')
    const origin = (
      resourcesOf(us, 'aws_cloudfront_distribution').Cdn_Distribution!.origin as Record<string, unknown>[]
    )[1]!
    expect(origin).toMatchObject({
      domain_name: 'origin.shop.example.com',
      custom_origin_config: expect.objectContaining({origin_protocol_policy: 'https-only'}),
    })
    for (const region of ['us-east-1', 'eu-west-1', 'ap-southeast-1']) {
      const json = stack(domain, region)
      expect(resourcesOf(json, 'aws_acm_certificate').Certificate_Certificate).toMatchObject({
        domain_name: 'shop.example.com',
        subject_alternative_names: ['origin.shop.example.com'],
      })
      expect(resourcesOf(json, 'aws_lb_listener').LoadBalancer_Https).toMatchObject({
        certificate_arn: '${aws_acm_certificate_validation.Certificate_Validation.certificate_arn}',
      })
      // Only HTTPS from CloudFront: one port, so the origin-facing list fits the rule quota.
      const ingress = resourcesOf(json, 'aws_security_group').LoadBalancer_SecurityGroup!.ingress
      expect(ingress).toEqual([expect.objectContaining({from_port: 443, to_port: 443})])
      expect(resourcesOf(json, 'aws_route53_record').OriginRecord).toMatchObject({
        name: 'origin.shop.example.com',
        type: 'A',
        set_identifier: region,
        latency_routing_policy: {region},
        alias: expect.objectContaining({evaluate_target_health: true}),
      })
    }
  })

  test("ACM's validation records are written once, by the primary region; the others wait on them", () => {
    const records = (region: string) => Object.keys(resourcesOf(stack(domain, region), 'aws_route53_record')).sort()
    expect(records('us-east-1')).toEqual([
      'Certificate_DomainValidation',
      'Certificate_OriginValidation',
      'OriginRecord',
      'SiteRecord',
      'SiteRecordIpv6',
    ])
    expect(records('eu-west-1')).toEqual(['OriginRecord'])
    const validation = resourcesOf(stack(domain, 'eu-west-1'), 'aws_acm_certificate_validation')
    expect(validation.Certificate_Validation!.validation_record_fqdns).toBeUndefined()
    expect(resourcesOf(stack(domain, 'us-east-1'), 'aws_route53_record').SiteRecord).toMatchObject({
      name: 'shop.example.com',
      alias: expect.objectContaining({
        name: '${aws_cloudfront_distribution.Cdn_Distribution.domain_name}',
        evaluate_target_health: false,
      }),
    })
  })
})
