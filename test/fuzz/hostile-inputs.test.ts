/**
 * The hostile inputs of the reliability campaign (issue 13), each run through the built CLI as a
 * separate process: bad input exits 2 with one-line problems naming where the value came from,
 * within 2 s and 200 MB, and writes nothing.
 *
 * Time and memory are the CLI process's own, measured by GNU time (`/usr/bin/time -f '%e %U %S
 * %M'`): the 2 s bound holds the CPU time the process spent (user + system), which other work on
 * a shared machine cannot inflate; wall time is bounded at 10 s as a hang guard (a FIFO read
 * would wait forever) and printed with SCALEPLAN_FUZZ_REPORT=1. Memory is the peak resident set
 * size. A bad input costs about 0.3 s of CPU and 120 MB, the CLI's own start-up: the bounds catch
 * a hang, a parse gone quadratic, a file read whole, not a slow machine.
 */
import {afterAll, beforeAll, describe, expect, it} from '@jest/globals'
import {execFileSync, spawnSync} from 'node:child_process'
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  truncateSync,
  writeFileSync,
} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {ALIAS_BOMB} from '../helpers/alias-bomb.js'
import {BIN} from '../helpers/cli.js'

const LIMITS = {cpuSeconds: 2, wallSeconds: 10, megabytes: 200}
const work = mkdtempSync(join(tmpdir(), 'scaleplan-hostile-'))
const here = (name: string) => join(work, name)

interface Measured {
  readonly status: number | null
  readonly stderr: string
  readonly wallSeconds: number
  readonly cpuSeconds: number
  readonly megabytes: number
}

/** Runs the CLI under GNU time in `work`, with a clean SCALEPLAN_* environment plus `env`. */
function measure(args: string[], env: Record<string, string> = {}): Measured {
  const stats = here(`time-${process.hrtime.bigint()}.txt`)
  const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('SCALEPLAN_')))
  const result = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', '-o', stats, process.execPath, BIN, ...args], {
    cwd: work,
    env: {...base, NODE_OPTIONS: '', ...env},
    encoding: 'utf8',
    // A hang is a failure, not a stuck suite.
    timeout: 20_000,
    maxBuffer: 16 * 2 ** 20,
  })
  const [wall, user, system, kilobytes] = readFileSync(stats, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number)
  return {
    status: result.status,
    stderr: result.stderr,
    wallSeconds: wall!,
    cpuSeconds: user! + system!,
    megabytes: kilobytes! / 1024,
  }
}

/** Every entry under `work` but GNU time's own files: what "nothing written" compares. */
function written(relative = ''): string[] {
  return readdirSync(join(work, relative))
    .filter((name) => relative !== '' || !name.startsWith('time-'))
    .flatMap((name) => {
      const rel = join(relative, name)
      return lstatSync(join(work, rel)).isDirectory() ? [rel, ...written(rel)] : [rel]
    })
    .sort()
}

const services = (n: number) => Array.from({length: n}, (_, i) => `svc${i}`).join(',')
const aliases = (n: number) => `users: &u 5\nservices:\n${'  - *u\n'.repeat(n)}`

beforeAll(() => {
  // .ci/run installs Debian's `time` package; without it nothing here could be measured.
  if (!existsSync('/usr/bin/time')) throw new Error('GNU time (/usr/bin/time) is needed: apt-get install time')
  execFileSync('mkfifo', [here('pipe.yaml')])
  writeFileSync(here('a-file'), 'mine')
  writeFileSync(here('sizing.yaml'), 'users: 10B\nthresholds:\n  dbNodeReadQps: 1\n')
  writeFileSync(here('bomb.yaml'), ALIAS_BOMB)
  writeFileSync(here('aliases.yaml'), aliases(101))
  writeFileSync(here('flow-deep.yaml'), `users: 5\nx: ${'['.repeat(15_000)}${']'.repeat(15_000)}\n`)
  // Before the depth check, 16,000 of these made the YAML parser crash Node (its regular expression compiler ran out of memory).
  writeFileSync(here('block-deep.yaml'), `users: 5\nx:\n  ${'- '.repeat(15_000)}1\n`)
  writeFileSync(here('flow-long.yaml'), `[${'1,'.repeat(16_000)}]`)
  writeFileSync(here('many-keys.yaml'), Array.from({length: 2800}, (_, i) => `k${i}: ${i}`).join('\n'))
  writeFileSync(here('constructor.yaml'), 'users: 5\nthresholds:\n  constructor: 5\n')
  writeFileSync(here('huge-number.yaml'), `users: ${'9'.repeat(400)}\n`)
  writeFileSync(here('infinity.yaml'), 'users: 1e400\n')
  writeFileSync(here('not-utf8.yaml'), Buffer.from([0x75, 0x73, 0x65, 0x72, 0x73, 0x3a, 0x20, 0xff, 0x0a]))
  writeFileSync(here('big.yaml'), '')
  truncateSync(here('big.yaml'), 200 * 2 ** 20)
  mkdirSync(here('escape/stacks/app-us-east-1'), {recursive: true})
  writeFileSync(
    here('escape/manifest.json'),
    JSON.stringify({
      version: '0.21.0',
      stacks: {'app-us-east-1': {name: 'app-us-east-1', workingDirectory: '../../..'}},
    }),
  )
  // What synth records beside the manifest, so that `output` goes on to read the manifest.
  writeFileSync(
    here('escape/scaleplan-inputs.json'),
    JSON.stringify({
      schemaVersion: 1,
      generator: 'scaleplan/0.1.0',
      name: 'app',
      stage: 1,
      recommendedStage: 1,
      primaryRegion: 'us-east-1',
      stacks: [{name: 'app-us-east-1', region: 'us-east-1'}],
      specDigest: '0'.repeat(64),
      spec: {users: 1000},
    }),
  )
})

/** [what, arguments, environment, the first problem line (a pattern)] */
const CASES: [string, string[], Record<string, string>, RegExp][] = [
  // Bounds on what a plan may become
  [
    'a plan past the largest topology',
    ['synth', '--spec', 'sizing.yaml'],
    {},
    /^Error: us-east-1 needs 3,472,744 database instances.*driven by users 10,000,000,000, thresholds\.dbNodeReadQps 1/,
  ],
  [
    '120 services',
    ['synth', '--users', '1M', '--services', services(120)],
    {},
    /^Error: us-east-1 needs 120 services; scaleplan synthesizes at most 99/,
  ],
  // Spec files that are not spec files
  [
    'a FIFO as --spec',
    ['recommend', '--spec', 'pipe.yaml'],
    {},
    /^Error: --spec: cannot read "pipe\.yaml": it is a FIFO/,
  ],
  [
    '/dev/urandom as --spec',
    ['recommend', '--spec', '/dev/urandom'],
    {},
    /^Error: --spec: cannot read "\/dev\/urandom": it is a character device/,
  ],
  [
    '/dev/zero as SCALEPLAN_SPEC',
    ['recommend'],
    {SCALEPLAN_SPEC: '/dev/zero'},
    /^Error: SCALEPLAN_SPEC: cannot read "\/dev\/zero": it is a character device/,
  ],
  [
    'a 200 MB spec',
    ['recommend', '--spec', 'big.yaml'],
    {},
    /^Error: --spec: cannot read "big\.yaml": it holds 200 MiB; a YAML or JSON spec file may hold at most 32 KiB$/,
  ],
  [
    'a directory as --spec',
    ['recommend', '--spec', 'escape'],
    {},
    /^Error: --spec: cannot read "escape": it is a directory/,
  ],
  [
    'a missing spec from SCALEPLAN_SPEC',
    ['recommend'],
    {SCALEPLAN_SPEC: 'nope.yaml'},
    /^Error: SCALEPLAN_SPEC: cannot read "nope\.yaml": no such file or directory \(ENOENT\)/,
  ],
  [
    'a spec that is not UTF-8',
    ['recommend', '--spec', 'not-utf8.yaml'],
    {},
    /^Error: --spec: cannot read "not-utf8\.yaml": not UTF-8 text/,
  ],
  [
    'a YAML alias bomb',
    ['recommend', '--spec', 'bomb.yaml'],
    {},
    /^Error: bomb\.yaml:2: YAML aliases expand to more than 10000 values/,
  ],
  [
    '101 YAML aliases',
    ['recommend', '--spec', 'aliases.yaml'],
    {},
    /^Error: aliases\.yaml:103: more than 100 YAML aliases/,
  ],
  [
    'flow lists nested 15,000 deep',
    ['recommend', '--spec', 'flow-deep.yaml'],
    {},
    /^Error: flow-deep\.yaml:2: lists or mappings nested more than 32 deep/,
  ],
  [
    'block lists nested 15,000 deep',
    ['recommend', '--spec', 'block-deep.yaml'],
    {},
    /^Error: block-deep\.yaml:3: lists or mappings nested more than 32 deep/,
  ],
  [
    'a 32 KB flow list of 16,000 items',
    ['recommend', '--spec', 'flow-long.yaml'],
    {},
    /^Error: flow-long\.yaml: expected a mapping of keys like "users: 2\.5M", got a list$/,
  ],
  ['2,800 unknown keys', ['recommend', '--spec', 'many-keys.yaml'], {}, /^Error: many-keys\.yaml: unknown key "k0"/],
  [
    'a threshold named constructor',
    ['recommend', '--spec', 'constructor.yaml'],
    {},
    /^Error: constructor\.yaml: thresholds: unknown threshold "constructor"; known: /,
  ],
  [
    'a 400-digit number in a file',
    ['recommend', '--spec', 'huge-number.yaml'],
    {},
    /^Error: huge-number\.yaml: users: expected a whole number from 1 to 10B/,
  ],
  [
    '1e400 in a file',
    ['recommend', '--spec', 'infinity.yaml'],
    {},
    /^Error: infinity\.yaml: users: expected a whole number from 1 to 10B/,
  ],
  // Values
  [
    '2.0000001 users',
    ['recommend', '--users', '2.0000001'],
    {},
    /^Error: --users: expected a whole number from 1 to 10B, .*, got "2\.0000001"$/,
  ],
  [
    'a 400-digit read/write ratio',
    ['recommend', '--users', '5', '--read-write', '9'.repeat(400)],
    {},
    /^Error: --read-write: .*\(400 characters\); at most 17 significant digits$/,
  ],
  [
    'a name ending in a dash',
    ['recommend', '--users', '5', '--name', 'shop-'],
    {},
    /^Error: --name: expected lower-case letters, digits and single dashes/,
  ],
  [
    'a name with two dashes',
    ['recommend', '--users', '5', '--name', 'my--shop'],
    {},
    /^Error: --name: expected lower-case letters, digits and single dashes/,
  ],
  [
    'a 100,000-character name',
    ['recommend', '--users', '5', '--name', 'x'.repeat(100_000)],
    {},
    /^Error: --name: .*got "x{48}…" \(100,000 characters\)$/,
  ],
  [
    'a 100,000-character region list',
    ['recommend', '--users', '5', '--regions', 'x'.repeat(100_000)],
    {},
    /^Error: --regions: unknown AWS region "x{48}…" \(100,000 characters\)/,
  ],
  [
    'a bucket that is not a bucket',
    ['synth', '--users', '5', '--backend', 's3', '--state-bucket', 'Not A Bucket!/../$(id)'],
    {},
    /^Error: --state-bucket: "Not A Bucket!\/\.\.\/\$\(id\)" is not an S3 bucket name/,
  ],
  [
    'a bucket from the environment',
    ['synth', '--users', '5'],
    {SCALEPLAN_BACKEND: 's3', SCALEPLAN_STATE_BUCKET: 'Bad_Bucket'},
    /^Error: SCALEPLAN_STATE_BUCKET: "Bad_Bucket" is not an S3 bucket name/,
  ],
  [
    'a state region that is none',
    ['synth', '--users', '5', '--backend', 's3', '--state-bucket', 'tf-state', '--state-region', 'nowhere-1'],
    {},
    /^Error: --state-region: unknown AWS region "nowhere-1"/,
  ],
  [
    'a key prefix with an expression',
    [
      'synth',
      '--users',
      '5',
      '--backend',
      's3',
      '--state-bucket',
      'tf-state',
      '--state-key-prefix',
      '${file("/etc/passwd")}',
    ],
    {},
    /^Error: --state-key-prefix: .* is not a safe key prefix/,
  ],
  [
    'a key prefix going up',
    ['synth', '--users', '5', '--backend', 's3', '--state-bucket', 'tf-state', '--state-key-prefix', '../../x'],
    {},
    /^Error: --state-key-prefix: "\.\.\/\.\.\/x" is not a safe key prefix: a key prefix has no "\." or "\.\." parts/,
  ],
  [
    'a certificate ARN that is none',
    ['synth', '--users', '5', '--certificate-arn', 'foo'],
    {},
    /^Error: --certificate-arn: "foo" is not an ACM certificate ARN/,
  ],
  [
    'a stage from the environment',
    ['synth', '--users', '5'],
    {SCALEPLAN_STAGE: '9'},
    /^Error: SCALEPLAN_STAGE: expected a whole number from 1 to 7, got "9"$/,
  ],
  [
    'a backend from the environment',
    ['synth', '--users', '5'],
    {SCALEPLAN_BACKEND: 'gcs'},
    /^Error: SCALEPLAN_BACKEND: expected one of local, s3, got "gcs"$/,
  ],
  [
    'a Terraform timeout that is none',
    ['plan', '--users', '5', '--terraform-timeout', 'forever'],
    {},
    /^Error: --terraform-timeout: expected a duration/,
  ],
  // Where output goes
  [
    '--out-dir empty',
    ['synth', '--users', '5', '--out-dir', ''],
    {},
    /^Error: --out-dir: empty; give the directory to write/,
  ],
  [
    '--out-dir a file',
    ['synth', '--users', '5', '--out-dir', 'a-file'],
    {},
    /^Error: --out-dir: "a-file" is a file, not a directory$/,
  ],
  [
    '--out-dir through a file',
    ['synth', '--users', '5', '--out-dir', 'a-file/out'],
    {},
    /^Error: --out-dir: cannot create "a-file\/out": ".*" is not a directory$/,
  ],
  [
    '--out-dir under /proc',
    ['synth', '--users', '5', '--out-dir', '/proc/scaleplan'],
    {},
    /^Error: --out-dir: cannot create a directory beside "\/proc\/scaleplan"/,
  ],
  [
    '--out-dir too long',
    ['synth', '--users', '5', '--out-dir', 'x'.repeat(300)],
    {},
    /^Error: --out-dir: .*\(ENAMETOOLONG\)$/,
  ],
  [
    'SCALEPLAN_OUT_DIR the working directory',
    ['synth', '--users', '5', '--force'],
    {SCALEPLAN_OUT_DIR: '.'},
    /^Error: SCALEPLAN_OUT_DIR: "\." holds the current directory/,
  ],
  [
    'report --out /dev/null --force',
    ['report', '--users', '5', '--out', '/dev/null', '--force'],
    {},
    /^Error: --out: "\/dev\/null" is a character device; scaleplan writes reports only to regular files$/,
  ],
  [
    'init --out /dev/null --force',
    ['init', '--users', '5', '--yes', '--out', '/dev/null', '--force'],
    {},
    /^Error: --out: cannot write "\/dev\/null": it is a character device, not a regular file$/,
  ],
  [
    'output from a manifest pointing outside',
    ['output', '--out-dir', 'escape'],
    {},
    /^Error: --out-dir: "escape\/manifest\.json": stack app-us-east-1 runs in "\.\.\/\.\.\/\.\.", not stacks\/app-us-east-1/,
  ],
]

const measured: string[] = []
// The figures, for anyone reading the log (SCALEPLAN_FUZZ_REPORT=1); the assertions hold them to the bounds.
afterAll(() => {
  if (process.env.SCALEPLAN_FUZZ_REPORT) process.stderr.write(`${measured.join('\n')}\n`)
})

describe('hostile input: exit 2, named, bounded, nothing written', () => {
  it.each(CASES)('%s', (what, args, env, first) => {
    const before = written()
    const run = measure(args, env)
    // A planning command first says which spec it reads; every line after that is a problem.
    const lines = run.stderr
      .trimEnd()
      .split('\n')
      .filter((line) => !/^Using spec .* \((from [\w-]+|found in the current directory)\)$/.test(line))
    expect({status: run.status, first: lines[0]}).toEqual({status: 2, first: expect.stringMatching(first)})
    expect(lines.every((line) => line.startsWith('Error: '))).toBe(true)
    // Echoes are cut and problems counted past 25: a hostile value costs a few lines, not megabytes.
    expect(run.stderr.length).toBeLessThan(16 * 1024)
    measured.push(
      `${run.cpuSeconds.toFixed(2)} s CPU  ${run.wallSeconds.toFixed(2)} s wall  ${run.megabytes.toFixed(0)} MB  ${what}`,
    )
    expect(run.cpuSeconds).toBeLessThan(LIMITS.cpuSeconds)
    expect(run.wallSeconds).toBeLessThan(LIMITS.wallSeconds)
    expect(run.megabytes).toBeLessThan(LIMITS.megabytes)
    expect(written()).toEqual(before)
  })
})

/** Markdown that reaches a pull request: hostile text must arrive as text. */
describe('Markdown in a pull request', () => {
  // HTML a renderer would act on: the report's own update marker, and a tag. How backticks and
  // @mentions are neutralised is pinned by the renderer's own tests.
  const hostile = ['<!-- scaleplan-report -->', '<img src=x onerror=alert(1)>']
  /** `diff --plan` of two specs that differ (an unchanged topology's comment leaves the plan out). */
  const diffWithPlan = (name: string) => {
    const plan = {command: 'plan', stacks: [{name, status: 'failed', error: name, log: 'scaleplan.log'}]}
    writeFileSync(here('hostile-plan.json'), JSON.stringify(plan))
    writeFileSync(here('a.yaml'), 'users: 5\n')
    writeFileSync(here('b.yaml'), 'users: 5M\n')
    const args = [BIN, 'diff', '--plan', 'hostile-plan.json', 'a.yaml', 'b.yaml']
    return spawnSync(process.execPath, args, {cwd: work, encoding: 'utf8', env: {...process.env, NODE_OPTIONS: ''}})
  }

  // What the case below stands on, so that it can only fail on the escaping.
  it.each(hostile)('a --plan stack %p is in the plan table, its error as text', (name) => {
    const result = diffWithPlan(name)
    // Exit 2: the specs differ (diff(1)'s convention).
    expect(result.status).toBe(2)
    expect(result.stdout).toMatch(/^\| Terraform plan \| status \|/m)
    expect(result.stdout).toMatch(/^\| .* \| failed: &lt;/m)
  })

  it.each(hostile)('a --plan stack name %p reaches the Markdown as text', (name) => {
    expect(diffWithPlan(name).stdout).not.toContain(name)
  })
})
