/**
 * bin/code-cache.js, as the CLI uses it: the core's code cache is written after a command ran, used
 * by the next run of that command, never used for other code, and never in the way of a run.
 */
import {beforeAll, describe, expect, it} from '@jest/globals'
import {spawnSync} from 'node:child_process'
import {cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {BIN, ROOT} from '../helpers/cli.js'
import {assertBuilt} from '../helpers/pty.js'

const ARGS = ['recommend', '--users', '10k', '--json']
const scratch = (name: string) => mkdtempSync(join(tmpdir(), `scaleplan-code-cache-${name}-`))

/** Runs the CLI at `bin` with its cache in `cacheDir`. */
function run(
  args: readonly string[],
  cacheDir: string,
  {bin = BIN, env = {}}: {bin?: string; env?: Record<string, string>} = {},
) {
  const {NODE_OPTIONS: _, ...inherited} = process.env
  return spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: {...inherited, SCALEPLAN_CACHE_DIR: cacheDir, ...env},
  })
}

const cacheFiles = (cacheDir: string) =>
  existsSync(join(cacheDir, 'code')) ? readdirSync(join(cacheDir, 'code')).sort() : []

beforeAll(assertBuilt)

describe('the core code cache', () => {
  it('is written by a command run and used, unchanged, by the next run of that command', () => {
    const cacheDir = scratch('reuse')
    const first = run(ARGS, cacheDir)
    expect(first.status).toBe(0)
    const files = cacheFiles(cacheDir)
    expect(files).toEqual([expect.stringMatching(/^core\.recommend\.[0-9a-f]{16}-\d+-\d+-v[\d.]+\.bin$/)])
    const written = statSync(join(cacheDir, 'code', files[0]!))

    const second = run(ARGS, cacheDir)
    expect(second.status).toBe(0)
    expect(second.stdout).toBe(first.stdout)
    expect(second.stderr).toBe(first.stderr)
    // Accepted, so not written again.
    expect(statSync(join(cacheDir, 'code', files[0]!)).mtimeMs).toBe(written.mtimeMs)
    expect(cacheFiles(cacheDir)).toEqual(files)
  })

  it('keeps one cache per command, and none for a word that is not one or a run that failed', () => {
    const cacheDir = scratch('words')
    expect(run(['recomend'], cacheDir).status).toBe(2)
    // A failed run compiled its error path: V8 would accept that cache for every later run.
    expect(run(['recommend', '--users', '0'], cacheDir).status).toBe(2)
    expect(cacheFiles(cacheDir)).toEqual([])
    expect(run(['--help'], cacheDir).status).toBe(0)
    expect(run(['schema'], cacheDir).status).toBe(0)
    expect(cacheFiles(cacheDir).map((file) => file.split('.')[1])).toEqual(['root', 'schema'])
  })

  it("keeps a command's help apart from the command: a first `recommend --help` leaves recommend's cache to it", () => {
    const cacheDir = scratch('help')
    expect(run(['recommend', '--help'], cacheDir).status).toBe(0)
    expect(run(['recommend', '-h'], cacheDir).status).toBe(0)
    expect(cacheFiles(cacheDir).map((file) => file.split('.')[1])).toEqual(['help'])
    expect(run(ARGS, cacheDir).status).toBe(0)
    expect(cacheFiles(cacheDir).map((file) => file.split('.')[1])).toEqual(['help', 'recommend'])
  })

  it('is rejected when it is not V8 code for this core, and written again', () => {
    const cacheDir = scratch('corrupt')
    const first = run(ARGS, cacheDir)
    const [file] = cacheFiles(cacheDir)
    writeFileSync(join(cacheDir, 'code', file!), Buffer.alloc(4096, 7))
    const second = run(ARGS, cacheDir)
    expect(second.status).toBe(0)
    expect(second.stdout).toBe(first.stdout)
    expect(readFileSync(join(cacheDir, 'code', file!)).equals(Buffer.alloc(4096, 7))).toBe(false)
  })

  it('is never used for a core whose content changed, even at the same length', () => {
    const copy = scratch('package')
    for (const entry of ['package.json', 'oclif.manifest.json', 'bin', 'dist']) {
      cpSync(join(ROOT, entry), join(copy, entry), {recursive: true})
    }
    for (const link of ['node_modules', 'templates']) symlinkSync(join(ROOT, link), join(copy, link))
    const bin = join(copy, 'bin/run.js')
    const cacheDir = scratch('changed')
    expect(run(ARGS, cacheDir, {bin}).status).toBe(0)
    const [before] = cacheFiles(cacheDir)

    // The same number of characters, different code: the stage's name as the JSON prints it.
    const core = join(copy, 'dist/bundle/core.cjs')
    const source = readFileSync(core, 'utf8')
    expect(source).toContain('"single-server"')
    writeFileSync(core, source.replaceAll('"single-server"', '"SINGLE-SERVER"'))
    const after = run(ARGS, cacheDir, {bin})
    expect(after.status).toBe(0)
    expect(after.stdout).toContain('"SINGLE-SERVER"')
    // The old cache was replaced by one for the new content.
    expect(cacheFiles(cacheDir)).toHaveLength(1)
    expect(cacheFiles(cacheDir)).not.toContain(before)
  })

  it('is off with NODE_DISABLE_COMPILE_CACHE, and a cache that cannot be written is skipped', () => {
    const off = scratch('off')
    const result = run(ARGS, off, {env: {NODE_DISABLE_COMPILE_CACHE: '1'}})
    expect(result.status).toBe(0)
    expect(cacheFiles(off)).toEqual([])

    // The cache directory is a file: nothing can be written under it.
    const blocked = join(scratch('blocked'), 'not-a-directory')
    writeFileSync(blocked, '')
    const blockedRun = run(ARGS, blocked)
    expect(blockedRun.status).toBe(0)
    expect(blockedRun.stdout).toBe(result.stdout)
    expect(blockedRun.stderr).toBe(result.stderr)
  })
})

// Node's own compile cache (module.enableCompileCache, Node 22.1+) serves the chunks other than the
// core; in its default place, a directory under TMPDIR.
const nodeCompileCache = 'enableCompileCache' in (await import('node:module')) ? describe : describe.skip
nodeCompileCache("Node's compile cache", () => {
  const nodeCacheAfter = (args: readonly string[]) => {
    const temporary = scratch('node-cache')
    const {NODE_COMPILE_CACHE: _, ...env} = process.env
    const result = spawnSync(process.execPath, [BIN, ...args], {
      encoding: 'utf8',
      env: {...env, NODE_OPTIONS: '', TMPDIR: temporary, SCALEPLAN_CACHE_DIR: scratch('core-cache')},
    })
    expect(result.status).toBe(0)
    return existsSync(join(temporary, 'node-compile-cache'))
  }

  it("is on for a run that loads a chunk other than the core (oclif prints a command's help)", () => {
    expect(nodeCacheAfter(['recommend', '--help'])).toBe(true)
  })

  it('stays off for a command the core runs alone: turning it on costs a millisecond', () => {
    expect(nodeCacheAfter(ARGS)).toBe(false)
  })
})
