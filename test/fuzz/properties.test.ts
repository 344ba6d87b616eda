/**
 * Properties over generated input (fast-check): whatever a flag, a variable or a spec file holds,
 * the spec either resolves or is refused with problems that name their source and stay short;
 * nothing accepted carries text a template or Terraform would read as an expression; and every
 * valid spec within the bounds scaleplan synthesizes does synthesize. A failure prints the seed
 * and the smallest input that fails, to replay with `fc.assert(..., {seed, path})`.
 */
import {describe, expect, it, jest} from '@jest/globals'
import fc from 'fast-check'
import {existsSync, mkdtempSync, readdirSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {synthOptions} from '../../src/cli/synth-options.js'
import {recommend} from '../../src/cost/recommend.js'
import {synthesize} from '../../src/infra/synthesize.js'
import {SHOWN_CHARACTERS, show} from '../../src/spec/forms.js'
import {SpecFileError, parseSpecText} from '../../src/spec/read-file.js'
import {AWS_REGIONS} from '../../src/spec/regions.js'
import {FLAG_KEYS, resolveSpec} from '../../src/spec/resolve.js'
import {THRESHOLDS, type ThresholdName} from '../../src/spec/thresholds.js'
import {topologyExcesses} from '../../src/topology/bounds.js'

// Synthesis runs a dozen times below, each taking a second or so on a shared machine.
jest.setTimeout(180_000)

/** Text that is mostly junk, now and then long, often holding the fragments that break things. */
const hostileText = fc.oneof(
  fc.string({unit: 'binary', maxLength: 40}),
  fc.stringMatching(/^[a-z0-9.\-_/${}%:]{0,40}$/),
  fc.constantFrom('${file("/etc/passwd")}', '%{ if x }', '../../x', 'a--b', 'b-', '9'.repeat(400), '1e400', ''),
  fc.string({maxLength: 5000}),
)

/** Where a problem says the value came from. */
const SOURCE = /^(--[a-z-]+|SCALEPLAN_[A-Z_]+|spec\.yaml): /

describe('any flag, variable or file value', () => {
  it('resolves, or is refused with short problems that each name their source', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...FLAG_KEYS), hostileText, {maxKeys: 4}),
        fc.dictionary(fc.constantFrom(...FLAG_KEYS), hostileText, {maxKeys: 3}),
        fc.dictionary(
          fc.oneof(fc.constantFrom(...FLAG_KEYS, 'thresholds'), fc.string({maxLength: 12})),
          fc.jsonValue(),
          {
            maxKeys: 4,
          },
        ),
        (flags, variables, fields) => {
          const env = Object.fromEntries(
            Object.entries(variables).map(([key, value]) => [
              `SCALEPLAN_${key.replaceAll(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`,
              value,
            ]),
          )
          const result = resolveSpec({file: {path: 'spec.yaml', fields}, env, flags: {users: '5', ...flags}})
          if (result.ok) return
          for (const problem of result.problems) {
            expect(problem).toMatch(SOURCE)
            expect(problem.length).toBeLessThan(1000)
          }
        },
      ),
      {numRuns: 400},
    )
  })

  it('shows a received value in a bounded number of characters, whatever it is', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expect(show(value).length).toBeLessThanOrEqual(SHOWN_CHARACTERS + 30)
      }),
    )
  })

  it('parses any text as a spec file or refuses it as a SpecFileError, never with anything else', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({maxLength: 2000}), fc.string({unit: 'binary', maxLength: 500})), (text) => {
        try {
          parseSpecText(text, 'spec.yaml')
        } catch (error) {
          expect(error).toBeInstanceOf(SpecFileError)
        }
      }),
      {numRuns: 300},
    )
  })
})

describe('values that reach generated files', () => {
  const expression = /\$\{|%\{/

  /** A valid value half the time, hostile text the other half: both branches of each check get exercised. */
  const mostlyValid = (valid: fc.Arbitrary<string>) => fc.oneof(valid, hostileText)
  const validName = fc.stringMatching(/^[a-z](-?[a-z0-9]){0,10}$/)

  it('a name or service accepted follows the RDS identifier rule and holds no expression', () => {
    let accepted = 0
    fc.assert(
      fc.property(mostlyValid(validName), mostlyValid(validName), (name, service) => {
        const result = resolveSpec({env: {}, flags: {users: '5', name, services: service}})
        if (!result.ok) return
        accepted++
        for (const value of [result.spec.name, ...result.spec.services]) {
          expect(value).toMatch(/^[a-z](-?[a-z0-9])*$/)
          expect(value.length).toBeLessThanOrEqual(24)
        }
      }),
      {numRuns: 400},
    )
    expect(accepted).toBeGreaterThan(0)
  })

  it('a bucket, region, key prefix or certificate accepted is safe to write into the backend', () => {
    const bucket = mostlyValid(fc.stringMatching(/^[a-z0-9][a-z0-9.-]{1,20}[a-z0-9]$/))
    const region = mostlyValid(fc.constantFrom(...AWS_REGIONS.map((r) => r.code)))
    const prefix = mostlyValid(fc.stringMatching(/^[A-Za-z0-9._-]{1,8}(\/[A-Za-z0-9._-]{1,8}){0,3}$/))
    const arn = mostlyValid(
      fc.constantFrom('arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-aaaa-bbbb-cccc-0123456789ab'),
    )
    let accepted = 0
    fc.assert(
      fc.property(bucket, region, prefix, arn, (bucket, region, prefix, arn) => {
        const result = synthOptions({
          backend: 's3',
          'state-bucket': bucket,
          'state-region': region,
          'state-key-prefix': prefix,
          'certificate-arn': [arn],
        })
        if (!result.ok) {
          for (const problem of result.problems) expect(problem).toMatch(/^--[a-z-]+(, --[a-z-]+)*: /)
          return
        }

        accepted++
        const backend = result.options.backend!
        if (backend.kind !== 's3') throw new Error('expected the s3 backend')
        for (const value of [backend.bucket, backend.region!, backend.keyPrefix!, arn])
          expect(value).not.toMatch(expression)
        expect(backend.keyPrefix!.split('/')).not.toContain('..')
        expect(backend.keyPrefix!.split('/')).not.toContain('.')
        expect(AWS_REGIONS.map((r) => r.code)).toContain(backend.region)
      }),
      {numRuns: 2000},
    )
    expect(accepted).toBeGreaterThan(0)
  })
})

describe('every valid spec within the bounds', () => {
  const regions = ['us-east-1', 'eu-west-1', 'ap-southeast-1', 'sa-east-1']
  const threshold = (name: ThresholdName) => {
    const {min, max} = THRESHOLDS[name] as {min: number; max: number}
    return fc
      .double({min: Math.max(min, 1e-3), max, noNaN: true})
      .filter((value) => value > min || !('exclusiveMin' in THRESHOLDS[name]))
  }

  const validSpec = fc.record({
    // Every order of magnitude alike, from one user to ten billion.
    users: fc.integer({min: 0, max: 10}).chain((e) => fc.integer({min: e === 0 ? 1 : 10 ** (e - 1), max: 10 ** e})),
    readWrite: fc.tuple(fc.integer({min: 0, max: 100}), fc.integer({min: 1, max: 100})).map(([r, w]) => `${r}:${w}`),
    regions: fc.subarray(regions, {minLength: 1, maxLength: 3}).map((list) => list.join(',')),
    dataSize: fc.integer({min: 1, max: 5000}).map((gb) => `${gb}GB`),
    availability: fc.constantFrom('99', '99.5', '99.9', '99.99'),
    services: fc.subarray(['search', 'payment', 'profile'], {maxLength: 3}).map((list) => list.join(',')),
    thresholds: fc.record(
      {
        appServerRps: threshold('appServerRps'),
        dbNodeReadQps: threshold('dbNodeReadQps'),
        cacheHitRatio: threshold('cacheHitRatio'),
      },
      {requiredKeys: []},
    ),
  })

  it('synthesizes: one stack per region, the manifest, nothing left beside the output', async () => {
    const work = mkdtempSync(join(tmpdir(), 'scaleplan-fuzz-synth-'))
    let synthesized = 0
    try {
      await fc.assert(
        fc.asyncProperty(validSpec, async ({thresholds, ...flags}) => {
          const resolved = resolveSpec({file: {path: 'spec.yaml', fields: {thresholds}}, env: {}, flags})
          if (!resolved.ok) throw new Error(`a valid spec was refused: ${resolved.problems.join('; ')}`)
          const {topology} = recommend(resolved.spec)
          fc.pre(topologyExcesses(topology).length === 0)
          const outDir = mkdtempSync(join(work, 'out-'))
          const result = await synthesize(topology, {outDir})
          expect(result.stacks.map((stack) => stack.region)).toEqual(resolved.spec.regions)
          expect(existsSync(join(outDir, 'manifest.json'))).toBe(true)
          // No staging directory or set-aside output stays beside it.
          expect(readdirSync(work).filter((name) => name.startsWith('.'))).toEqual([])
          rmSync(outDir, {recursive: true, force: true})
          synthesized++
        }),
        {numRuns: 16},
      )
      expect(synthesized).toBeGreaterThan(0)
    } finally {
      rmSync(work, {recursive: true, force: true})
    }
  })
})
