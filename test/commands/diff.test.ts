import {afterEach, describe, expect, it} from '@jest/globals'
import {execFileSync} from 'node:child_process'
import {mkdtemp, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import Diff from '../../src/commands/diff.js'
import type {RecommendationDiff} from '../../src/render/diff.js'
import {runInProcess} from './run-in-process.js'

const SMALL = 'name: shop\nusers: 50k\navailability: 99.9\n'
const BIG = 'name: shop\nusers: 8M\nreadWrite: "95:5"\navailability: 99.9\n'

async function specs(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'scaleplan-diff-'))
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text)
  return dir
}

const home = process.cwd()
afterEach(() => process.chdir(home))

describe('scaleplan diff BASE HEAD', () => {
  it('exits 0 and says so when the specs plan the same thing', async () => {
    const dir = await specs({'a.yaml': SMALL, 'b.yaml': `# reformatted\n${SMALL}`})
    const run = await runInProcess(Diff, [join(dir, 'a.yaml'), join(dir, 'b.yaml')])
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toContain('The same topology at the same cost')
  })

  it('exits 2 with the Markdown diff when they differ', async () => {
    const dir = await specs({'a.yaml': SMALL, 'b.yaml': BIG})
    const run = await runInProcess(Diff, [join(dir, 'a.yaml'), join(dir, 'b.yaml')])
    expect(run.exitCode).toBe(2)
    expect(run.stdout).toMatch(/^### scaleplan: stage 3 \(load-balanced\) → \*\*5 \(cache\)\*\*, /)
    expect(run.stderr).toBe('')
  })

  it('prints the diff object with --json, exit code unchanged', async () => {
    const dir = await specs({'a.yaml': SMALL, 'b.yaml': BIG})
    const run = await runInProcess(Diff, [join(dir, 'a.yaml'), join(dir, 'b.yaml'), '--json'])
    expect(run.exitCode).toBe(2)
    const diff = JSON.parse(run.stdout) as RecommendationDiff
    expect(diff).toMatchObject({schemaVersion: 3, equal: false, stage: {base: 3, head: 5, changed: true}})
  })

  it('ignores SCALEPLAN_* variables, which would hide the change on both sides', async () => {
    const dir = await specs({'a.yaml': SMALL, 'b.yaml': BIG})
    process.env.SCALEPLAN_USERS = '10'
    try {
      const run = await runInProcess(Diff, [join(dir, 'a.yaml'), join(dir, 'b.yaml')])
      expect(run.exitCode).toBe(2)
    } finally {
      delete process.env.SCALEPLAN_USERS
    }
  })

  it('exits 1 on bad input (2 means "different" here), naming the problem', async () => {
    const dir = await specs({'a.yaml': SMALL, 'bad.yaml': 'users: lots\n'})
    const missing = await runInProcess(Diff, [join(dir, 'a.yaml'), join(dir, 'nope.yaml')])
    expect(missing.exitCode).toBe(1)
    expect(missing.stderr).toBe(
      `Error: HEAD: cannot read "${join(dir, 'nope.yaml')}": no such file or directory (ENOENT); ` +
        'expected a YAML or JSON spec file\n',
    )

    const bad = await runInProcess(Diff, [join(dir, 'a.yaml'), join(dir, 'bad.yaml')])
    expect(bad.exitCode).toBe(1)
    expect(bad.stderr).toMatch(/^Error: .*bad\.yaml: users: expected a whole number/)

    const json = await runInProcess(Diff, [join(dir, 'a.yaml'), join(dir, 'bad.yaml'), '--json'])
    expect(json.exitCode).toBe(1)
    expect(JSON.parse(json.stdout)).toMatchObject({error: {code: 'INVALID_INPUT', exitCode: 1}})

    expect((await runInProcess(Diff, [join(dir, 'a.yaml')])).exitCode).toBe(1)
    expect((await runInProcess(Diff, [join(dir, 'a.yaml'), join(dir, 'a.yaml'), '--no-such-flag'])).exitCode).toBe(1)
  })
})

describe('scaleplan diff --base-ref REF HEAD', () => {
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {cwd, stdio: 'pipe'})

  it('compares the working copy with the same file at a git ref', async () => {
    const dir = await specs({})
    git(dir, 'init', '-q', '-b', 'main')
    await writeFile(join(dir, 'scaleplan.yaml'), SMALL)
    git(dir, 'add', 'scaleplan.yaml')
    git(dir, 'commit', '-q', '-m', 'base')
    await writeFile(join(dir, 'scaleplan.yaml'), BIG)
    process.chdir(dir)

    const changed = await runInProcess(Diff, ['--base-ref', 'main', 'scaleplan.yaml'])
    expect(changed.exitCode).toBe(2)
    expect(changed.stdout).toContain('<sub>scaleplan diff main:scaleplan.yaml → scaleplan.yaml</sub>')
    // HEAD defaults to the spec found here, as for every other command.
    expect((await runInProcess(Diff, ['--base-ref', 'main'])).stdout).toBe(changed.stdout)

    await writeFile(join(dir, 'scaleplan.yaml'), SMALL)
    expect((await runInProcess(Diff, ['--base-ref', 'main', 'scaleplan.yaml'])).exitCode).toBe(0)

    const noRef = await runInProcess(Diff, ['--base-ref', 'no-such-branch', 'scaleplan.yaml'])
    expect(noRef.exitCode).toBe(1)
    expect(noRef.stderr).toMatch(/^Error: --base-ref: cannot read "scaleplan.yaml" at "no-such-branch": /)

    expect((await runInProcess(Diff, ['--base-ref', 'main', 'scaleplan.yaml', 'other.yaml'])).exitCode).toBe(1)
  })
})
