/**
 * The plan suite's own logic, without Terraform (part of `npm test`): where it finds the
 * toolchain, how it relaxes the pin, what it counts as a difference or a violation.
 */
import {afterAll, describe, expect, test} from '@jest/globals'
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {withDefaults} from './helpers/growth.js'
import {dataLossOf, growthViolations} from './helpers/growth-rules.js'
import {comparePlans} from './helpers/plan-comparison.js'
import {relaxProviderPin, type PlannedChange} from './helpers/plan-stack.js'
import {findToolchain, pluginDirCandidates, providerVersionsIn} from './helpers/toolchain.js'

const work = mkdtempSync(path.join(tmpdir(), 'scaleplan-plan-helpers-'))
afterAll(() => rmSync(work, {recursive: true, force: true}))

function pluginDir(versions: readonly string[], platform = 'linux_amd64'): string {
  const dir = mkdtempSync(path.join(work, 'plugins-'))
  for (const version of versions) {
    const binaries = path.join(dir, 'registry.terraform.io/hashicorp/aws', version, platform)
    mkdirSync(binaries, {recursive: true})
    writeFileSync(path.join(binaries, `terraform-provider-aws_v${version}_x5`), '')
  }
  return dir
}

const change = (address: string, actions: string[], extra: Partial<PlannedChange> = {}): PlannedChange => {
  const [type, name] = address.split('.') as [string, string]
  return {address, mode: 'managed', type, name, actions, before: {}, after: {}, afterUnknown: {}, ...extra}
}

describe('finding the toolchain', () => {
  test('a plugin directory holds the provider versions built for this platform, newest first', () => {
    const dir = pluginDir(['5.9.0', '5.100.0', '5.31.0'])
    mkdirSync(path.join(dir, 'registry.terraform.io/hashicorp/aws/6.0.0/darwin_arm64'), {recursive: true})
    expect(providerVersionsIn(dir, 'linux_amd64')).toEqual(['5.100.0', '5.31.0', '5.9.0'])
    expect(providerVersionsIn(path.join(work, 'missing'), 'linux_amd64')).toEqual([])
  })

  test("Terraform's implied local mirrors are searched, then the CI image's directory", () => {
    expect(pluginDirCandidates({HOME: '/home/me'})).toEqual([
      '/home/me/.terraform.d/plugins',
      '/home/me/.local/share/terraform/plugins',
      '/usr/local/share/terraform/plugins',
      '/usr/share/terraform/plugins',
      '/opt/tf-plugins',
    ])
  })

  test('a missing provider or terraform is reported in one line that says what to set', () => {
    const empty = mkdtempSync(path.join(work, 'empty-'))
    const noProvider = findToolchain({...process.env, SCALEPLAN_TF_PLUGIN_DIR: empty})
    if (noProvider.ok) throw new Error('expected no provider')
    // Either half may be missing on a developer's machine; each names its fix.
    expect(noProvider.reason).toMatch(/SCALEPLAN_TF_PLUGIN_DIR|SCALEPLAN_TERRAFORM_BIN/)
    expect(noProvider.reason).not.toContain('\n')
    const noTerraform = findToolchain({PATH: empty})
    expect(noTerraform).toMatchObject({ok: false, missing: 'terraform'})
  })
})

describe('relaxing the provider pin in the planned copy', () => {
  test('replaces the stacks constraint exactly once, in either format', () => {
    expect(relaxProviderPin('{"version": "~> 6.25"}', 'json', '5.100.0')).toBe('{"version": ">= 5.100.0"}')
    expect(relaxProviderPin('      version = "~> 6.25"\n', 'hcl', '5.100.0')).toBe('      version = ">= 5.100.0"\n')
    expect(() => relaxProviderPin('{"version": "~> 5.0"}', 'json', '5.100.0')).toThrow(/found it 0 times/)
  })
})

describe('comparing the JSON and HCL plans', () => {
  test('names the address and the first attribute that differs', () => {
    const left = [change('aws_vpc.a', ['create'], {after: {tags: {Name: 'a'}, cidr_block: '10.0.0.0/16'}})]
    const right = [
      change('aws_vpc.a', ['create'], {after: {tags: {Name: 'b'}, cidr_block: '10.0.0.0/16'}}),
      change('aws_subnet.b', ['create']),
    ]
    expect(comparePlans(left, right)).toEqual([
      'aws_subnet.b: only in the second plan',
      'aws_vpc.a: tags.Name: "a" vs "b"',
    ])
    expect(comparePlans(left, left)).toEqual([])
  })
})

describe('what a change of stage must not do', () => {
  const changes = [
    change('aws_db_instance.Database_Primary', ['delete', 'create'], {replacePaths: [['engine']]}),
    change('aws_s3_bucket.StaticSite_Bucket', ['delete']),
    change('aws_instance.SingleServer_Instance', ['delete']),
    change('aws_lb_listener.LoadBalancer_Http', ['create', 'delete']),
    change('aws_security_group.Network_Default', ['delete', 'create']),
    change('aws_launch_template.AppServers_LaunchTemplate', ['update']),
    change('aws_elasticache_replication_group.Cache_ReplicationGroup', ['update'], {
      before: {cluster_mode: 'disabled'},
      after: {cluster_mode: 'enabled'},
    }),
    change('aws_db_instance.Database_Shard2Primary', ['create']),
  ]

  test('growing: losing data unless allowed, replacing anything, flipping cluster mode', () => {
    expect(growthViolations(changes, {allowedDataLoss: ['aws_instance.SingleServer_Instance']})).toEqual([
      'aws_db_instance.Database_Primary: replace of a resource that holds data',
      'aws_s3_bucket.StaticSite_Bucket: delete of a resource that holds data',
      'aws_db_instance.Database_Primary: replaced (forced by engine)',
      'aws_lb_listener.LoadBalancer_Http: replaced',
      'aws_security_group.Network_Default: replaced',
      'aws_elasticache_replication_group.Cache_ReplicationGroup: cluster_mode disabled -> enabled in place, which ElastiCache refuses',
    ])
  })

  test('shrinking: deleting data is the point (apply asks for --allow-data-loss), replacing still is not', () => {
    expect(growthViolations(changes, {shrinks: true})).toEqual([
      'aws_db_instance.Database_Primary: replaced (forced by engine)',
      'aws_lb_listener.LoadBalancer_Http: replaced',
      'aws_security_group.Network_Default: replaced',
      'aws_elasticache_replication_group.Cache_ReplicationGroup: cluster_mode disabled -> enabled in place, which ElastiCache refuses',
    ])
    expect(dataLossOf(changes)).toEqual([
      'aws_db_instance.Database_Primary: replace',
      'aws_s3_bucket.StaticSite_Bucket: delete',
      'aws_instance.SingleServer_Instance: delete',
    ])
  })
})

describe('the stand-in state', () => {
  test('sets the defaults the real plan filled in: optional, not computed, unset, known', () => {
    const stack = {resource: {aws_vpc: {Network_Vpc: {cidr_block: '10.0.0.0/16', tags: null}}}}
    const plan = [
      change('aws_vpc.Network_Vpc', ['create'], {
        after: {
          cidr_block: '10.0.0.0/16',
          instance_tenancy: 'default',
          tags: {Name: '${not a template}'},
          arn: 'computed',
          ipv6_netmask_length: null,
        },
        afterUnknown: {arn: true},
      }),
    ]
    const schemas = {
      aws_vpc: {
        attributes: {
          cidr_block: {optional: true},
          instance_tenancy: {optional: true},
          tags: {optional: true},
          arn: {computed: true},
          ipv6_netmask_length: {optional: true},
        },
      },
    }
    expect(withDefaults(stack, plan, schemas).resource!.aws_vpc!.Network_Vpc).toEqual({
      cidr_block: '10.0.0.0/16',
      instance_tenancy: 'default',
      tags: {Name: '$${not a template}'},
    })
  })
})
