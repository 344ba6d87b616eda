import {describe, expect, it} from '@jest/globals'

import {parseSpecText} from '../../src/spec/read-file.js'
import {envName, flagName, resolveSpec, type SpecSources} from '../../src/spec/resolve.js'

const resolve = (sources: Partial<SpecSources>) => resolveSpec({env: {}, flags: {}, ...sources})

describe('resolveSpec: sources', () => {
  it('fills every optional input from the documented defaults', () => {
    const result = resolve({flags: {users: '10'}})
    expect(result).toEqual({
      ok: true,
      spec: {
        name: 'app',
        users: 10,
        readWrite: {reads: 90, writes: 10},
        regions: ['us-east-1'],
        regionShares: [1],
        dataSize: 10e9,
        objectDataSize: 0,
        requestsPerUser: 50,
        peakFactor: 2,
        queriesPerRequest: 1,
        responseSize: 20_000,
        staticShare: 0.6,
        hotSet: 0.2,
        headroom: 0.6,
        availability: 99.5,
        services: [],
        cacheEngine: 'valkey',
        thresholds: {},
      },
    })
  })

  it('lets the environment override the file, and flags override both', () => {
    const file = parseSpecText('users: 1k\nregions: [eu-west-1]\ndataSize: 1TB\n', 'spec.yaml')
    const env = {SCALEPLAN_USERS: '2k', SCALEPLAN_DATA_SIZE: '2TB'}
    const result = resolve({file, env, flags: {users: '3k'}})
    if (!result.ok) throw new Error(result.problems.join('\n'))
    expect(result.spec.users).toBe(3000) // flag beats env and file
    expect(result.spec.dataSize).toBe(2e12) // env beats file
    expect(result.spec.regions).toEqual(['eu-west-1']) // file beats default
  })

  it('turns region shares in percent into fractions in region order', () => {
    const result = resolve({
      flags: {users: '1M', regions: 'us-east-1,eu-west-1', regionShares: 'eu-west-1=25,us-east-1=75'},
    })
    expect(result.ok && result.spec.regionShares).toEqual([0.75, 0.25])
  })

  it('reads the capacity inputs in their forms: shares as fractions or percentages, sizes with units', () => {
    const result = resolve({
      flags: {
        users: '1M',
        staticShare: '70%',
        hotSet: '0.05',
        headroom: '50%',
        responseSize: '1.5MB',
        objectDataSize: '20TB',
        queriesPerRequest: '3.5',
      },
    })
    expect(result.ok && result.spec).toMatchObject({
      staticShare: 0.7,
      hotSet: 0.05,
      headroom: 0.5,
      responseSize: 1.5e6,
      objectDataSize: 20e12,
      queriesPerRequest: 3.5,
    })
  })

  it('derives flag and environment names from spec keys', () => {
    expect(flagName('readWrite')).toBe('--read-write')
    expect(envName('requestsPerUser')).toBe('SCALEPLAN_REQUESTS_PER_USER')
  })
})

describe('resolveSpec: the domain', () => {
  it('takes a host name and the hosted zone that holds it, together', () => {
    const result = resolve({flags: {users: '1M', domain: 'shop.example.com', hostedZoneId: 'Z0123456789ABCDEFGHIJ'}})
    expect(result.ok && [result.spec.domain, result.spec.hostedZoneId]).toEqual([
      'shop.example.com',
      'Z0123456789ABCDEFGHIJ',
    ])
  })

  it('refuses one without the other, and names that are not host names or zone ids', () => {
    expect(resolve({flags: {users: '1M', domain: 'shop.example.com'}})).toEqual({
      ok: false,
      problems: [
        '--hosted-zone-id: is needed with a domain (shop.example.com): the Route 53 hosted zone that holds it',
      ],
    })
    expect(resolve({env: {SCALEPLAN_HOSTED_ZONE_ID: 'Z0123456789ABCDEFGHIJ'}, flags: {users: '1M'}})).toEqual({
      ok: false,
      problems: ['--domain: is needed with a hosted zone id (Z0123456789ABCDEFGHIJ): the host name to serve from it'],
    })
    const bad = resolve({flags: {users: '1M', domain: 'Shop_Example', hostedZoneId: 'zone-1'}})
    expect(bad).toEqual({
      ok: false,
      problems: [
        '--domain: expected a lower-case host name like shop.example.com, got "Shop_Example"',
        '--hosted-zone-id: expected a Route 53 hosted zone id like Z0123456789ABCDEFGHIJ, got "zone-1"',
      ],
    })
  })
})

describe('resolveSpec: bad input', () => {
  it('reports every problem at once, each under the name the user typed it as', () => {
    const file = parseSpecText('users: 5\nusres: 5\nthresholds:\n  appServerRPS: 3\n', 'plan.yaml')
    const result = resolve({
      file,
      env: {SCALEPLAN_REGIONS: 'us-est-1'},
      flags: {readWrite: 'abc', dataSize: '5 parsecs'},
    })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.problems).toEqual([
      expect.stringMatching(/^plan\.yaml: unknown key "usres" \(did you mean "users"\?\)/),
      '--read-write: expected reads:writes like 90:10, or reads per write like 9, got "abc"',
      'SCALEPLAN_REGIONS: unknown AWS region "us-est-1" (did you mean "us-east-1"?); ' +
        'expected comma-separated AWS region codes like us-east-1,eu-west-1',
      '--data-size: expected a size with a unit from 1MB to 10PB, like 500GB, 2TB or 750GiB, or a range like 200GB..1TB, got "5 parsecs"',
      expect.stringMatching(
        /^plan\.yaml: thresholds: unknown threshold "appServerRPS" \(did you mean "appServerRps"\?\)/,
      ),
    ])
  })

  it('asks for users when no source gives them', () => {
    const result = resolve({})
    expect(result).toEqual({
      ok: false,
      problems: [
        '--users: required; give daily active users with --users (like 2.5M), SCALEPLAN_USERS or "users:" in a spec file (scaleplan.yaml here, which `scaleplan init` writes)',
      ],
    })
  })

  it.each([
    [{users: '0'}, '--users: expected a whole number from 1 to 10B'],
    [{users: '1.5'}, '--users: expected a whole number from 1 to 10B'],
    [{users: '1', availability: '100'}, '--availability: expected a percentage from 90 to 99.999'],
    [{users: '1', peakFactor: '0.5'}, '--peak-factor: expected a number from 1 to 100'],
    [{users: '1', name: 'My App'}, '--name: expected lower-case letters'],
    [{users: '1', services: 'search,search'}, '--services: service "search" is listed twice'],
    [
      {users: '1', services: 'search,db'},
      '--services: service name "db" is reserved (scaleplan\'s own resources are named <name>-<region>-db); use a name other than alb, app, cache, db, server',
    ],
    [{users: '1', services: 'alb'}, '--services: service name "alb" is reserved'],
    [{users: '1', regions: 'us-east-1,us-east-1'}, '--regions: region "us-east-1" is listed twice'],
    [
      {users: '1', regions: 'us-east-1,eu-west-1', regionShares: 'us-east-1=60,eu-west-1=30'},
      '--region-shares: shares add up to 90, expected 100',
    ],
    [{users: '1', regionShares: 'eu-west-1=100'}, '--region-shares: names "eu-west-1", which is not in regions'],
    [
      {users: '1', regions: []},
      '--regions: expected comma-separated AWS region codes like us-east-1,eu-west-1, got an empty list',
    ],
    [{users: '1', cacheEngine: 'memcached'}, '--cache-engine: expected "valkey" or "redis", got "memcached"'],
    // 60 is not a share: a percentage says so with its sign
    [
      {users: '1', staticShare: '60'},
      '--static-share: expected a fraction from 0 to 1 or a percentage, like 0.6 or 60%',
    ],
    [{users: '1', headroom: '0'}, '--headroom: expected a fraction above 0 and at most 1'],
    [{users: '1', hotSet: '120%'}, '--hot-set: expected a fraction above 0 and at most 1'],
    [{users: '1', responseSize: '20'}, '--response-size: expected a size with a unit from 1B to 10GB'],
    [{users: '1', objectDataSize: 'lots'}, '--object-data-size: expected a size with a unit up to 100PB'],
    [{users: '1', queriesPerRequest: '0'}, '--queries-per-request: expected a number above 0 and at most 1000'],
    // Values that reach generated names follow the strictest rule of the names they start.
    [{users: '1', name: 'shop-'}, '--name: expected lower-case letters, digits and single dashes'],
    [{users: '1', name: 'my--shop'}, '--name: expected lower-case letters, digits and single dashes'],
    [{users: '1', name: 'a'.repeat(25)}, '--name: expected lower-case letters'],
    [{users: '1', name: '${file("/etc/passwd")}'}, '--name: expected lower-case letters'],
    [
      {users: '1', name: 'internal'},
      '--name: "internal" would start AWS resource names with "internal-", which AWS reserves',
    ],
    [{users: '1', name: 'sthree-x'}, '--name: "sthree-x" would start AWS resource names with "sthree-"'],
    [{users: '1', services: 'search,pay-'}, '--services: expected comma-separated service names'],
    // Numbers are read exactly or refused: never rounded, never Infinity.
    [{users: '2.0000001'}, '--users: expected a whole number from 1 to 10B'],
    [
      {users: '1.00000000000000001k'},
      '--users: expected a whole number from 1 to 10B, like 2500000, 2.5M, 10k or 1_000_000, or a range like 1M..5M, got "1.00000000000000001k"; at most 17 significant digits',
    ],
    [{users: '1', readWrite: '9'.repeat(400)}, 'at most 17 significant digits'],
    [{users: '1', readWrite: '2000000:1'}, '--read-write: expected reads:writes like 90:10'],
    [{users: '1', regionShares: `us-east-1=${'1'.repeat(30)}`}, '--region-shares: expected region=percent pairs'],
  ])('rejects %p', (flags, message) => {
    const result = resolve({flags})
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.problems[0]).toContain(message)
  })

  it('checks region shares even when another field is wrong, and every threshold override', () => {
    const file = parseSpecText(
      'users: lots\nregionShares: {us-east-1: 50}\nthresholds:\n  appServerRps: 0\n  cacheHitRatio: 2\n',
      'f.yaml',
    )
    expect(resolve({file})).toEqual({
      ok: false,
      problems: [
        'f.yaml: users: expected a whole number from 1 to 10B, like 2500000, 2.5M, 10k or 1_000_000, or a range like 1M..5M, got "lots"',
        'f.yaml: thresholds: appServerRps: expected a number from 1 to 1000000 (req/s), or a range of them like LOW..HIGH, got 0',
        'f.yaml: thresholds: cacheHitRatio: expected a number from more than 0 to 0.99 (ratio), or a range of them like LOW..HIGH, got 2',
        'f.yaml: regionShares: shares add up to 50, expected 100 (percent of users per region)',
      ],
    })
  })

  it('refuses a renamed or retired threshold, saying what replaced it', () => {
    const file = parseSpecText('users: 5\nthresholds:\n  dbNodeReadRps: 3700\n  avgResponseKB: 20\n', 'old.yaml')
    const result = resolve({file})
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.problems).toEqual([
      expect.stringMatching(
        new RegExp(
          '^old\\.yaml: thresholds: threshold "dbNodeReadRps" was renamed to dbNodeReadQps: .*; ' +
            'threshold "avgResponseKB" was moved to the spec field responseSize \\(--response-size\\)',
        ),
      ),
    ])
    expect(result.problems[0]).not.toContain('known:')
  })

  it('validates threshold overrides against their documented range', () => {
    const file = parseSpecText('users: 5\nthresholds:\n  cacheHitRatio: 1.5\n', 's.yaml')
    const result = resolve({file})
    expect(result.ok || result.problems).toEqual([
      's.yaml: thresholds: cacheHitRatio: expected a number from more than 0 to 0.99 (ratio), or a range of them like LOW..HIGH, got 1.5',
    ])
  })
})

describe('resolveSpec: echoed values', () => {
  it('cuts a long value to a readable length, saying how long it was', () => {
    const result = resolve({flags: {users: '1', name: 'x'.repeat(100_000)}})
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.problems[0]).toMatch(/got "x{48}…" \(100,000 characters\)$/)
    expect(result.problems[0]!.length).toBeLessThan(300)
  })

  it('names an unknown threshold like any other, prototype names included', () => {
    const file = parseSpecText('users: 5\nthresholds:\n  constructor: 5\n  __proto__: 1\n', 't.yaml')
    const result = resolve({file})
    expect(result.ok || result.problems).toEqual([
      expect.stringMatching(
        /^t\.yaml: thresholds: unknown threshold "constructor"; unknown threshold "__proto__"; known: /,
      ),
    ])
  })
})

describe('parseSpecText', () => {
  it('names the file and line of a YAML syntax error', () => {
    expect(() => parseSpecText('users: 5\nregions: [us-east-1\n', 'bad.yaml')).toThrow(
      /^bad\.yaml:\d+: not valid YAML or JSON/,
    )
  })

  it('rejects a document that is not a mapping', () => {
    expect(() => parseSpecText('- users\n', 'list.yaml')).toThrow('list.yaml: expected a mapping')
  })

  it('reads JSON too', () => {
    expect(parseSpecText('{"users": "2.5M"}', 's.json').fields).toEqual({users: '2.5M'})
  })
})
