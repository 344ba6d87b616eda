import {parse} from 'yaml'

import {applyMeasured, type MeasuredEntry} from '../../src/calibrate/spec-update.js'
import {specOf} from '../helpers/spec.js'
import {resolveSpec} from '../../src/spec/resolve.js'

const read: MeasuredEntry = {
  name: 'dbNodeReadRps',
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
        '  dbNodeReadRps:\n    value: 5210\n    measured:\n      on: 2026-11-28\n      target: p99 < 50 ms\n' +
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
    expect(parse(twice).thresholds.dbNodeReadRps.value).toBe(6000)
  })

  test('a spec without thresholds gets the key at the end', () => {
    expect(applyMeasured('users: 10k', [read])).toMatch(
      /^users: 10k\nthresholds:\n {2}# measured by scaleplan calibrate database on 2026-11-28 .*\n {2}dbNodeReadRps:\n {4}value: 5210\n/,
    )
  })

  test('a flow mapping is rewritten as a block, keeping the other values', () => {
    const out = applyMeasured('users: 10k\nthresholds: {cacheHitRatio: 0.9}\n', [read])
    expect(parse(out)).toEqual({
      users: '10k',
      thresholds: {cacheHitRatio: 0.9, dbNodeReadRps: {value: 5210, measured: read.measured}},
    })
  })

  test('what it writes reads back as measured thresholds, and recommend says so', () => {
    const out = applyMeasured(USER_SPEC, [read, app])
    const resolved = resolveSpec({file: {path: 'scaleplan.yaml', fields: parse(out)}, env: {}, flags: {}})
    expect(resolved.ok).toBe(true)
    if (!resolved.ok) return
    expect(resolved.spec.thresholds).toEqual({appServerRps: 420, cacheHitRatio: 0.9, dbNodeReadRps: 5210})
    expect(resolved.spec.measured).toEqual({dbNodeReadRps: read.measured, appServerRps: app.measured})
  })

  test('a measured entry with a bad provenance is a usage problem naming the key', () => {
    expect(() => specOf({users: '10k'}, {dbNodeReadRps: {value: 5, measured: {on: 'yesterday'}}} as never)).toThrow(
      'thresholds: dbNodeReadRps: measured.on: expected a date like 2026-11-28, got "yesterday"',
    )
  })
})
