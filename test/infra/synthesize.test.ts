import {mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {parse} from '@cdktf/hcl2json'
import {ATTRIBUTES_AS_BLOCKS} from '../../src/infra/hcl/render-hcl.js'
import {synthesize} from '../../src/infra/synthesize.js'
import {TOPOLOGY_CASES, loadTopology, type TopologyCase} from './helpers/fixtures.js'
import {synthToTemp, type SynthOutput, type TerraformJson} from './helpers/synth-output.js'
import {checkReferences, interpolations} from './helpers/terraform-references.js'

const json = new Map<TopologyCase, SynthOutput>()
const hcl = new Map<TopologyCase, SynthOutput>()

// Sixteen syntheses: several seconds on a shared 2-core machine, past jest's default of 5 s for a hook.
beforeAll(async () => {
  for (const name of TOPOLOGY_CASES) {
    json.set(name, await synthToTemp(loadTopology(name)))
    hcl.set(name, await synthToTemp(loadTopology(name), {hcl: true}))
  }
}, 120_000)
afterAll(() => {
  for (const output of [...json.values(), ...hcl.values()]) output.dispose()
})

const stacksOf = (output: SynthOutput) =>
  [...output.stackText.entries()].map(([name, text]) => ({name, stack: JSON.parse(text) as TerraformJson}))

/** `type.name` of every resource and data source, the set both formats must agree on. */
function addresses(config: {
  resource?: Record<string, Record<string, unknown>>
  data?: Record<string, Record<string, unknown>>
}): string[] {
  const of = (blocks: Record<string, Record<string, unknown>> | undefined, prefix: string) =>
    Object.entries(blocks ?? {}).flatMap(([type, byName]) =>
      Object.keys(byName).map((name) => `${prefix}${type}.${name}`),
    )
  return [...of(config.resource, ''), ...of(config.data, 'data.')].sort()
}

describe.each(TOPOLOGY_CASES)('%s', (name) => {
  test('one stack per region, named <name>-<region>, listed in the manifest', () => {
    const topology = loadTopology(name)
    const output = json.get(name)!
    expect(output.result.stacks.map((stack) => stack.name)).toEqual(
      topology.regions.map((region) => `shop-${region.region}`),
    )
    const manifest = JSON.parse(output.files.get('manifest.json')!) as {
      stacks: Record<string, {synthesizedStackPath: string}>
    }
    expect(Object.keys(manifest.stacks).sort()).toEqual(output.result.stacks.map((stack) => stack.name).sort())
  })

  test('every stack is Terraform JSON with the qualified provider, default tags and a relative local backend', () => {
    for (const {name: stackName, stack} of stacksOf(json.get(name)!)) {
      expect(stack.terraform).toEqual({
        backend: {local: {path: `terraform.${stackName}.tfstate`}},
        required_providers: {aws: {source: 'hashicorp/aws', version: expect.stringMatching(/^~> 6\.\d+$/)}},
      })
      expect(stack.provider?.aws?.[0]).toEqual({
        region: stackName.replace(/^shop-/, ''),
        default_tags: [
          // No stage tag: a tag that followed the stage would touch every resource on every stage change.
          {tags: {project: 'shop', 'managed-by': 'scaleplan'}},
        ],
      })
      expect(Object.keys(stack.resource ?? {}).length).toBeGreaterThan(5)
    }
  })

  test('every ${...} reference names a resource, data source, variable or local of the same stack', async () => {
    for (const {name: stackName, stack} of stacksOf(json.get(name)!)) {
      const {dangling, count} = await checkReferences(stack)
      expect({stack: stackName, dangling}).toEqual({stack: stackName, dangling: []})
      expect(count).toBeGreaterThan(20)
    }
  })

  test('the HCL variant is formatted, parses back, and declares the same resources', async () => {
    const jsonStacks = new Map(stacksOf(json.get(name)!).map(({name: stackName, stack}) => [stackName, stack]))
    for (const [stackName, text] of hcl.get(name)!.stackText) {
      expect(text).toMatch(/^terraform \{\n {2}required_providers \{/)
      const parsed = (await parse('cdk.tf', text)) as Parameters<typeof addresses>[0]
      expect(addresses(parsed)).toEqual(addresses(jsonStacks.get(stackName)!))
    }
  })

  test('the HCL sets every argument the JSON sets, empty "none" lists included', async () => {
    const jsonStacks = new Map(stacksOf(json.get(name)!).map(({name: stackName, stack}) => [stackName, stack]))
    for (const [stackName, text] of hcl.get(name)!.stackText) {
      const parsed = (await parse('cdk.tf', text)) as {
        resource: Record<string, Record<string, [Record<string, unknown>]>>
      }
      for (const [type, byName] of Object.entries(jsonStacks.get(stackName)!.resource ?? {})) {
        for (const [resourceName, body] of Object.entries(byName)) {
          // An empty list of real nested blocks is zero blocks either way; of attributes-as-blocks it means "none".
          const set = Object.entries(body)
            .filter(([key, value]) => key !== '//' && value !== null)
            .filter(
              ([key, value]) =>
                !(Array.isArray(value) && value.length === 0) || ATTRIBUTES_AS_BLOCKS[type]?.includes(key),
            )
            .map(([key]) => key)
            .sort()
          const address = `${type}.${resourceName}`
          expect({address, keys: Object.keys(parsed.resource[type]![resourceName]![0]).sort()}).toEqual({
            address,
            keys: set,
          })
        }
      }
    }
  })
})

describe('output files', () => {
  test('the manifest holds no absolute path, no backslash, no stack trace', () => {
    for (const output of json.values()) {
      const manifest = output.files.get('manifest.json')!
      expect(manifest).not.toMatch(/"\/|[A-Z]:\\\\|\\\\/)
      expect(manifest).not.toContain(tmpdir())
      expect(manifest).not.toContain('stacktrace')
      expect(manifest.endsWith('}\n')).toBe(true)
    }
  })

  test('no file holds the output directory, the working directory or a timestamp', () => {
    for (const output of [...json.values(), ...hcl.values()]) {
      for (const [file, text] of output.files) {
        expect({file, leaks: [output.result.outDir, process.cwd()].filter((dir) => text.includes(dir))}).toEqual({
          file,
          leaks: [],
        })
        expect({file, timestamp: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text)}).toEqual({file, timestamp: false})
      }
    }
  })

  test('replica regions depend on the primary region in the manifest', () => {
    const manifest = JSON.parse(json.get('stage-7-three-regions')!.files.get('manifest.json')!) as {
      stacks: Record<string, {dependencies: string[]}>
    }
    expect(manifest.stacks['shop-eu-west-1']!.dependencies).toEqual(['shop-us-east-1'])
    expect(manifest.stacks['shop-us-east-1']!.dependencies).toEqual([])
  })

  test('cross-region replicas name the primary by the ARN of its deterministic identifier', () => {
    const eu = JSON.parse(json.get('stage-7-three-regions')!.stackText.get('shop-eu-west-1')!) as TerraformJson
    const replicas = Object.values(eu.resource?.aws_db_instance ?? {})
    const arn = (db: string) =>
      'arn:${data.aws_partition.Account_Partition.partition}:rds:us-east-1:' +
      `\${data.aws_caller_identity.Account_Caller.account_id}:db:${db}`
    expect(replicas.map((db) => db.replicate_source_db)).toEqual([
      arn('shop-us-east-1-db'),
      arn('shop-us-east-1-db-shard2'),
    ])
    const us = JSON.parse(json.get('stage-7-three-regions')!.stackText.get('shop-us-east-1')!) as TerraformJson
    const primaries = Object.values(us.resource?.aws_db_instance ?? {}).filter(
      (db) => db.replicate_source_db === undefined,
    )
    expect(primaries.map((db) => db.identifier)).toEqual(['shop-us-east-1-db', 'shop-us-east-1-db-shard2'])
  })
})

describe('options', () => {
  let outDir: string
  beforeEach(() => {
    outDir = mkdtempSync(path.join(tmpdir(), 'scaleplan-options-'))
  })
  afterEach(() => rmSync(outDir, {recursive: true, force: true}))
  const stackJson = (name: string) =>
    JSON.parse(readFileSync(path.join(outDir, 'stacks', name, 'cdk.tf.json'), 'utf8')) as TerraformJson

  test('S3 backend: one key per stack under the prefix, encrypted, native locking, Terraform >= 1.10', async () => {
    await synthesize(loadTopology('stage-7-three-regions'), {
      outDir,
      backend: {kind: 's3', bucket: 'team-state', keyPrefix: '/scaleplan/'},
    })
    expect(stackJson('shop-eu-west-1').terraform).toEqual(
      expect.objectContaining({
        backend: {
          s3: {
            bucket: 'team-state',
            key: 'scaleplan/shop-eu-west-1.tfstate',
            region: 'us-east-1',
            encrypt: true,
            use_lockfile: true,
          },
        },
        required_version: '>= 1.10',
      }),
    )
  })

  test('a certificate turns on HTTPS; the port-80 listener keeps its address and redirects', async () => {
    const arn = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-aaaa-bbbb-cccc-0123456789ab'
    const result = await synthesize(loadTopology('stage-3'), {outDir, certificateArn: arn})
    const stack = stackJson('shop-us-east-1')
    expect(stack.resource?.aws_lb_listener).toEqual({
      LoadBalancer_Http: expect.objectContaining({
        port: 80,
        default_action: [expect.objectContaining({type: 'redirect'})],
      }),
      LoadBalancer_Https: expect.objectContaining({port: 443, protocol: 'HTTPS', certificate_arn: arn}),
    })
    // The same rule address as without a certificate, now redirecting; the HTTPS listener forwards.
    expect(stack.resource?.aws_lb_listener_rule).toEqual({
      AppServers_ListenerRule: expect.objectContaining({action: [expect.objectContaining({type: 'redirect'})]}),
      AppServers_HttpsListenerRule: expect.objectContaining({
        listener_arn: '${aws_lb_listener.LoadBalancer_Https.arn}',
        action: [expect.objectContaining({type: 'forward'})],
      }),
    })
    expect(result.warnings).toEqual([])
  })

  test('a certificate from stage 4, or beside a domain, is refused: CloudFront needs a name it covers', async () => {
    const arn = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-aaaa-bbbb-cccc-0123456789ab'
    await expect(synthesize(loadTopology('stage-4'), {outDir, certificateArn: arn})).rejects.toThrow(
      /certificate ARN at stage 4: .* give --domain and --hosted-zone-id instead/,
    )
    const withDomain = {
      ...loadTopology('stage-3'),
      edge: {cdn: false, domain: {name: 'shop.example.com', hostedZoneId: 'Z0123456789ABCDEFGHIJ'}},
    }
    await expect(synthesize(withDomain, {outDir, certificateArn: arn})).rejects.toThrow(
      /certificate ARNs and a domain \(shop.example.com\) together/,
    )
  })

  test('a certificate of a region outside the topology is refused', async () => {
    const arn = 'arn:aws:acm:sa-east-1:123456789012:certificate/0a1b2c3d-aaaa-bbbb-cccc-0123456789ab'
    await expect(synthesize(loadTopology('stage-3'), {outDir, certificateArn: arn})).rejects.toThrow(
      /sa-east-1, which is not one of the topology's regions/,
    )
  })

  test('switching between JSON and HCL leaves one format per stack', async () => {
    const topology = loadTopology('stage-2')
    await synthesize(topology, {outDir})
    await synthesize(topology, {outDir, hcl: true})
    expect(existsSync(path.join(outDir, 'stacks/shop-us-east-1/cdk.tf.json'))).toBe(false)
    expect(existsSync(path.join(outDir, 'stacks/shop-us-east-1/cdk.tf'))).toBe(true)
    await synthesize(topology, {outDir})
    expect(existsSync(path.join(outDir, 'stacks/shop-us-east-1/cdk.tf'))).toBe(false)
    expect(existsSync(path.join(outDir, 'stacks/shop-us-east-1/metadata.json'))).toBe(false)
  })

  test('stacks of regions no longer in the topology are reported, not deleted (they may hold state)', async () => {
    await synthesize(loadTopology('stage-7-three-regions'), {outDir})
    writeFileSync(path.join(outDir, 'stacks/shop-eu-west-1/terraform.shop-eu-west-1.tfstate'), '{}')
    const result = await synthesize(loadTopology('stage-2'), {outDir})
    expect(result.staleStacks).toEqual(['shop-ap-southeast-1', 'shop-eu-west-1'])
    expect(existsSync(path.join(outDir, 'stacks/shop-eu-west-1/terraform.shop-eu-west-1.tfstate'))).toBe(true)
    expect(existsSync(path.join(outDir, 'stacks/shop-eu-west-1/cdk.tf.json'))).toBe(true)
  })

  test('a topology is checked against the schema first, every problem named', async () => {
    const topology = {...loadTopology('stage-2'), primaryRegion: 'eu-west-1'}
    const failure = synthesize(topology, {outDir})
    await expect(failure).rejects.toMatchObject({name: 'SynthesisError', reason: 'invalid-input'})
    await expect(failure).rejects.toThrow(/primaryRegion: "eu-west-1" is not one of the regions \(us-east-1\)/)
  })

  test('the primary region is found by name, not by position: replica stacks depend on it', async () => {
    const topology = loadTopology('stage-7-three-regions')
    const [primary, ...replicas] = topology.regions
    await synthesize({...topology, regions: [replicas[0]!, primary!, replicas[1]!]}, {outDir})
    const manifest = JSON.parse(readFileSync(path.join(outDir, 'manifest.json'), 'utf8')) as {
      stacks: Record<string, {dependencies: string[]}>
    }
    expect(manifest.stacks['shop-eu-west-1']!.dependencies).toEqual(['shop-us-east-1'])
    expect(manifest.stacks['shop-ap-southeast-1']!.dependencies).toEqual(['shop-us-east-1'])
    expect(manifest.stacks['shop-us-east-1']!.dependencies).toEqual([])
    // The primaries' ARNs name us-east-1 wherever it sits in the list.
    expect(stackJson('shop-eu-west-1').resource?.aws_db_instance?.Database_Replica1?.replicate_source_db).toMatch(
      /:rds:us-east-1:/,
    )
  })

  test('policyReport writes every rule x resource verdict beside each stack, and a later run without it removes it', async () => {
    await synthesize(loadTopology('stage-2'), {outDir, policyReport: true})
    const file = path.join(outDir, 'stacks/shop-us-east-1/policy-report.json')
    const report = JSON.parse(readFileSync(file, 'utf8')) as {
      stack: string
      results: {rule: string; resource: string; status: string; suppressed?: string}[]
    }
    expect(report.stack).toBe('shop-us-east-1')
    // Every rule of the pack judged something in this stack; the database was judged by each RDS rule.
    expect(new Set(report.results.map((row) => row.rule)).size).toBeGreaterThanOrEqual(10)
    expect(
      report.results.filter((row) => row.resource === 'aws_db_instance.Database_Primary').map((r) => r.rule),
    ).toEqual(
      expect.arrayContaining(['rds-encrypted', 'rds-managed-password', 'rds-deletion-protection', 'rds-backups']),
    )
    // The stage-2 website bucket is the documented exception: non-compliant, suppressed, with the reason.
    expect(report.results).toContainEqual(
      expect.objectContaining({
        rule: 's3-public-access-blocked',
        status: 'non-compliant',
        suppressed: expect.any(String),
      }),
    )
    expect(report.results.filter((row) => row.status !== 'compliant' && !row.suppressed)).toEqual([])
    await synthesize(loadTopology('stage-2'), {outDir})
    expect(existsSync(file)).toBe(false)
  })

  test('HCL with the S3 backend: required_version is an argument of the terraform block', async () => {
    const backend = {kind: 's3', bucket: 'state-bucket', keyPrefix: 'teams/shop'} as const
    await synthesize(loadTopology('stage-2'), {outDir, hcl: true, backend})
    const text = readFileSync(path.join(outDir, 'stacks/shop-us-east-1/cdk.tf'), 'utf8')
    expect(text).toMatch(/^terraform \{\n {2}required_version = ">= 1\.10"\n/)
    const parsed = (await parse('cdk.tf', text)) as {terraform: [{required_version: string; backend: unknown}]}
    expect(parsed.terraform[0].required_version).toBe('>= 1.10')
    expect(parsed.terraform[0].backend).toEqual({
      s3: [
        {
          bucket: 'state-bucket',
          key: 'teams/shop/shop-us-east-1.tfstate',
          region: 'us-east-1',
          encrypt: true,
          use_lockfile: true,
        },
      ],
    })
  })

  test('cdktf is never asked for HCL: SYNTH_HCL_OUTPUT=true (cdktf synth --hcl) still gives our rendering', async () => {
    const before = process.env.SYNTH_HCL_OUTPUT
    process.env.SYNTH_HCL_OUTPUT = 'true'
    try {
      await synthesize(loadTopology('stage-2'), {outDir})
      expect(existsSync(path.join(outDir, 'stacks/shop-us-east-1/cdk.tf.json'))).toBe(true)
      expect(existsSync(path.join(outDir, 'stacks/shop-us-east-1/cdk.tf'))).toBe(false)
    } finally {
      if (before === undefined) delete process.env.SYNTH_HCL_OUTPUT
      else process.env.SYNTH_HCL_OUTPUT = before
    }
  })

  test('SYNTH_HCL_OUTPUT is restored afterwards', async () => {
    const before = process.env.SYNTH_HCL_OUTPUT
    await synthesize(loadTopology('stage-1'), {outDir, hcl: true})
    expect(process.env.SYNTH_HCL_OUTPUT).toBe(before)
  })
})

describe('reference scanner', () => {
  test('finds interpolations, skips $${ escapes and braces inside quoted strings', () => {
    expect(interpolations('a ${x.y} $${not} ${f("}", z.w)} b')).toEqual(['${x.y}', '${f("}", z.w)}'])
  })
})

describe('failures', () => {
  test('a topology past the bounds scaleplan synthesizes is bad input, refused before any stack is built', async () => {
    const base = loadTopology('stage-6')
    const topology = {
      ...base,
      regions: base.regions.map((region) => ({
        ...region,
        components: region.components.map((c) => (c.kind === 'database' ? {...c, shards: 100_000} : c)),
      })),
    }
    const outDir = path.join(mkdtempSync(path.join(tmpdir(), 'scaleplan-fail-')), 'out')
    const failure = synthesize(topology, {outDir})
    await expect(failure).rejects.toMatchObject({name: 'SynthesisError', reason: 'invalid-input'})
    await expect(failure).rejects.toThrow(/database instances in one region; scaleplan synthesizes at most 200/)
    expect(existsSync(outDir)).toBe(false)
    rmSync(path.dirname(outDir), {recursive: true, force: true})
  })

  test('an impossible topology is bad input, named, and leaves no output directory behind', async () => {
    const base = loadTopology('stage-7')
    const region = base.regions[0]!
    const topology = {
      ...base,
      regions: [{...region, components: region.components.filter((c) => c.kind !== 'load-balancer')}],
    }
    const outDir = path.join(mkdtempSync(path.join(tmpdir(), 'scaleplan-fail-')), 'out')
    const failure = synthesize(topology, {outDir})
    await expect(failure).rejects.toMatchObject({name: 'SynthesisError', reason: 'invalid-input'})
    await expect(failure).rejects.toThrow(/services need a load-balancer component/)
    expect(existsSync(outDir)).toBe(false)
    rmSync(path.dirname(outDir), {recursive: true, force: true})
  })

  test.each(['db', 'cache', 'alb', 'app', 'server'])(
    'a service named "%s" is bad input: it would share a security group name with a fixed component',
    async (name) => {
      const base = loadTopology('stage-7')
      const region = base.regions[0]!
      const components = region.components.map((c, index) =>
        c.kind === 'service' && index === region.components.findIndex((s) => s.kind === 'service')
          ? {...c, name, path: `/${name}/*`}
          : c,
      )
      const outDir = path.join(mkdtempSync(path.join(tmpdir(), 'scaleplan-fail-')), 'out')
      const failure = synthesize({...base, regions: [{...region, components}]}, {outDir})
      await expect(failure).rejects.toMatchObject({name: 'SynthesisError', reason: 'invalid-input'})
      await expect(failure).rejects.toThrow(`service name "${name}" is reserved`)
      expect(existsSync(outDir)).toBe(false)
      rmSync(path.dirname(outDir), {recursive: true, force: true})
    },
  )
})
