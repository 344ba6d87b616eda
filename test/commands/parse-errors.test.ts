/**
 * oclif's parse errors are bad input like any other: one line naming the flag (or the variable
 * the value came from), the documented JSON error under --json, and the command's exit code.
 */
import {afterEach, describe, expect, it} from '@jest/globals'

import Diff from '../../src/commands/diff.js'
import Plan from '../../src/commands/plan.js'
import Recommend from '../../src/commands/recommend.js'
import Synth from '../../src/commands/synth.js'
import {runInProcess} from './run-in-process.js'

const VARIABLES = [
  'SCALEPLAN_STAGE',
  'SCALEPLAN_SPEC',
  'SCALEPLAN_STATE_REGION',
  'SCALEPLAN_BACKEND',
  'SCALEPLAN_STATE_BUCKET',
]

afterEach(() => {
  for (const name of VARIABLES) delete process.env[name]
})

describe('parse errors', () => {
  it('an unknown flag: one line with where to look, exit 2, no help dump', async () => {
    const run = await runInProcess(Recommend, ['--users', '10k', '--bogus'])
    expect(run).toMatchObject({
      exitCode: 2,
      stdout: '',
      stderr: 'Error: --bogus: not a flag of this command; see `scaleplan recommend --help`\n',
    })
  })

  it('a mistyped flag gets a "did you mean", like a mistyped command or region', async () => {
    expect((await runInProcess(Recommend, ['--user', '10k'])).stderr).toBe(
      'Error: --user: not a flag of this command (did you mean --users?); see `scaleplan recommend --help`\n',
    )
    expect((await runInProcess(Synth, ['--users', '10k', '--stag', '3'])).stderr).toBe(
      'Error: --stag: not a flag of this command (did you mean --stage?); see `scaleplan synth --help`\n',
    )
  })

  it('a flag without its value says what to give, and a stray argument names itself', async () => {
    expect((await runInProcess(Recommend, ['--users'])).stderr).toBe('Error: --users: needs a value, like --users N\n')
    expect((await runInProcess(Diff, ['a.yaml', 'b.yaml', 'c.yaml'])).stderr).toBe(
      'Error: unexpected argument "c.yaml"; see `scaleplan diff --help`\n',
    )
  })

  it('under --json: the documented error object, not oclif internals', async () => {
    const run = await runInProcess(Recommend, ['--users', '10k', '--bogus', '--json'])
    expect(run.exitCode).toBe(2)
    expect(JSON.parse(run.stdout)).toEqual({
      error: {
        name: 'UsageError',
        code: 'INVALID_INPUT',
        exitCode: 2,
        problems: ['--bogus: not a flag of this command; see `scaleplan recommend --help`'],
      },
    })
  })

  it('a value out of range names the flag, or the environment variable it came from', async () => {
    const flag = await runInProcess(Synth, ['--users', '10k', '--stage', '9'])
    expect(flag).toMatchObject({
      exitCode: 2,
      stderr: 'Error: --stage: expected a whole number from 1 to 7, got "9"\n',
    })
    process.env.SCALEPLAN_STAGE = '9'
    const env = await runInProcess(Synth, ['--users', '10k'])
    expect(env).toMatchObject({
      exitCode: 2,
      stderr: 'Error: SCALEPLAN_STAGE: expected a whole number from 1 to 7, got "9"\n',
    })
  })

  it('a value outside the options names the flag and the accepted values', async () => {
    const run = await runInProcess(Synth, ['--users', '10k', '--backend', 'gcs'])
    expect(run).toMatchObject({exitCode: 2, stderr: 'Error: --backend: expected one of local, s3, got "gcs"\n'})
  })

  it('a flag that needs another names both as given', async () => {
    process.env.SCALEPLAN_STATE_REGION = 'eu-west-1'
    expect(await runInProcess(Synth, ['--users', '10k'])).toMatchObject({
      exitCode: 2,
      stderr: 'Error: SCALEPLAN_STATE_REGION: needs --state-bucket too\n',
    })
  })

  it('problems found after parsing name the variable too: the spec file, the backend, the bucket', async () => {
    process.env.SCALEPLAN_SPEC = 'no-such-spec.yaml'
    expect((await runInProcess(Recommend, ['--users', '10k'])).stderr).toBe(
      'Error: SCALEPLAN_SPEC: cannot read "no-such-spec.yaml": no such file or directory (ENOENT); ' +
        'expected a YAML or JSON spec file\n',
    )
    delete process.env.SCALEPLAN_SPEC
    process.env.SCALEPLAN_BACKEND = 's3'
    process.env.SCALEPLAN_STATE_BUCKET = 'Not A Bucket'
    expect((await runInProcess(Synth, ['--users', '10k'])).stderr).toBe(
      'Error: SCALEPLAN_STATE_BUCKET: "Not A Bucket" is not an S3 bucket name: ' +
        'a bucket name holds only lower-case letters, digits, dots and hyphens\n',
    )
  })

  it('exits 1 where 2 means "changes": diff, and plan --detailed-exitcode', async () => {
    expect((await runInProcess(Diff, ['a.yaml', 'b.yaml', '--bogus'])).exitCode).toBe(1)
    expect((await runInProcess(Diff, ['a.yaml', 'b.yaml', 'c.yaml'])).exitCode).toBe(1)
    expect((await runInProcess(Diff, ['--plan', 'no-such-plan.json', 'a.yaml', 'b.yaml'])).stderr).toBe(
      'Error: --plan: no file found at no-such-plan.json\n',
    )
    expect((await runInProcess(Plan, ['--detailed-exitcode', '--bogus'])).exitCode).toBe(1)
    // After `--` the flag is an argument, not the convention.
    expect((await runInProcess(Plan, ['--bogus', '--', '--detailed-exitcode'])).exitCode).toBe(2)
    expect((await runInProcess(Plan, ['--bogus'])).exitCode).toBe(2)
  })
})
