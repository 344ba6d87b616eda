/**
 * The range grammar: one declaration per field, so a flag, an environment variable, a spec-file
 * key, a threshold and the generated JSON Schema all accept "LOW..HIGH" and refuse it alike.
 */
import {describe, expect, it} from '@jest/globals'
import {Ajv2020} from 'ajv/dist/2020.js'

import {PLAIN_NUMBER, rangeable} from '../../src/spec/forms.js'
import {specJsonSchema} from '../../src/spec/json-schema.js'
import {resolveSpec} from '../../src/spec/resolve.js'
import {QUESTIONS, answerFromText} from '../../src/wizard/questions.js'
import {specYaml} from '../../src/wizard/spec-yaml.js'
import {parse} from 'yaml'
import {specOf} from '../helpers/spec.js'

const resolve = (sources: Partial<Parameters<typeof resolveSpec>[0]>) => resolveSpec({env: {}, flags: {}, ...sources})

describe('ranges on numeric inputs', () => {
  it('reads counts, sizes and plain numbers as ranges, with the median in the field', () => {
    const spec = specOf({users: '1M..4M', dataSize: '100GB..400GB', peakFactor: '1.5..4 uniform'})
    expect(spec.ranges).toEqual({
      users: expect.objectContaining({low: 1e6, high: 4e6, distribution: 'lognormal'}),
      dataSize: expect.objectContaining({low: 1e11, high: 4e11, distribution: 'lognormal'}),
      peakFactor: expect.objectContaining({low: 1.5, high: 4, distribution: 'uniform'}),
    })
    // The geometric mean for a log-normal, the midpoint for a uniform.
    expect(spec.users).toBe(2_000_000)
    expect(spec.dataSize).toBe(2e11)
    expect(spec.peakFactor).toBe(2.75)
  })

  it('leaves a point spec without ranges, exactly as before', () => {
    expect(specOf({users: '2.5M'})).not.toHaveProperty('ranges')
  })

  it('takes ranges from environment variables and spec files, thresholds included', () => {
    const result = resolve({
      env: {SCALEPLAN_USERS: '10k..50k'},
      file: {path: 'plan.yaml', fields: {requestsPerUser: '20..80', thresholds: {appServerRps: '150..400 normal'}}},
    })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(Object.keys(result.spec.ranges ?? {})).toEqual(['users', 'requestsPerUser', 'thresholds.appServerRps'])
    expect(result.spec.thresholds.appServerRps).toBe(275)
  })

  it.each([
    ['5M..1M', /--users: expected .*got "5M\.\.1M": the low end comes first/],
    ['0..5M', /--users: expected a whole number from 1 to 10B.*or a range like 1M\.\.5M, got "0\.\.5M"/],
    ['1M..5M gaussian', /--users: expected .*got "1M\.\.5M gaussian"/],
  ])('refuses --users %s in one line naming the field and the accepted form', (users, message) => {
    const result = resolve({flags: {users}})
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.problems).toHaveLength(1)
    expect(result.problems[0]).toMatch(message)
  })

  it('refuses a log-normal range from 0 and says how to write it instead', () => {
    const share = rangeable(PLAIN_NUMBER, {min: 0, max: 1})('a share from 0 to 1')
    expect(share.safeParse('0..0.5').error?.issues[0]?.message).toBe(
      'expected a share from 0 to 1, got "0..0.5": a log-normal range starts above 0; add "uniform" or "normal"',
    )
    expect(share.parse('0..0.5 uniform')).toMatchObject({low: 0, high: 0.5, distribution: 'uniform'})
    expect(share.parse('0.25')).toBe(0.25)
  })

  it('is accepted by the generated JSON Schema, as editors see it', () => {
    const ajv = new Ajv2020({strict: false})
    const validate = ajv.compile(specJsonSchema())
    expect(validate({users: '1M..5M', dataSize: '10KB..60KB', peakFactor: '1.5..4', requestsPerUser: 20})).toBe(true)
    expect(validate({users: 'lots'})).toBe(false)
  })
})

describe('ranges in the wizard', () => {
  it('keeps a range as typed in the spec file it writes, which reads back as the same range', () => {
    const answer = answerFromText('users', ' 1M..5M ')
    expect(answer).toEqual({ok: true, value: '1M..5M'})
    // Every other question at its default, as `init --yes` answers them.
    const defaults = QUESTIONS.map((q) => [q.key, answerFromText(q.key, q.defaultText('/work/shop'))] as const)
    const answers = Object.fromEntries(defaults.map(([key, a]) => [key, a.ok ? a.value : undefined]))
    const yaml = specYaml({...answers, users: answer.ok ? answer.value : undefined})
    expect(yaml).toMatch(/^users: 1M\.\.5M +#/m)
    const result = resolve({file: {path: 'scaleplan.yaml', fields: parse(yaml) as Record<string, unknown>}})
    expect(result.ok && result.spec.ranges?.users).toMatchObject({low: 1e6, high: 5e6})
  })
})

describe('growth rates', () => {
  it('turns a yearly rate into the monthly one that compounds to it', () => {
    const spec = specOf({users: '1M', growth: '2x/year', dataGrowth: '50GB/month'})
    expect(spec.growth).toMatchObject({kind: 'rate'})
    if (spec.growth?.kind !== 'rate') return
    expect(spec.growth.monthlyFactor ** 12).toBeCloseTo(2, 12)
    expect(spec.dataGrowth).toMatchObject({kind: 'amount', monthlyBytes: 5e10})
    expect(specOf({users: '1M', growth: '8%/month'}).growth).toMatchObject({monthlyFactor: 1.08})
  })

  it('refuses a rate without its period', () => {
    const result = resolve({flags: {users: '1M', growth: '8%'}})
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.problems[0]).toMatch(/^--growth: expected a rate per month or year like 8%\/month/)
  })
})
