/**
 * `scaleplan init` end to end: the built CLI in a real pseudo-terminal, keys in, file out; and
 * the same command without a terminal, as CI runs it. Needs `npm run build` (`npm test` does it).
 */
import {beforeAll, describe, expect, it, jest} from '@jest/globals'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join, resolve} from 'node:path'

import {recommend} from '../../src/cost/recommend.js'
import {readSpecFile} from '../../src/spec/read-file.js'
import {resolveSpec, type SpecSources} from '../../src/spec/resolve.js'
import {answerFromText, projectNameFrom, type Answers} from '../../src/wizard/questions.js'
import {SCHEMA_PATH} from '../../src/wizard/spec-yaml.js'
import {ROOT} from '../helpers/cli.js'
import {loadedPackages} from '../helpers/loaded-packages.js'
import {CLI, KEY, assertBuilt, runInPty, runPiped, type Step} from '../helpers/pty.js'

const scratch = () => mkdtempSync(join(tmpdir(), 'scaleplan-init-'))
const literal = (text: string) => text.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&')
const step = (expect: string, send: string): Step => ({expect: literal(expect), send})
/** After the file is written, the wizard offers synth when that command exists; Enter declines. */
/** Flags answering the load-shape questions (model v2's advanced inputs) with their defaults, so none is asked. */
const LOAD_SHAPE_DEFAULTS = [
  '--object-data-size',
  '0GB',
  '--queries-per-request',
  '1',
  '--response-size',
  '20KB',
  '--static-share',
  '0.6',
  '--hot-set',
  '0.2',
  '--headroom',
  '0.6',
]

const END: Step = {expect: '(Continue to synth.*\\?|Next: )', send: KEY.enter}

const specOf = (sources: Partial<SpecSources>) => {
  const result = resolveSpec({env: {}, flags: {}, ...sources})
  if (!result.ok) throw new Error(result.problems.join('\n'))
  return result.spec
}

/** The recommendation the spec file on disk loads to, the way `recommend --spec FILE` reads it. */
const recommendationInFile = async (path: string) => recommend(specOf({file: await readSpecFile(path)}))

/** The `$schema` of a spec's yaml-language-server modeline. */
const modeline = (file: string) =>
  /^# yaml-language-server: \$schema=(.+)$/.exec(readFileSync(file, 'utf8').split('\n')[0]!)?.[1]

const usd = (value: number) => `$${value.toLocaleString('en-US', {minimumFractionDigits: 2, maximumFractionDigits: 2})}`

// Each test runs the built CLI, some twice in a pty; an async test whose runs block for longer
// than jest's 5 s default fails at its first await on a loaded machine, however right it is.
jest.setTimeout(90_000)

beforeAll(assertBuilt)

describe('scaleplan init in a terminal', () => {
  it('Enter all the way through writes a valid spec that loads back to the recommendation it printed', async () => {
    const dir = scratch()
    const result = runInPty(
      ['init'],
      [
        step('Project name', KEY.enter),
        step('Daily active users', KEY.enter),
        step('Read/write mix', KEY.enter),
        step('Done: us-east-1', KEY.enter),
        step('Data size', KEY.enter),
        step('Adjust advanced settings', KEY.enter),
        END,
      ],
      {cwd: dir},
    )
    expect(result.error).toBeNull()
    expect(result.exitCode).toBe(0)
    expect(readdirSync(dir)).toEqual(['scaleplan.schema.json', 'scaleplan.yaml'])

    // The defaults, as a user reading the prompts would have answered.
    const defaults: Answers = {
      name: projectNameFrom(dir),
      users: '10k',
      readWrite: '90:10',
      regions: ['us-east-1'],
      dataSize: '10GB',
      requestsPerUser: 50,
      peakFactor: 2,
      availability: 99.5,
      services: [],
    }
    const expected = recommend(specOf({flags: defaults}))
    const loaded = await recommendationInFile(join(dir, 'scaleplan.yaml'))
    expect(loaded).toEqual(expected)
    expect(result.output).toContain(`${expected.name}: stage ${expected.stage.number} of 7, ${expected.stage.title}`)
    expect(result.output).toContain(`Monthly cost: ${usd(expected.cost.monthlyUsd)}`)
    expect(result.output).toContain(`stage ${expected.next[0]!.stage} (${expected.next[0]!.name}) at`)
    expect(result.output).toContain('Wrote scaleplan.yaml')

    // Not installed in this folder's node_modules: the modeline points at a copy of the schema
    // written beside the spec, which resolves for whoever opens the file.
    expect(modeline(join(dir, 'scaleplan.yaml'))).toBe('./scaleplan.schema.json')
    expect(readFileSync(join(dir, 'scaleplan.schema.json'), 'utf8')).toBe(
      readFileSync(resolve(dirname(CLI), '..', SCHEMA_PATH), 'utf8'),
    )
  })

  it('points the spec at the schema in node_modules/scaleplan when the project installs scaleplan', () => {
    const dir = scratch()
    mkdirSync(join(dir, 'node_modules'))
    symlinkSync(resolve(dirname(CLI), '..'), join(dir, 'node_modules/scaleplan'))
    mkdirSync(join(dir, 'infra'))
    const result = runPiped(['init', '--yes', '--out', 'infra/scaleplan.yaml'], {cwd: dir})
    expect(result.status).toBe(0)
    expect(modeline(join(dir, 'infra/scaleplan.yaml'))).toBe(`../node_modules/scaleplan/${SCHEMA_PATH}`)
    expect(readdirSync(join(dir, 'infra'))).toEqual(['scaleplan.yaml'])
  })

  it('takes typed answers with units, searches regions by name, refuses a bad value, asks the advanced ones', async () => {
    const dir = scratch()
    mkdirSync(join(dir, 'specs'))
    const badSize = answerFromText('dataSize', 'lots')
    if (badSize.ok) throw new Error('expected "lots" to be refused')
    const result = runInPty(
      ['init', '--out', 'specs/shop.yaml'],
      [
        step('Project name', 'shop' + KEY.enter),
        step('Daily active users', '2.5M' + KEY.enter),
        step('Read/write mix', '80:20' + KEY.enter),
        step('Done: us-east-1', 'frankfurt'),
        step('Europe (Frankfurt)', KEY.enter),
        step('Done: us-east-1 (primary), eu-central-1', KEY.enter),
        step('Data size', 'lots' + KEY.enter),
        step(badSize.message, KEY.backspace.repeat(4) + '2TB' + KEY.enter),
        step('Adjust advanced settings', 'y' + KEY.enter),
        step('Object data size', KEY.enter),
        step('Requests per user per day', '120' + KEY.enter),
        step('Peak-to-average traffic ratio', '3' + KEY.enter),
        step('Database queries per request', KEY.enter),
        step('Bytes sent per request', '50KB' + KEY.enter),
        step('Static share of bytes', KEY.enter),
        step('Hot set', KEY.enter),
        step('Target utilisation', KEY.enter),
        step('Availability target (%)', '99.95' + KEY.enter),
        step('Services to split out at stage 7', 'search,payment' + KEY.enter),
        END,
      ],
      {cwd: dir},
    )
    expect(result.error).toBeNull()
    expect(result.exitCode).toBe(0)
    expect(result.output).toContain('✔ AWS regions us-east-1, eu-central-1')

    const answers: Answers = {
      name: 'shop',
      users: '2.5M',
      readWrite: '80:20',
      regions: ['us-east-1', 'eu-central-1'],
      dataSize: '2TB',
      requestsPerUser: 120,
      peakFactor: 3,
      responseSize: '50KB',
      availability: 99.95,
      services: ['search', 'payment'],
    }
    const file = join(dir, 'specs/shop.yaml')
    expect(await recommendationInFile(file)).toEqual(recommend(specOf({flags: answers})))
    const text = readFileSync(file, 'utf8')
    expect(text).toContain('\nusers: 2.5M ')
    expect(text).toContain('\ndataSize: 2TB ')
    expect(readdirSync(join(dir, 'specs'))).toEqual(['scaleplan.schema.json', 'shop.yaml'])
  }, 30_000)

  it('does not ask what flags answered', () => {
    const dir = scratch()
    const result = runInPty(
      ['init', '--name', 'blog', '--users', '50', '--read-write', '9', '--regions', 'eu-west-1', '--data-size', '1GB'],
      [step('Adjust advanced settings', KEY.enter), END],
      {cwd: dir},
    )
    expect(result.error).toBeNull()
    expect(result.exitCode).toBe(0)
    expect(result.output).not.toMatch(/Project name|Daily active users|Read\/write mix|AWS regions|Data size/)
    expect(result.output).toContain('blog: stage 1 of 7')
  })

  describe('an existing spec file', () => {
    const ORIGINAL = Buffer.from('# my hand-tuned spec\nusers: 7\r\nthresholds:\n  appServerRps: 400\n')
    const ALL_FLAGS = [
      '--users',
      '5k',
      '--requests-per-user',
      '50',
      ...LOAD_SHAPE_DEFAULTS,
      '--peak-factor',
      '2',
      '--availability',
      '99.5',
      '--services',
      '',
    ]
    const withOriginal = () => {
      const dir = scratch()
      writeFileSync(join(dir, 'scaleplan.yaml'), ORIGINAL)
      return dir
    }

    it('is kept byte-identical when the user answers the overwrite question with Enter (no)', () => {
      const dir = withOriginal()
      const result = runInPty(
        ['init', ...ALL_FLAGS],
        [
          step('Project name', KEY.enter),
          step('Read/write mix', KEY.enter),
          step('Done: us-east-1', KEY.enter),
          step('Data size', KEY.enter),
          step('scaleplan.yaml already exists. Overwrite it?', KEY.enter),
          step('Write the spec to another file instead?', KEY.enter),
        ],
        {cwd: dir},
      )
      expect(result.error).toBeNull()
      expect(result.exitCode).toBe(0)
      expect(result.output).toContain('Nothing written; scaleplan.yaml is unchanged.')
      expect(readFileSync(join(dir, 'scaleplan.yaml')).equals(ORIGINAL)).toBe(true)
      expect(readdirSync(dir)).toEqual(['scaleplan.yaml'])
    })

    it('can go to another file instead, and is replaced only after an explicit yes', async () => {
      const dir = withOriginal()
      const declined = runInPty(
        [
          'init',
          '--name',
          'shop',
          '--read-write',
          '90:10',
          '--regions',
          'us-east-1',
          '--data-size',
          '10GB',
          ...ALL_FLAGS,
        ],
        [step('Overwrite it?', 'n' + KEY.enter), step('another file instead?', 'other.yaml' + KEY.enter), END],
        {cwd: dir},
      )
      expect(declined.exitCode).toBe(0)
      expect(readFileSync(join(dir, 'scaleplan.yaml')).equals(ORIGINAL)).toBe(true)
      expect(readdirSync(dir).sort()).toEqual(['other.yaml', 'scaleplan.schema.json', 'scaleplan.yaml'])

      const accepted = runInPty(
        [
          'init',
          '--name',
          'shop',
          '--read-write',
          '90:10',
          '--regions',
          'us-east-1',
          '--data-size',
          '10GB',
          ...ALL_FLAGS,
        ],
        [step('Overwrite it?', 'y' + KEY.enter), END],
        {cwd: dir},
      )
      expect(accepted.error).toBeNull()
      expect(accepted.exitCode).toBe(0)
      expect(readFileSync(join(dir, 'scaleplan.yaml'), 'utf8')).toBe(readFileSync(join(dir, 'other.yaml'), 'utf8'))
      expect((await recommendationInFile(join(dir, 'scaleplan.yaml'))).topology.name).toBe('shop')
    })

    it('is not overwritten off a terminal without --force, and is with it', () => {
      const dir = withOriginal()
      const refused = runPiped(['init', '--yes'], {cwd: dir})
      expect(refused.status).toBe(2)
      expect(refused.stderr).toBe(
        'Error: --out: "scaleplan.yaml" already exists; give --force to overwrite it, or --out FILE to write elsewhere\n',
      )
      expect(readFileSync(join(dir, 'scaleplan.yaml')).equals(ORIGINAL)).toBe(true)

      const forced = runPiped(['init', '--yes', '--force'], {cwd: dir})
      expect(forced.status).toBe(0)
      expect(readFileSync(join(dir, 'scaleplan.yaml')).equals(ORIGINAL)).toBe(false)
      expect(readdirSync(dir)).toEqual(['scaleplan.schema.json', 'scaleplan.yaml'])
    })
  })

  describe('Ctrl-C', () => {
    it('at a question exits 130 and leaves nothing behind', () => {
      const dir = scratch()
      const result = runInPty(
        ['init'],
        [step('Project name', KEY.enter), step('Daily active users', '2.5'), step('2.5', KEY.ctrlC)],
        {cwd: dir},
      )
      expect(result.error).toBeNull()
      expect(result.exitCode).toBe(130)
      expect(result.output).toContain('Cancelled; nothing was written.')
      expect(readdirSync(dir)).toEqual([])
    })

    it('in the region search exits 130 and leaves nothing behind', () => {
      const dir = scratch()
      const result = runInPty(
        ['init', '--users', '1M'],
        [
          step('Project name', KEY.enter),
          step('Read/write mix', KEY.enter),
          step('Done: us-east-1', 'tok'),
          step('Asia Pacific (Tokyo)', KEY.ctrlC),
        ],
        {cwd: dir},
      )
      expect(result.exitCode).toBe(130)
      expect(readdirSync(dir)).toEqual([])
    })

    it('at the overwrite question exits 130 and keeps the old file byte-identical', () => {
      const dir = scratch()
      const original = Buffer.from('users: 7\n')
      writeFileSync(join(dir, 'scaleplan.yaml'), original)
      const result = runInPty(
        [
          'init',
          '--name',
          'a',
          '--users',
          '1',
          '--read-write',
          '1',
          '--regions',
          'us-east-1',
          '--data-size',
          '1GB',
          '--requests-per-user',
          '1',
          ...LOAD_SHAPE_DEFAULTS,
          '--peak-factor',
          '1',
          '--availability',
          '90',
          '--services',
          '',
        ],
        [step('Overwrite it?', KEY.ctrlC)],
        {cwd: dir},
      )
      expect(result.exitCode).toBe(130)
      expect(readFileSync(join(dir, 'scaleplan.yaml')).equals(original)).toBe(true)
      expect(readdirSync(dir)).toEqual(['scaleplan.yaml'])
    })
  })
})

describe('scaleplan init without a terminal', () => {
  it('never prompts: fails with exit code 2 naming the missing flag, --yes and --spec, and writes nothing', () => {
    const dir = scratch()
    const result = runPiped(['init', '--regions', 'eu-west-1'], {cwd: dir})
    expect(result.status).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toBe(
      "Error: --users: required when stdin is not a terminal; give --users (like --users 2.5M), add --yes to take the wizard's defaults, " +
        'or plan from a spec file with `scaleplan recommend --spec FILE`\n',
    )
    expect(readdirSync(dir)).toEqual([])
  })

  it('reports every bad flag at once, each on its own line', () => {
    const dir = scratch()
    const result = runPiped(['init', '--users', 'lots', '--regions', 'us-eats-1', '--yes'], {cwd: dir})
    expect(result.status).toBe(2)
    expect(result.stderr.trim().split('\n')).toEqual([
      'Error: --users: expected a whole number from 1 to 10B, like 2500000, 2.5M, 10k or 1_000_000, or a range like 1M..5M, got "lots"',
      'Error: --regions: unknown AWS region "us-eats-1" (did you mean "us-east-1"?); ' +
        'expected comma-separated AWS region codes like us-east-1,eu-west-1',
    ])
    expect(readdirSync(dir)).toEqual([])
  })

  it('with the answers as flags and --json, writes the spec and prints the answers and the recommendation', async () => {
    const dir = scratch()
    const result = runPiped(
      ['init', '--users', '2.5M', '--regions', 'us-east-1,eu-west-1', '--name', 'shop', '--json'],
      {cwd: dir},
    )
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
    const output = JSON.parse(result.stdout)
    expect(output.file).toBe('scaleplan.yaml')
    expect(output.spec).toEqual({
      name: 'shop',
      users: '2.5M',
      readWrite: '90:10',
      regions: ['us-east-1', 'eu-west-1'],
      dataSize: '10GB',
      objectDataSize: '0GB',
      requestsPerUser: 50,
      peakFactor: 2,
      queriesPerRequest: 1,
      responseSize: '20KB',
      staticShare: 0.6,
      hotSet: 0.2,
      headroom: 0.6,
      availability: 99.5,
      services: [],
    })
    expect(output.recommendation).toEqual(
      JSON.parse(JSON.stringify(await recommendationInFile(join(dir, 'scaleplan.yaml')))),
    )
  })

  it.each([
    ['init --yes', ['init', '--yes']],
    ['recommend', ['recommend', '--users', '10k']],
  ])('%s never loads @inquirer/prompts (it is imported only when a prompt is shown)', (_, args) => {
    const dir = scratch()
    const trace = join(dir, 'imports.txt')
    writeFileSync(trace, '')
    const result = runPiped(args, {
      cwd: dir,
      env: {TRACE_IMPORTS_FILE: trace},
      nodeOptions: ['--import', join(ROOT, 'test/fixtures/trace-imports.mjs')],
    })
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
    const loaded = readFileSync(trace, 'utf8')
    expect(loaded).toContain('/dist/bundle/core.cjs') // the trace works
    expect(loaded).not.toMatch(/node_modules\/@inquirer\//)
    // Nor provisioning: the wizard writes a spec; synth and the commands after it build and run stacks.
    const packages = loadedPackages(loaded)
    expect(packages).toContain('src/spec') // the bundle's folders are seen
    for (const name of ['src/infra', 'src/terraform', 'cdktf', 'constructs']) expect(packages).not.toContain(name)
  })

  it('with --json and no --users, reports the usage error as JSON', () => {
    const dir = scratch()
    const result = runPiped(['init', '--json'], {cwd: dir})
    expect(result.status).toBe(2)
    expect(JSON.parse(result.stdout)).toMatchObject({
      error: {
        code: 'INVALID_INPUT',
        exitCode: 2,
        problems: [expect.stringMatching(/^--users: required when --json is set/)],
      },
    })
    expect(readdirSync(dir)).toEqual([])
  })
})

describe('continuing to synth', () => {
  // The real synth runs on the spec init wrote (a stage-1 plan in one region: one stack, fast):
  // what it reports shows it was handed that file (`Using spec <file> (from --spec)`).
  const FLAGS = [
    '--users',
    '10k',
    '--name',
    'shop',
    '--read-write',
    '90:10',
    '--regions',
    'us-east-1',
    '--data-size',
    '10GB',
    '--requests-per-user',
    '50',
    ...LOAD_SHAPE_DEFAULTS,
    '--peak-factor',
    '2',
    '--availability',
    '99.5',
    '--services',
    '',
  ]

  it('offers synth after writing the spec and runs it on that file when the user says yes', () => {
    const dir = scratch()
    const result = runInPty(
      ['init', ...FLAGS, '--out', 'my spec.yaml'],
      [step('Continue to synth (write the Terraform for this plan)? (y/N)', 'y' + KEY.enter)],
      {cwd: dir},
    )
    expect(result.error).toBeNull()
    expect(result.exitCode).toBe(0)
    expect(result.output).toContain('Using spec my spec.yaml (from --spec)')
    expect(result.output).toContain('1 stack in cdktf.out')
    expect(existsSync(join(dir, 'cdktf.out/stacks/shop-us-east-1/cdk.tf.json'))).toBe(true)
    expect(result.output.indexOf('Wrote my spec.yaml')).toBeLessThan(result.output.indexOf('Continue to synth'))
  })

  it('says how to run synth when the user declines', () => {
    const dir = scratch()
    const result = runInPty(['init', ...FLAGS], [step('Continue to synth', KEY.enter)], {cwd: dir})
    expect(result.exitCode).toBe(0)
    expect(result.output).not.toContain('Using spec')
    expect(existsSync(join(dir, 'cdktf.out'))).toBe(false)
    // scaleplan.yaml here is what every command reads on its own: no --spec to type.
    expect(result.output).toContain(
      'Next: scaleplan synth writes the Terraform for this plan; scaleplan recommend explains it.',
    )
  })

  it('runs synth without asking with --synth, and neither asks nor runs it off a terminal without the flag', () => {
    const dir = scratch()
    const withFlag = runPiped(['init', '--yes', '--synth', ...FLAGS], {cwd: dir})
    expect(withFlag.status).toBe(0)
    expect(withFlag.stderr).toContain('Using spec scaleplan.yaml (from --spec)')
    expect(withFlag.stdout).toContain('1 stack in cdktf.out')
    rmSync(join(dir, 'cdktf.out'), {recursive: true})
    const without = runPiped(['init', '--yes', '--force', ...FLAGS], {cwd: dir})
    expect(without.status).toBe(0)
    expect(without.stderr).not.toContain('Using spec')
    expect(existsSync(join(dir, 'cdktf.out'))).toBe(false)
    expect(without.stdout).toContain('Next: scaleplan synth writes the Terraform')
    const elsewhere = runPiped(['init', '--yes', '--out', 'other.yaml', ...FLAGS], {cwd: dir})
    expect(elsewhere.stdout).toContain('Next: scaleplan synth --spec other.yaml writes the Terraform')
  })
})
