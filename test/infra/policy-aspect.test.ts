import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {App, Aspects} from 'cdktf'
import {SecurityGroup} from '@cdktf/provider-aws/lib/security-group/index.js'
import {S3Bucket} from '@cdktf/provider-aws/lib/s3-bucket/index.js'
import {RegionStack} from '../../src/infra/region-stack.js'
import {evaluatePolicy, findingsOf} from '../../src/infra/policy/evaluate-policy.js'
import {PolicyAspect} from '../../src/infra/policy/policy-aspect.js'
import type {PolicyRule} from '../../src/infra/policy/rule.js'
import {suppressRule} from '../../src/infra/policy/suppressions.js'
import {loadTopology} from './helpers/fixtures.js'

let outDir: string
beforeEach(() => {
  outDir = mkdtempSync(path.join(tmpdir(), 'scaleplan-policy-'))
})
afterEach(() => rmSync(outDir, {recursive: true, force: true}))

function stackWith(add: (stack: RegionStack) => void): App {
  const app = new App({outdir: outDir, stackTraces: false})
  const stack = new RegionStack(app, {topology: loadTopology('stage-1'), regionIndex: 0})
  add(stack)
  return app
}

/** A rule with a bug: it throws on every security group. */
const brokenRule: PolicyRule = {
  id: 'broken-rule',
  level: 'error',
  explanation: 'Exists to throw.',
  resourceTypes: ['aws_security_group'],
  check: () => {
    throw new TypeError('no ports here')
  },
}

describe('policy evaluation', () => {
  test('runs each rule in its own try/catch and returns every rule x resource verdict', () => {
    const group = {type: 'aws_security_group', address: 'aws_security_group.Web', path: 'stack/Web', attributes: {}}
    const bucket = {type: 'aws_s3_bucket', address: 'aws_s3_bucket.Site', path: 'stack/Site', attributes: {}}
    const fine: PolicyRule = {...brokenRule, id: 'fine-rule', check: () => ({status: 'compliant'})}
    const results = evaluatePolicy([group, bucket], [brokenRule, fine])
    expect(results.map((r) => [r.rule.id, r.subject.address, r.verdict.status])).toEqual([
      ['broken-rule', 'aws_security_group.Web', 'rule-failed'],
      ['fine-rule', 'aws_security_group.Web', 'compliant'],
    ])
    expect(findingsOf(results).map((f) => f.verdict)).toEqual([
      {status: 'rule-failed', detail: 'TypeError: no ports here'},
    ])
  })
})

describe('policy aspect', () => {
  test('a violation fails synthesis naming the rule and the resource', () => {
    const app = stackWith((stack) => {
      new SecurityGroup(stack, 'Bastion', {
        vpcId: stack.network.vpc.id,
        ingress: [{protocol: 'tcp', fromPort: 22, toPort: 22, cidrBlocks: ['0.0.0.0/0']}],
      })
    })
    expect(() => app.synth()).toThrow(
      /policy rule public-ingress-web-only violated by aws_security_group\.Bastion: admits the internet on tcp ports 22-22/,
    )
  })

  test('every violation is reported at once', () => {
    const app = stackWith((stack) => {
      new S3Bucket(stack, 'Loose', {bucket: 'loose'})
    })
    let message = ''
    try {
      app.synth()
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toContain('s3-encrypted violated by aws_s3_bucket.Loose')
    expect(message).toContain('s3-public-access-blocked violated by aws_s3_bucket.Loose')
  })

  test('a suppression with a reason turns the violation into an info note in the manifest', () => {
    const app = stackWith((stack) => {
      const bucket = new S3Bucket(stack, 'Scratch', {bucket: 'scratch'})
      suppressRule(bucket, 's3-encrypted', 'test bucket that is encrypted by the account default')
      suppressRule(bucket, 's3-public-access-blocked', 'test bucket covered by the account-level public access block')
    })
    app.synth()
    const manifest = JSON.parse(readFileSync(path.join(outDir, 'manifest.json'), 'utf8')) as {
      stacks: Record<string, {annotations: {level: string; message: string}[]}>
    }
    const notes = Object.values(manifest.stacks)
      .flatMap((stack) => stack.annotations)
      .filter((note) => note.level === '@cdktf/info')
    expect(notes.map((note) => note.message)).toEqual([
      expect.stringContaining('policy rule s3-encrypted suppressed for aws_s3_bucket.Scratch'),
      expect.stringContaining('policy rule s3-public-access-blocked suppressed for aws_s3_bucket.Scratch'),
    ])
  })

  test('a rule that throws is a finding naming the rule and the resource; every other rule still reports', () => {
    const app = stackWith((stack) => {
      Aspects.of(stack).add(new PolicyAspect([brokenRule]))
      new SecurityGroup(stack, 'Bastion', {
        vpcId: stack.network.vpc.id,
        ingress: [{protocol: 'tcp', fromPort: 22, toPort: 22, cidrBlocks: ['0.0.0.0/0']}],
      })
    })
    expect(() => app.synth()).toThrow(
      'policy rule broken-rule could not check aws_security_group.Bastion, so it does not pass ' +
        '(TypeError: no ports here; a bug in the rule)',
    )
    expect(() => app.synth()).toThrow(/public-ingress-web-only violated by aws_security_group\.Bastion/)
  })

  test('a suppression needs a real reason', () => {
    stackWith((stack) => {
      expect(() => suppressRule(stack, 's3-encrypted', 'because')).toThrow(/needs a reason/)
    })
  })
})
