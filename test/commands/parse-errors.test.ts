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

afterEach(() => {
  delete process.env.SCALEPLAN_STAGE
})

describe('parse errors', () => {
  it('an unknown flag: one line with where to look, exit 2, no help dump', async () => {
    const run = await runInProcess(Recommend, ['--users', '10k', '--bogus'])
    expect(run).toMatchObject({
      exitCode: 2,
      stdout: '',
      stderr: 'Error: Nonexistent flag: --bogus; see scaleplan recommend --help\n',
    })
  })

  it('under --json: the documented error object, not oclif internals', async () => {
    const run = await runInProcess(Recommend, ['--users', '10k', '--bogus', '--json'])
    expect(run.exitCode).toBe(2)
    expect(JSON.parse(run.stdout)).toEqual({
      error: {
        name: 'UsageError',
        code: 'INVALID_INPUT',
        exitCode: 2,
        problems: ['Nonexistent flag: --bogus; see scaleplan recommend --help'],
      },
    })
  })

  it('a value out of range names the flag, or the environment variable it came from', async () => {
    const flag = await runInProcess(Synth, ['--users', '10k', '--stage', '9'])
    expect(flag).toMatchObject({
      exitCode: 2,
      stderr: 'Error: --stage: expected an integer less than or equal to 7 but received: 9\n',
    })
    process.env.SCALEPLAN_STAGE = '9'
    const env = await runInProcess(Synth, ['--users', '10k'])
    expect(env).toMatchObject({
      exitCode: 2,
      stderr: 'Error: SCALEPLAN_STAGE: expected an integer less than or equal to 7 but received: 9\n',
    })
  })

  it('a value outside the options names the flag and the accepted values', async () => {
    const run = await runInProcess(Synth, ['--users', '10k', '--backend', 'gcs'])
    expect(run).toMatchObject({exitCode: 2, stderr: 'Error: --backend: expected one of local, s3, got "gcs"\n'})
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
