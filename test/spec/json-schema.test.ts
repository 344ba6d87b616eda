/**
 * The spec file's JSON Schema is generated from the input side of the schema that parses spec
 * files: the shipped file must be current, and it must agree with scaleplan on real files.
 */
import {describe, expect, it} from '@jest/globals'
import {Ajv2020} from 'ajv/dist/2020.js'
import {readFile, readdir} from 'node:fs/promises'
import {parse} from 'yaml'

import {fieldHelp} from '../../src/spec/field-help.js'
import {SCHEMA_PATH, specJsonSchema, specJsonSchemaText} from '../../src/spec/json-schema.js'
import {parseSpecText} from '../../src/spec/read-file.js'
import {resolveSpec} from '../../src/spec/resolve.js'
import {SPEC_KEYS, fieldMeta, type SpecKey} from '../../src/spec/schema.js'

const ajv = new Ajv2020({allErrors: true, strict: true})
const schema = specJsonSchema()
const validate = ajv.compile(schema)

describe('the generated JSON Schema', () => {
  const properties = schema.properties as Record<string, Record<string, unknown>>

  it.each(SPEC_KEYS)('describes %s with its declaration: title, what it accepts, default', (key) => {
    const meta = fieldMeta(key)
    expect(properties[key]).toMatchObject({title: meta.title, description: fieldHelp(key)})
    expect(properties[key]!.default).toEqual(meta.default)
    for (const own of ['expected', 'helpValue', 'unit', 'ask', 'fileOnly'])
      expect(properties[key]).not.toHaveProperty(own)
  })

  it('requires no key, since flags and SCALEPLAN_* variables may give any of them', () => {
    expect(schema).not.toHaveProperty('required')
    expect(validate({})).toBe(true)
  })
})

describe('shipped files', () => {
  it(`${SCHEMA_PATH} is what the spec schema generates`, async () => {
    // `npm run build` writes it (scripts/generate-schema.mjs); commit the result.
    expect(await readFile(SCHEMA_PATH, 'utf8')).toBe(specJsonSchemaText())
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

  it("comments the example's keys with their fields' descriptions, as `scaleplan init` does", async () => {
    const text = await readFile('templates/specs/example.yaml', 'utf8')
    const commented = [...text.matchAll(/^(\w+):.*?# (.+)$/gm)]
    expect(commented.length).toBeGreaterThan(5)
    for (const [, key, comment] of commented) {
      expect({key, comment}).toEqual({key, comment: fieldMeta(key as SpecKey).description})
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
