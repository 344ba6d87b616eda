import {describe, expect, it} from '@jest/globals'
import {execFileSync} from 'node:child_process'
import {lstat, mkdtemp, readFile, readdir, symlink, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import Report, {type ReportResult} from '../../src/commands/report.js'
import {runInProcess} from './run-in-process.js'

const REST = ['--regions', 'us-east-1,eu-west-1', '--data-size', '500GB']
const ARGS = ['--users', '2.5M', ...REST]

describe('scaleplan report', () => {
  it('prints the Markdown report on stdout', async () => {
    const run = await runInProcess(Report, ARGS)
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toMatch(/^# app: stage \d of 7/)
    expect(run.stdout).toContain('```mermaid\nflowchart TB')
    expect(run.stderr).toBe('')
  })

  it('takes the same spec file as recommend', async () => {
    const run = await runInProcess(Report, ['--spec', 'templates/specs/example.yaml'])
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toMatch(/^# shop: stage/)
  })

  it('writes --out atomically, keeps a different file without --force, and reruns are no-ops', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'scaleplan-report-'))
    const out = join(dir, 'docs', 'capacity.md')
    const first = await runInProcess<ReportResult>(Report, [...ARGS, '--out', out])
    expect(first.exitCode).toBe(0)
    expect(first.stdout).toBe('')
    expect(first.stderr).toContain(`Wrote ${out}`)
    const written = await readFile(out, 'utf8')
    expect(written).toMatch(/^# app: stage/)

    const again = await runInProcess(Report, [...ARGS, '--out', out])
    expect(again.exitCode).toBe(0)
    expect(again.stderr).toContain('up to date')

    const bigger = await runInProcess(Report, ['--users', '9M', ...REST, '--out', out])
    expect(bigger.exitCode).toBe(2)
    expect(bigger.stderr).toBe(`Error: --out: "${out}" exists with different content; pass --force to overwrite it\n`)
    expect(await readFile(out, 'utf8')).toBe(written)

    const forced = await runInProcess(Report, ['--users', '9M', ...REST, '--out', out, '--force'])
    expect(forced.exitCode).toBe(0)
    expect(await readFile(out, 'utf8')).not.toBe(written)
    expect(await readdir(join(dir, 'docs'))).toEqual(['capacity.md']) // no temporary files left
  })

  it('returns the report under --json', async () => {
    const run = await runInProcess<ReportResult>(Report, [...ARGS, '--json'])
    expect(run.exitCode).toBe(0)
    const json = JSON.parse(run.stdout) as ReportResult
    expect(json.out).toBeNull()
    expect(json.markdown).toMatch(/^# app: stage/)
  })

  it('reports bad input the way recommend does: one line per problem, exit 2', async () => {
    const run = await runInProcess(Report, ['--users', 'lots', '--regions', 'mars-1'])
    expect(run.exitCode).toBe(2)
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^Error: --users: /),
      expect.stringMatching(/^Error: --regions: /),
    ])
  })

  it('refuses --force without --out', async () => {
    const run = await runInProcess(Report, [...ARGS, '--force'])
    expect(run.exitCode).toBe(2)
  })

  it('never replaces a device, a FIFO or a link to one, even with --force, and never reads one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'scaleplan-report-'))
    await symlink('/dev/null', join(dir, 'null-link.md'))
    execFileSync('mkfifo', [join(dir, 'pipe.md')])
    const cases: [string, string][] = [
      ['/dev/null', 'is a character device'],
      ['/dev/zero', 'is a character device'],
      [join(dir, 'null-link.md'), 'is a symbolic link to a character device'],
      [join(dir, 'pipe.md'), 'is a FIFO (named pipe)'],
    ]
    for (const [out, why] of cases) {
      const run = await runInProcess(Report, [...ARGS, '--out', out, '--force'])
      expect({exitCode: run.exitCode, stderr: run.stderr}).toEqual({
        exitCode: 2,
        stderr: `Error: --out: ${JSON.stringify(out)} ${why}; scaleplan writes reports only to regular files\n`,
      })
    }

    expect((await lstat(join(dir, 'null-link.md'))).isSymbolicLink()).toBe(true)
    expect((await lstat('/dev/null')).isCharacterDevice()).toBe(true)
  })

  it('replaces a link to a regular file with --force, leaving the file it pointed to alone', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'scaleplan-report-'))
    await writeFile(join(dir, 'target.md'), 'precious')
    await symlink(join(dir, 'target.md'), join(dir, 'link.md'))
    const run = await runInProcess(Report, [...ARGS, '--out', join(dir, 'link.md'), '--force'])
    expect(run.exitCode).toBe(0)
    expect(await readFile(join(dir, 'target.md'), 'utf8')).toBe('precious')
    expect((await lstat(join(dir, 'link.md'))).isFile()).toBe(true)
  })

  it('names the file system problem with --out: a path through a file, a read-only place', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'scaleplan-report-'))
    await writeFile(join(dir, 'file'), '')
    const through = await runInProcess(Report, [...ARGS, '--out', join(dir, 'file', 'report.md')])
    expect(through.exitCode).toBe(2)
    expect(through.stderr).toMatch(/^Error: --out: .*(is not a directory|ENOTDIR)/)
    const proc = await runInProcess(Report, [...ARGS, '--out', '/proc/scaleplan/report.md'])
    expect(proc.exitCode).toBe(2)
    expect(proc.stderr).toMatch(/^Error: --out: cannot create "\/proc\/scaleplan": no such file or directory/)
  })
})
