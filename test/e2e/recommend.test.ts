/** End-to-end: the built CLI (`npm run build` first; `npm test` does it), run as a separate process. */
import {describe, expect, it} from '@jest/globals'
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {ROOT, runCli} from '../helpers/cli.js'
import {loadedPackages} from '../helpers/loaded-packages.js'

const EXAMPLE = join(ROOT, 'templates/specs/example.yaml')
const json = (args: string[], env?: Record<string, string>) => {
  const result = runCli([...args, '--json'], {env})
  expect(result.stderr).toBe('')
  expect(result.status).toBe(0)
  return JSON.parse(result.stdout)
}

describe('scaleplan recommend', () => {
  it('prints the stage, components, reasons, cost and next trigger as text, without colour off a TTY', () => {
    const result = runCli(['recommend', '--users', '8M', '--data-size', '50GB'])
    expect(result.status).toBe(0)
    expect(result.stdout).toMatch(/^app: stage 5 of 7, Read cache \(80\/20 rule\)/)
    expect(result.stdout).toMatch(
      /peak reads of 8,333.3 queries\/s: from [\d,]+ daily users a cache is the cheapest fix/,
    )
    expect(result.stdout).toContain('Cache by the 80/20 rule')
    expect(result.stdout).toMatch(/no CDN: CloudFront \$[\d,.]+ a month by its volume tiers, serving from the region/)
    expect(result.stdout).toMatch(/Availability\n {2}[\d.]+% from the AWS SLAs/)
    expect(result.stdout).toMatch(/Monthly cost: \$[\d,]+\.\d\d/)
    expect(result.stdout).toMatch(/stage 6 \(database-scaling\) at [\d,]+ daily users/)
    expect(result.stdout).not.toContain('\u001B[')
  })

  it('prints the documented JSON shape with --json', () => {
    const rec = json(['recommend', '--users', '2.5M', '--regions', 'us-east-1,eu-west-1'])
    expect(rec).toMatchObject({
      schemaVersion: 3,
      stage: {number: 4, name: 'cdn'},
      load: {
        avgRps: expect.any(Number),
        peakRps: expect.any(Number),
        readRps: expect.any(Number),
        writeRps: expect.any(Number),
        readQps: expect.any(Number),
        writeQps: expect.any(Number),
      },
      edge: {cdn: true, why: 'latency', cdnUsd: expect.any(Number), directUsd: expect.any(Number)},
      availability: {targetPercent: 99.5, percent: expect.any(Number), meetsTarget: expect.any(Boolean)},
      quotas: [],
      topology: {
        name: 'app',
        stage: 4,
        primaryRegion: 'us-east-1',
        regions: [{region: 'us-east-1'}, {region: 'eu-west-1'}],
      },
      cost: {monthlyUsd: expect.any(Number), currency: 'USD'},
    })
    for (const reason of rec.reasons) {
      expect(Object.keys(reason)).toEqual(expect.arrayContaining(['rule', 'value', 'threshold', 'message']))
    }

    for (const next of rec.next)
      expect(Object.keys(next)).toEqual(expect.arrayContaining(['stage', 'atUsers', 'because']))
    for (const assumption of rec.assumptions) {
      expect(Object.keys(assumption)).toEqual(expect.arrayContaining(['name', 'value', 'unit', 'source']))
    }
  })

  it('gives the same result from a spec file, from environment variables and from flags', () => {
    const fromFile = json(['recommend', '--spec', EXAMPLE])
    const fromFlags = json([
      'recommend',
      '--name',
      'shop',
      '--users',
      '2500000',
      '--read-write',
      '9:1',
      '--regions',
      'us-east-1,eu-west-1',
      '--region-shares',
      'us-east-1=60,eu-west-1=40',
      '--data-size',
      '500GB',
      '--availability',
      '99.9',
    ])
    const fromEnv = json(['recommend'], {
      SCALEPLAN_NAME: 'shop',
      SCALEPLAN_USERS: '2.5M',
      SCALEPLAN_READ_WRITE: '90:10',
      SCALEPLAN_REGIONS: 'us-east-1,eu-west-1',
      SCALEPLAN_REGION_SHARES: 'us-east-1=60,eu-west-1=40',
      SCALEPLAN_DATA_SIZE: '500GB',
      SCALEPLAN_AVAILABILITY: '99.9',
    })
    expect(fromFlags.topology).toEqual(fromFile.topology)
    expect(fromEnv.topology).toEqual(fromFile.topology)
    expect(fromEnv.cost).toEqual(fromFile.cost)
  })

  it('lets flags override the spec file, and SCALEPLAN_SPEC name it', () => {
    const flags = [
      '--users',
      '50',
      '--data-size',
      '1GB',
      '--regions',
      'us-east-1',
      '--region-shares',
      'us-east-1=100',
      '--availability',
      '99',
    ]
    const rec = json(['recommend', ...flags], {
      SCALEPLAN_SPEC: EXAMPLE,
    })
    expect(rec.name).toBe('shop')
    expect(rec.stage.number).toBe(1)
  })
})

describe('scaleplan recommend: bad input', () => {
  const expectUsageError = (result: ReturnType<typeof runCli>, lines: (string | RegExp)[]) => {
    expect(result.status).toBe(2)
    expect(result.stdout).toBe('')
    const stderr = result.stderr.trimEnd().split('\n')
    expect(stderr).toHaveLength(lines.length)
    lines.forEach((line, i) =>
      typeof line === 'string' ? expect(stderr[i]).toBe(line) : expect(stderr[i]).toMatch(line),
    )
    expect(result.stderr).not.toMatch(/\n\s+at /) // no stack trace
  }

  it('reports every problem at once, one line each, exit code 2', () => {
    expectUsageError(
      runCli(['recommend', '--users', 'lots', '--read-write', 'abc', '--regions', 'us-east-1,eu-wst-1']),
      [
        'Error: --users: expected a whole number from 1 to 10B, like 2500000, 2.5M, 10k or 1_000_000, or a range like 1M..5M, got "lots"',
        'Error: --read-write: expected reads:writes like 90:10, or reads per write like 9, got "abc"',
        'Error: --regions: unknown AWS region "eu-wst-1" (did you mean "eu-west-1"?); ' +
          'expected comma-separated AWS region codes like us-east-1,eu-west-1',
      ],
    )
  })

  it('names the environment variable or spec-file key the bad value came from', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scaleplan-'))
    const spec = join(dir, 'bad.yaml')
    writeFileSync(spec, 'users: 10k\ndataSize: 500\nregion: us-east-1\n')
    expectUsageError(runCli(['recommend', '--spec', spec], {env: {SCALEPLAN_PEAK_FACTOR: '0'}}), [
      `Error: ${spec}: unknown key "region" (did you mean "regions"?); accepted keys: ` +
        'name, users, readWrite, regions, regionShares, dataSize, objectDataSize, requestsPerUser, peakFactor, ' +
        'queriesPerRequest, responseSize, staticShare, hotSet, headroom, availability, services, cacheEngine, domain, ' +
        'hostedZoneId, growth, dataGrowth, horizon, thresholds',
      `Error: ${spec}: dataSize: expected a size with a unit from 1MB to 10PB, like 500GB, 2TB or 750GiB, or a range like 200GB..1TB, got 500`,
      'Error: SCALEPLAN_PEAK_FACTOR: expected a number from 1 to 100, like 2, or a range like 1.5..4, got "0"',
    ])
    expect(readFileSync(spec, 'utf8')).toBe('users: 10k\ndataSize: 500\nregion: us-east-1\n')
  })

  it('says when the spec file is missing or not YAML', () => {
    expectUsageError(runCli(['recommend', '--spec', 'nope.yaml']), [
      'Error: --spec: cannot read "nope.yaml": no such file or directory (ENOENT); expected a YAML or JSON spec file',
    ])
    const dir = mkdtempSync(join(tmpdir(), 'scaleplan-'))
    writeFileSync(join(dir, 'broken.yaml'), 'users: [1\n')
    expectUsageError(runCli(['recommend', '--spec', 'broken.yaml'], {cwd: dir}), [
      /^Error: broken\.yaml:\d+: not valid YAML or JSON: /,
    ])
  })

  it('asks for users when nothing gives them', () => {
    expectUsageError(runCli(['recommend']), [
      'Error: --users: required; give daily active users with --users (like 2.5M), SCALEPLAN_USERS or "users:" in a spec file (scaleplan.yaml here, which `scaleplan init` writes)',
    ])
  })

  it('prints the problems as a JSON error object on stdout with --json', () => {
    const result = runCli(['recommend', '--users', '0', '--json'])
    expect(result.status).toBe(2)
    expect(JSON.parse(result.stdout)).toEqual({
      error: {
        name: 'UsageError',
        code: 'INVALID_INPUT',
        exitCode: 2,
        problems: [
          '--users: expected a whole number from 1 to 10B, like 2500000, 2.5M, 10k or 1_000_000, or a range like 1M..5M, got "0"',
        ],
      },
    })
  })

  it('rejects an unknown flag with exit code 2', () => {
    const result = runCli(['recommend', '--user', '5'])
    expect(result.status).toBe(2)
    expect(result.stderr).toContain('--user')
  })
})

describe('scaleplan recommend: start-up', () => {
  /** What `recommend <args>` loaded: the trace test/fixtures/trace-imports.mjs writes. */
  function traceOf(args: string[]): string {
    const trace = join(mkdtempSync(join(tmpdir(), 'scaleplan-trace-')), 'imports.txt')
    writeFileSync(trace, '')
    const result = runCli(['recommend', ...args], {
      env: {TRACE_IMPORTS_FILE: trace},
      nodeOptions: ['--import', join(ROOT, 'test/fixtures/trace-imports.mjs')],
    })
    expect(result.status).toBe(0)
    const loaded = readFileSync(trace, 'utf8')
    expect(loaded).toContain('/dist/bundle/core.cjs') // the trace works
    return loaded
  }

  /** The packages `recommend <args>` loads, bundled ones included. */
  const packagesLoadedBy = (args: string[]) => loadedPackages(traceOf(args))

  it('never loads cdktf or the AWS provider', () => {
    const packages = packagesLoadedBy(['--spec', EXAMPLE])
    expect(packages).toContain('zod') // bundled packages are seen too
    expect(packages).toContain('yaml')
    for (const name of ['cdktf', 'constructs', '@cdktf/provider-aws', '@cdktf/hcl-tools'])
      expect(packages).not.toContain(name)
  })

  it('loads the core chunk and no other: not oclif, provisioning, the prompts or calibration', () => {
    // The YAML parser is in the core, initialized only when a spec file is read.
    for (const args of [
      ['--spec', EXAMPLE],
      ['--users', '10k', '--json'],
    ]) {
      const chunks = traceOf(args).match(/\/dist\/bundle\/[\w-]+\.cjs/g) ?? []
      expect({args, chunks: [...new Set(chunks)]}).toEqual({args, chunks: ['/dist/bundle/core.cjs']})
    }
  })
})
