import {describe, expect, it} from '@jest/globals'

import {parseUiLine, TerraformProtocolError, UnsupportedUiVersionError} from '../../src/terraform/messages.js'
import {summarizePlan} from '../../src/terraform/plan-summary.js'
import {MASK, maskOutputs} from '../../src/terraform/outputs.js'
import {effectiveDependencies} from '../../src/terraform/provision.js'

const change = (type: string, name: string, actions: string[]) => ({
  address: `${type}.${name}`,
  mode: 'managed',
  type,
  name,
  change: {actions},
})

describe('summarizePlan', () => {
  const summary = summarizePlan({
    resource_changes: [
      change('aws_vpc', 'Network_Vpc', ['create']),
      change('aws_lb', 'LoadBalancer', ['update']),
      change('aws_db_instance', 'Database_Primary', ['delete', 'create']),
      change('aws_s3_bucket', 'StaticSite_Bucket', ['create', 'delete']),
      change('aws_instance', 'SingleServer_Instance', ['delete']),
      change('aws_instance', 'AppServers_Instance', ['delete']),
      change('aws_subnet', 'Network_Public0', ['no-op']),
      {...change('aws_caller_identity', 'Account', ['read']), mode: 'data'},
    ],
  })

  it('counts each action, both replacement orders as replace', () => {
    expect(summary).toMatchObject({create: 1, update: 1, replace: 2, delete: 2})
  })

  it('names the stateful resources a plan deletes or replaces', () => {
    expect(summary.dataLoss.map((c) => c.address)).toEqual([
      'aws_db_instance.Database_Primary',
      'aws_s3_bucket.StaticSite_Bucket',
      'aws_instance.SingleServer_Instance',
    ])
  })
})

describe('summarizePlan: a plan not in the documented shape', () => {
  it.each([
    [
      'an action given as a string, not a list',
      {resource_changes: [{...change('aws_db_instance', 'Db', []), change: {actions: 'delete'}}]},
    ],
    ['an action Terraform does not have', {resource_changes: [change('aws_db_instance', 'Db', ['obliterate'])]}],
    ['no actions at all', {resource_changes: [change('aws_db_instance', 'Db', [])]}],
    ['a list of changes that is not a list', {resource_changes: 'none'}],
    ['no plan at all', null],
  ])('fails on %s instead of reading it as no change', (_, show) => {
    expect(() => summarizePlan(show)).toThrow(TerraformProtocolError)
  })
})

describe('parseUiLine', () => {
  it.each([
    ['a null diagnostic', {type: 'diagnostic', diagnostic: null}],
    ['a diagnostic without a severity', {type: 'diagnostic', diagnostic: {summary: 's', detail: 'd'}}],
    ['an unknown action', {type: 'planned_change', change: {action: 'obliterate', resource: {}}}],
    ['a summary without counts', {type: 'change_summary', changes: {operation: 'plan'}}],
  ])('fails a known message type in the wrong shape: %s', (_, fields) => {
    const line = JSON.stringify({'@level': 'info', '@message': 'm', ...fields})
    expect(() => parseUiLine(line)).toThrow(TerraformProtocolError)
  })

  it('reads a planned_change message as documented', () => {
    // The example of Terraform's machine-readable UI documentation, as one line of the stream.
    const line = JSON.stringify({
      '@level': 'info',
      '@message': 'random_pet.animal: Plan to create',
      '@module': 'terraform.ui',
      '@timestamp': '2021-05-25T13:32:41.705503-04:00',
      change: {
        resource: {
          addr: 'random_pet.animal',
          module: '',
          resource: 'random_pet.animal',
          implied_provider: 'random',
          resource_type: 'random_pet',
          resource_name: 'animal',
          resource_key: null,
        },
        action: 'create',
      },
      type: 'planned_change',
    })
    expect(parseUiLine(line)).toMatchObject({
      type: 'planned_change',
      change: {action: 'create', resource: {addr: 'random_pet.animal'}},
    })
  })

  it('keeps the @message of types it does not know, and skips lines that are not messages', () => {
    expect(parseUiLine('{"@level":"info","@message":"hello","type":"list_start"}')).toMatchObject({
      type: 'unknown',
      originalType: 'list_start',
      '@message': 'hello',
    })
    expect(parseUiLine('Initializing provider plugins...')).toBeUndefined()
  })

  it('rejects an unsupported major version of the UI schema', () => {
    expect(() =>
      parseUiLine('{"@level":"info","@message":"Terraform 9","type":"version","terraform":"9.0.0","ui":"2.0"}'),
    ).toThrow(UnsupportedUiVersionError)
    expect(
      parseUiLine('{"@level":"info","@message":"Terraform 0.15.4","type":"version","terraform":"0.15.4","ui":"0.1.0"}'),
    ).toBeDefined()
  })
})

describe('effectiveDependencies', () => {
  const stacks = [
    {name: 'app-us-east-1', dir: '/x', dependsOn: []},
    {name: 'app-eu-west-1', dir: '/y', dependsOn: ['app-us-east-1']},
  ]
  const plan = (...types: [string, 'create' | 'update'][]) =>
    summarizePlan({resource_changes: types.map(([type, action], i) => change(type, `R${i}`, [action]))})

  it('keeps a replica region waiting while the primary region creates its database', () => {
    const plans = new Map([
      ['app-us-east-1', plan(['aws_db_instance', 'create'])],
      ['app-eu-west-1', plan(['aws_db_instance', 'create'])],
    ])
    expect(effectiveDependencies(stacks, plans)[1]!.dependsOn).toEqual(['app-us-east-1'])
  })

  it('lets day-two changes run side by side once the primary database exists', () => {
    const plans = new Map([
      ['app-us-east-1', plan(['aws_autoscaling_group', 'update'], ['aws_db_instance', 'update'])],
      ['app-eu-west-1', plan(['aws_autoscaling_group', 'update'])],
    ])
    expect(effectiveDependencies(stacks, plans)[1]!.dependsOn).toEqual([])
  })
})

describe('maskOutputs', () => {
  const outputs = {endpoint: {sensitive: false, value: 'lb.example'}, password: {sensitive: true, value: 'hunter2'}}

  it('masks sensitive values unless asked to show them', () => {
    expect(maskOutputs(outputs, false)).toEqual({
      endpoint: {sensitive: false, value: 'lb.example'},
      password: {sensitive: true, value: MASK},
    })
    expect(maskOutputs(outputs, true).password!.value).toBe('hunter2')
  })
})
