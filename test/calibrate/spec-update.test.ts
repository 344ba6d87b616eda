import {parse} from 'yaml'

import type {CalibrationResult} from '../../src/calibrate/result.js'
import {applyMeasured, measuredEntries, type MeasuredEntry} from '../../src/calibrate/spec-update.js'
import {specOf} from '../helpers/spec.js'
import {resolveSpec} from '../../src/spec/resolve.js'

const read: MeasuredEntry = {
  name: 'dbNodeReadQps',
  value: 5210,
  measured: {
    on: '2026-11-28',
    target: 'p99 < 50 ms',
    by: 'scaleplan calibrate database (read mix)',
    against: 'postgres://app:***@staging-db:5432/app',
  },
}
const app: MeasuredEntry = {
  name: 'appServerRps',
  value: 420,
  measured: {on: '2026-11-28', target: 'p99 < 200 ms', by: 'scaleplan calibrate app', lowerBound: true},
}

const USER_SPEC = `# yaml-language-server: $schema=../schema/scaleplan.schema.json
# Our shop, planned for the holidays.
name: shop
users: 2.5M   # marketing's forecast
regions: [us-east-1, eu-west-1]

thresholds:
  # from last year's load test
  appServerRps: 300 # per m7g.large
  cacheHitRatio: 0.9

services:
  - search   # split first
`

describe('recording measured thresholds in a spec file', () => {
  test('a new entry goes at the end of thresholds:, and every other byte stays', () => {
    const out = applyMeasured(USER_SPEC, [read])
    const [head, tail] = [
      USER_SPEC.slice(0, USER_SPEC.indexOf('\nservices:')),
      USER_SPEC.slice(USER_SPEC.indexOf('\nservices:')),
    ]
    expect(out.startsWith(head)).toBe(true)
    expect(out.endsWith(tail)).toBe(true)
    expect(out.slice(head.length, out.length - tail.length)).toBe(
      '  # measured by scaleplan calibrate database on 2026-11-28 at p99 < 50 ms, against postgres://app:***@staging-db:5432/app\n' +
        '  dbNodeReadQps:\n    value: 5210\n    measured:\n      on: 2026-11-28\n      target: p99 < 50 ms\n' +
        '      by: scaleplan calibrate database (read mix)\n      against: postgres://app:***@staging-db:5432/app\n',
    )
  })

  test("an existing override is replaced, the user's comment above it kept", () => {
    const out = applyMeasured(USER_SPEC, [app])
    expect(out).toContain(
      "  # from last year's load test\n  # measured by scaleplan calibrate app on 2026-11-28 at p99 < 200 ms\n  appServerRps:\n    value: 420\n",
    )
    expect(out).not.toContain('appServerRps: 300')
    expect(out).toContain("users: 2.5M   # marketing's forecast\nregions: [us-east-1, eu-west-1]\n")
    expect(out).toContain('  cacheHitRatio: 0.9\n')
  })

  test('calibrating again replaces the earlier measurement and its comment, never duplicates them', () => {
    const once = applyMeasured(USER_SPEC, [read, app])
    const twice = applyMeasured(once, [{...read, value: 6000, measured: {...read.measured, on: '2026-12-01'}}, app])
    expect(twice.match(/# measured by scaleplan calibrate/g)).toHaveLength(2)
    expect(twice).toContain('on 2026-12-01')
    expect(twice).not.toContain('database on 2026-11-28')
    expect(parse(twice).thresholds.dbNodeReadQps.value).toBe(6000)
  })

  test('a spec without thresholds gets the key at the end', () => {
    expect(applyMeasured('users: 10k', [read])).toMatch(
      /^users: 10k\nthresholds:\n {2}# measured by scaleplan calibrate database on 2026-11-28 .*\n {2}dbNodeReadQps:\n {4}value: 5210\n/,
    )
  })

  test('a flow mapping is rewritten as a block, keeping the other values', () => {
    const out = applyMeasured('users: 10k\nthresholds: {cacheHitRatio: 0.9}\n', [read])
    expect(parse(out)).toEqual({
      users: '10k',
      thresholds: {cacheHitRatio: 0.9, dbNodeReadQps: {value: 5210, measured: read.measured}},
    })
  })

  test('what it writes reads back as measured thresholds, and recommend says so', () => {
    const out = applyMeasured(USER_SPEC, [read, app])
    const resolved = resolveSpec({file: {path: 'scaleplan.yaml', fields: parse(out)}, env: {}, flags: {}})
    expect(resolved.ok).toBe(true)
    if (!resolved.ok) return
    expect(resolved.spec.thresholds).toEqual({appServerRps: 420, cacheHitRatio: 0.9, dbNodeReadQps: 5210})
    expect(resolved.spec.measured).toEqual({dbNodeReadQps: read.measured, appServerRps: app.measured})
  })

  test('a measured entry with a bad provenance is a usage problem naming the key', () => {
    expect(() => specOf({users: '10k'}, {dbNodeReadQps: {value: 5, measured: {on: 'yesterday'}}} as never)).toThrow(
      'thresholds: dbNodeReadQps: measured.on: expected a date like 2026-11-28, got "yesterday"',
    )
  })

  test('what a calibration records: rounded values, what, where and when, and what a spec cannot take', () => {
    const result = {
      kind: 'app',
      measuredAt: '2026-11-28T10:00:00.000Z',
      target: {
        url: 'https://deploy:***@staging.example.com/',
        server: 'HTTP (nginx)',
        vcpus: 2,
        vcpusFrom: 'flag',
        instanceClass: null,
      },
      settings: {p99TargetMs: 200},
      sweeps: [{name: 'http', description: 'GET / in turn'}],
      thresholds: [
        {
          name: 'appServerRps',
          value: 412.6,
          unit: 'req/s',
          measured: 412.6,
          measuredUnit: 'requests/s on 2 vCPUs',
          lowerBound: true,
          sweep: 'http',
          atClients: 16,
          how: 'not scaled',
          referenceClass: 'm7g.large',
          factor: 1,
        },
        {
          name: 'staticObjectKB',
          value: 0.0512,
          unit: 'KB',
          measured: 51.2,
          measuredUnit: 'bytes',
          lowerBound: false,
          sweep: 'http',
          atClients: 16,
          how: 'mean bytes',
          referenceClass: 'any',
          factor: 1,
        },
      ],
    } as unknown as CalibrationResult
    const {entries, skipped} = measuredEntries(result)
    expect(entries).toEqual([
      {
        name: 'appServerRps',
        value: 413,
        measured: {
          on: '2026-11-28',
          target: 'p99 < 200 ms',
          by: 'scaleplan calibrate app: 413 requests/s on 2 vCPUs at 16 clients (GET / in turn); not scaled',
          against: 'https://deploy:***@staging.example.com/ (HTTP (nginx), 2 vCPUs)',
          lowerBound: true,
        },
      },
    ])
    expect(skipped).toEqual(['staticObjectKB 0.0512 is outside what a spec accepts (0.1 to 10000000 KB); not written'])
  })
})
