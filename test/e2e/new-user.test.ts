/**
 * A new user's first session, end to end with the built CLI: `init` in a real terminal writes
 * scaleplan.yaml, and from then on no command needs `--spec`: recommend, report, synth and plan
 * find the file and say so; output and destroy work from the stacks synth wrote, with no spec at
 * all. Terraform is the stand-in (test/fixtures/terraform), as for every provisioning test.
 */
import {beforeAll, describe, expect, it} from '@jest/globals'
import {mkdtempSync, readFileSync, renameSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {ROOT} from '../helpers/cli.js'
import {KEY, assertBuilt, runInPty, runPiped} from '../helpers/pty.js'

const STAND_IN = join(ROOT, 'test/fixtures/terraform')
const env = {PATH: `${STAND_IN}:/usr/bin:/bin`}
const FOUND = 'Using spec scaleplan.yaml (found in the current directory)'

beforeAll(assertBuilt)

describe('a new user, from init to plan, never types --spec', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scaleplan-new-user-'))
  const run = (...args: string[]) => runPiped(args, {cwd: dir, env})

  it('init at a terminal writes scaleplan.yaml and says what to run next, without --spec', () => {
    const result = runInPty(
      ['init'],
      [
        {expect: 'Project name', send: `shop${KEY.enter}`},
        {expect: 'Daily active users', send: `2.5M${KEY.enter}`},
        {expect: 'Read/write mix', send: KEY.enter},
        {expect: 'Done: us-east-1', send: KEY.enter},
        {expect: 'Data size', send: KEY.enter},
        {expect: 'Adjust advanced settings', send: KEY.enter},
        {expect: 'Continue to synth', send: KEY.enter},
      ],
      {cwd: dir, env},
    )
    expect(result.error).toBeNull()
    expect(result.exitCode).toBe(0)
    expect(result.output).toContain(
      'Next: scaleplan synth writes the Terraform for this plan; scaleplan recommend explains it.',
    )
  })

  it('recommend finds it, and says so on stderr', () => {
    const result = run('recommend')
    expect(result.status).toBe(0)
    expect(result.stderr).toBe(`${FOUND}\n`)
    expect(result.stdout).toMatch(/^shop: stage \d of 7/)
  })

  it('report finds it', () => {
    const result = run('report')
    expect(result.status).toBe(0)
    expect(result.stderr).toBe(`${FOUND}\n`)
    expect(result.stdout).toMatch(/^# shop: stage \d of 7/)
  })

  it('synth finds it, records what it synthesized, and points at plan alone', () => {
    const result = run('synth')
    expect(result.status).toBe(0)
    expect(result.stderr.split('\n')[0]).toBe(FOUND)
    expect(result.stdout).toContain('Next: scaleplan plan, or terraform')
    const record = JSON.parse(readFileSync(join(dir, 'cdktf.out/scaleplan-inputs.json'), 'utf8'))
    expect(record).toMatchObject({name: 'shop', stacks: [{name: 'shop-us-east-1', region: 'us-east-1'}]})
  })

  it('plan finds it and plans every stack', () => {
    const result = run('plan', '--json')
    expect(result.status).toBe(0)
    const report = JSON.parse(result.stdout)
    expect(report.stacks.map((stack: {status: string}) => stack.status)).toEqual(['planned'])
  })

  it('output and destroy need no spec: they read the stacks synth wrote', () => {
    // Not even a spec in the folder: the stacks alone are enough.
    renameSync(join(dir, 'scaleplan.yaml'), join(dir, 'kept.yaml'))
    const output = run('output', '--json')
    expect(output.status).toBe(0)
    expect(Object.keys(JSON.parse(output.stdout))).toEqual(['shop-us-east-1'])
    const destroy = run('destroy', '--auto-approve', '--allow-data-loss', '--json')
    expect(destroy.status).toBe(0)
    expect(JSON.parse(destroy.stdout)).toMatchObject({command: 'destroy', stacks: [{name: 'shop-us-east-1'}]})
  })

  it('without a spec here, a planning command asks for the input and names the file it would read', () => {
    const result = run('recommend')
    expect(result.status).toBe(2)
    expect(result.stderr).toContain('--users: required')
  })
})
