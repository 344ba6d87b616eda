/**
 * Keeps the JSON Schema (src/spec/json-schema.ts) in step with the parser (src/spec/schema.ts):
 * the same inputs go to both, and they must agree, except where the schema is documented as
 * looser. Then the shipped example specs validate, and a broken spec fails on the same fields.
 */
import {describe, expect, it} from '@jest/globals'
import {Ajv2020} from 'ajv/dist/2020.js'
import * as fc from 'fast-check'
import {readFile, readdir} from 'node:fs/promises'
import {parse} from 'yaml'

import {formatSchema} from '../../src/commands/schema.js'
import {specJsonSchema} from '../../src/spec/json-schema.js'
import {parseSpecText} from '../../src/spec/read-file.js'
import {resolveSpec} from '../../src/spec/resolve.js'

const ajv = new Ajv2020({allErrors: true, strict: true})
const validate = ajv.compile(specJsonSchema())

/** A valid spec for every field but the one under test. */
const BASE: Record<string, unknown> = {users: 1000}

function cliAccepts(fields: Record<string, unknown>): boolean {
  return resolveSpec({file: {path: 'spec.yaml', fields: {...BASE, ...fields}}, env: {}, flags: {}}).ok
}

function schemaAccepts(fields: Record<string, unknown>): boolean {
  return validate({...BASE, ...fields}) as boolean
}

// Each: a field value the parser and the schema must judge alike.
const AGREE: Array<[string, unknown]> = [
  ['name', 'shop'],
  ['name', 'Shop'],
  ['name', '9lives'],
  ['name', 'a'.repeat(25)],
  ['users', 2_500_000],
  ['users', '2.5M'],
  ['users', ' 10k '],
  ['users', '1_000_000'],
  ['users', '1__000'],
  ['users', '10 users'],
  ['users', '1e6'],
  ['users', 0],
  ['users', 1.5],
  ['users', 20_000_000_000],
  ['users', true],
  ['readWrite', '90:10'],
  ['readWrite', ' 9 : 1 '],
  ['readWrite', '9'],
  ['readWrite', 9],
  ['readWrite', -1],
  ['readWrite', '90/10'],
  ['readWrite', '1:2:3'],
  ['regions', ['us-east-1', 'eu-west-1']],
  ['regions', 'us-east-1, eu-west-1'],
  ['regions', ['mars-1']],
  ['regions', 'us-east-1,'],
  ['regions', 'US-EAST-1'],
  ['dataSize', '500GB'],
  ['dataSize', '750 GiB'],
  ['dataSize', '2tb'],
  ['dataSize', '500'],
  ['dataSize', 500],
  ['dataSize', '5 ib'],
  ['requestsPerUser', 50],
  ['requestsPerUser', '50'],
  ['requestsPerUser', 0],
  ['requestsPerUser', '-5'],
  ['requestsPerUser', 2e6],
  ['peakFactor', 2],
  ['peakFactor', 0.5],
  ['peakFactor', 'x2'],
  ['availability', 99.9],
  ['availability', '99.9%'],
  ['availability', ' 99.95 '],
  ['availability', 89],
  ['availability', '99.9 %'],
  ['services', []],
  ['services', ['search', 'payment']],
  ['services', ' search ,payment'],
  ['services', ['Search']],
  ['services', ''],
  ['cacheEngine', 'redis'],
  ['cacheEngine', 'memcached'],
  ['thresholds', {appServerRps: 400}],
  ['thresholds', {appServerRps: '400'}],
  ['thresholds', {appServerRps: 0}],
  ['thresholds', {cacheHitRatio: 0}],
  ['thresholds', {cacheHitRatio: 1}],
  ['thresholds', {appServerRPS: 400}],
  ['thresholds', []],
  ['$schema', '../schema/scaleplan.schema.json'],
  ['colour', 'red'],
]

// Accepted by the schema, rejected by the parser: ranges inside strings, duplicates, cross-field rules.
const LOOSER: Array<[string, unknown]> = [
  ['users', '0'],
  ['users', '20B'],
  ['users', '1.5'],
  ['dataSize', '20PB'],
  ['dataSize', '1KB'],
  ['requestsPerUser', '0'],
  ['availability', '100%'],
  ['regions', ['us-east-1', 'us-east-1']],
  ['services', 'search,search'],
  ['thresholds', {appServerRps: '0'}],
]

describe('spec JSON Schema agrees with the parser', () => {
  it.each(AGREE)('%s: %j', (field, value) => {
    expect({field, value, schema: schemaAccepts({[field]: value})}).toEqual({
      field,
      value,
      schema: cliAccepts({[field]: value}),
    })
  })

  it.each(LOOSER)('%s: %j is looser in the schema (documented), never stricter', (field, value) => {
    expect(schemaAccepts({[field]: value})).toBe(true)
    expect(cliAccepts({[field]: value})).toBe(false)
  })

  it('agrees on region shares, given the regions they name', () => {
    const regions = ['us-east-1', 'eu-west-1']
    for (const [shares, ok] of [
      [{'us-east-1': 60, 'eu-west-1': 40}, true],
      ['us-east-1=60, eu-west-1=40%', true],
      [{'us-east-1': -1, 'eu-west-1': 101}, false],
      [{'us-east-1': '60', 'eu-west-1': 40}, false],
      ['us-east-1:60', false],
    ] as const) {
      expect({shares, schema: schemaAccepts({regions, regionShares: shares})}).toEqual({shares, schema: ok})
      expect({shares, cli: cliAccepts({regions, regionShares: shares})}).toEqual({shares, cli: ok})
    }
  })

  // The direction an editor user feels: a spec the CLI takes must never show red squiggles.
  it.each([
    ['users', '0123456789_.kKmMbB '],
    ['readWrite', '0123456789.: '],
    ['dataSize', '0123456789. kKmMgGtTpPiIbB'],
    ['availability', '0123456789.% '],
    ['services', 'abc-1, '],
    ['regions', 'us-east-12, '],
  ])('never rejects a %s the parser accepts (random strings over %j)', (field, alphabet) => {
    const text = fc.string({unit: fc.constantFrom(...alphabet.split('')), maxLength: 14})
    fc.assert(
      fc.property(text, (value) => !cliAccepts({[field]: value}) || schemaAccepts({[field]: value})),
      {numRuns: 3000},
    )
  })
})

describe('shipped files', () => {
  it('templates/schema/scaleplan.schema.json is exactly what `scaleplan schema` prints', async () => {
    const checkedIn = await readFile('templates/schema/scaleplan.schema.json', 'utf8')
    expect(checkedIn).toBe(formatSchema(specJsonSchema())) // regenerate: scaleplan schema > templates/schema/scaleplan.schema.json
  })

  it('every example spec references the schema and validates against it', async () => {
    const files = (await readdir('templates/specs')).filter((file) => /\.ya?ml$/.test(file))
    expect(files.length).toBeGreaterThan(0)
    for (const file of files) {
      const text = await readFile(`templates/specs/${file}`, 'utf8')
      expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/scaleplan.schema.json')
      const valid = validate(parse(text))
      expect({file, errors: validate.errors ?? null}).toEqual({file, errors: null})
      expect(valid).toBe(true)
      expect(resolveSpec({file: parseSpecText(text, file), env: {}, flags: {}}).ok).toBe(true)
    }
  })
})

describe('a broken spec', () => {
  const text = [
    'users: lots',
    'readWrite: 90/10',
    'regions: [us-east-1, mars-1]',
    'dataSize: 500',
    'cacheEngine: memcached',
    'colour: red',
    'thresholds:',
    '  appServerRps: 0',
  ].join('\n')

  it('fails the schema on the same fields the CLI names', () => {
    const result = resolveSpec({file: parseSpecText(text, 'spec.yaml'), env: {}, flags: {}})
    if (result.ok) throw new Error('the CLI accepted a broken spec')
    const cliPaths = result.problems.map((problem) => {
      const unknown = /^spec\.yaml: unknown key "([^"]+)"/.exec(problem)
      if (unknown) return unknown[1]!
      const match = /^spec\.yaml: (\w+): (?:(\w+): )?/.exec(problem)
      if (!match) throw new Error(`unexpected problem format: ${problem}`)
      return match[1] === 'thresholds' && match[2] ? `thresholds.${match[2]}` : match[1]!
    })

    expect(validate(parse(text))).toBe(false)
    const schemaPaths = (validate.errors ?? []).map((error) => {
      if (error.keyword === 'additionalProperties' && error.instancePath === '')
        return String(error.params.additionalProperty)
      const [key, sub] = error.instancePath.split('/').slice(1)
      return key === 'thresholds' && sub ? `thresholds.${sub}` : key!
    })

    expect([...new Set(schemaPaths)].sort()).toEqual([...new Set(cliPaths)].sort())
    expect([...new Set(cliPaths)].sort()).toEqual([
      'cacheEngine',
      'colour',
      'dataSize',
      'readWrite',
      'regions',
      'thresholds.appServerRps',
      'users',
    ])
  })
})
