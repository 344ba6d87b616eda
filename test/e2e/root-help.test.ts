/**
 * End-to-end: the built CLI's root help (`--help`, `-h`, `help`, a bare `scaleplan`) and its
 * version line (`--version`) are printed by the core alone, and are every byte oclif prints for
 * them through its own `run`
 * (test/fixtures/oclif-help.mjs): stdout, stderr and exit code, at several widths (OCLIF_COLUMNS,
 * a terminal's) and colour settings. Where the fast path does not know the inputs (a theme), oclif
 * prints it.
 */
import {beforeAll, describe, expect, it} from '@jest/globals'
import {Config} from '@oclif/core/config'
import type {Manifest, PJSON} from '@oclif/core/interfaces'
import {spawnSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import ScaleplanHelp from '../../src/cli/help.js'
import {helpScreen, rootHelpContent} from '../../src/cli/root-help.js'
import {renderRootHelp} from '../../src/cli/root-help-text.js'
import {BIN, ROOT} from '../helpers/cli.js'
import {assertBuilt, runInPty} from '../helpers/pty.js'

/** Runs a command line through oclif's `run` alone, as main.ts does for what it leaves to oclif. */
const ORACLE = join(ROOT, 'test/fixtures/oclif-help.mjs')
const scratch = () => mkdtempSync(join(tmpdir(), 'scaleplan-root-help-'))

/** The user's theme and plugins stay out: config and data directories of the test's own. */
const home = scratch()
const HOME_ENV = {XDG_CONFIG_HOME: join(home, 'config'), XDG_DATA_HOME: join(home, 'data')}
/** What the help depends on, which each case sets itself (jest's workers may have FORCE_COLOR). */
/**
 * What decides the help's width and colour, left out of this process's environment: a CI
 * machine's `CI` (and the services supports-color and ansis look for) turns oclif's bold off even
 * at a terminal.
 */
const DECIDING = [
  'FORCE_COLOR',
  'NO_COLOR',
  'NODE_DISABLE_COLORS',
  'OCLIF_COLUMNS',
  'DEBUG',
  'NODE_OPTIONS',
  'CI',
  'CI_NAME',
  'COLORTERM',
  'TF_BUILD',
  'TEAMCITY_VERSION',
  'GITHUB_ACTIONS',
  'GITEA_ACTIONS',
  'GITLAB_CI',
  'TRAVIS',
  'CIRCLECI',
  'APPVEYOR',
  'BUILDKITE',
]

/** This process's environment without what decides the help, with the test's home directories. */
function baseEnv(): Record<string, string> {
  const env = Object.entries(process.env).filter(
    ([key, value]) => value !== undefined && !key.startsWith('SCALEPLAN_') && !DECIDING.includes(key),
  )
  return {...(Object.fromEntries(env) as Record<string, string>), ...HOME_ENV}
}

/** Runs `script <args>` piped with `env`; stderr without the process ids Node's warnings carry. */
function run(script: string, args: string[], env: Record<string, string>, nodeOptions: string[] = []) {
  const result = spawnSync(process.execPath, [...nodeOptions, script, ...args], {
    cwd: ROOT,
    env: {...baseEnv(), ...env},
    encoding: 'utf8',
    input: '',
    timeout: 60_000,
  })
  return {status: result.status, stdout: result.stdout, stderr: result.stderr.replaceAll(/\(node:\d+\)/g, '(node:PID)')}
}

/** `scaleplan <args>` and the same through oclif's `run` alone. */
const bothWays = (args: string[], env: Record<string, string> = {}) => ({
  cli: run(BIN, args, env),
  oclif: run(ORACLE, args, env),
})

/** `scaleplan <args>` prints what oclif prints, exits 0 and says nothing on stderr; returns what it printed. */
function sameAsOclif(args: string[]): string {
  const {cli, oclif} = bothWays(args)
  expect(cli).toEqual(oclif)
  expect(cli.status).toBe(0)
  expect(cli.stderr).toBe('')
  return cli.stdout
}

beforeAll(assertBuilt)

describe('scaleplan --help', () => {
  it.each([[[]], [['--help']], [['-h']], [['help']]])(
    '%j prints what oclif prints, exit 0, nothing on stderr',
    (args) => {
      expect(sameAsOclif(args)).toMatch(/^Capacity planner[^\n]*\n\nVERSION\n {2}scaleplan\//)
    },
  )

  it.each([['help'], ['--help'], ['--version']])('%s in a directory that is gone prints what oclif prints', (word) => {
    const inGoneDirectory = (script: string) => {
      const dir = scratch()
      const shell = `cd "$1" && rmdir "$1" && exec "$2" "$3" "$4"`
      const result = spawnSync('sh', ['-c', shell, 'sh', dir, process.execPath, script, word], {
        env: baseEnv(),
        encoding: 'utf8',
      })
      return {status: result.status, stdout: result.stdout, stderr: result.stderr}
    }
    const cli = inGoneDirectory(BIN)
    expect(cli).toEqual(inGoneDirectory(ORACLE))
    expect(cli.stdout).toMatch(word === '--version' ? /^scaleplan\// : /^Capacity planner/)
  })

  it.each(['20', '40', '80', '100', '200', '-3', 'wide'])('is the same bytes at OCLIF_COLUMNS=%s', (columns) => {
    const {cli, oclif} = bothWays(['--help'], {OCLIF_COLUMNS: columns})
    expect(cli).toEqual(oclif)
  })

  it.each([
    [{FORCE_COLOR: '1'}, true],
    [{FORCE_COLOR: '3', OCLIF_COLUMNS: '100'}, true],
    [{FORCE_COLOR: '1', TERM: 'dumb'}, true],
    [{FORCE_COLOR: '0'}, false],
    [{FORCE_COLOR: 'false'}, false],
    [{NO_COLOR: '1'}, false],
    [{NO_COLOR: '1', FORCE_COLOR: '1'}, false],
  ])('is the same bytes with %j (bold headers: %s)', (env, bold) => {
    const {cli, oclif} = bothWays(['--help'], env)
    expect(cli).toEqual(oclif)
    expect(cli.stdout.includes('\u001B[1mVERSION\u001B[22m')).toBe(bold)
  })

  it.each<[number, Record<string, string>, boolean]>([
    [30, {}, true],
    [60, {}, true],
    [120, {}, true],
    [80, {NO_COLOR: '1'}, false],
    [80, {TERM: 'xterm-mono'}, false],
    [80, {TERM: 'dumb'}, false],
  ])('is the same bytes at a terminal %i columns wide with %j (bold headers: %s)', (columns, env, bold) => {
    const cwd = scratch()
    // The pty helper passes this process's environment on: the terminal decides colour here.
    const saved = {...process.env}
    for (const key of DECIDING) delete process.env[key]
    try {
      const cli = runInPty(['--help'], [], {cwd, columns, env: {...HOME_ENV, ...env}})
      const oclif = runInPty(['--help'], [], {cwd, columns, env: {...HOME_ENV, ...env}, cli: ORACLE})
      expect(cli.error).toBeNull()
      expect(cli.raw).toBe(oclif.raw)
      expect(cli.exitCode).toBe(oclif.exitCode)
      expect(cli.raw.includes('\u001B[1mUSAGE\u001B[22m')).toBe(bold)
      // Laid out for the terminal's width, 40 columns at least (oclif's narrowest).
      expect(cli.output).toBe(run(BIN, ['--help'], {OCLIF_COLUMNS: String(Math.max(columns, 40))}).stdout)
    } finally {
      Object.assign(process.env, saved)
    }
  })

  it("is oclif's real Help at every width from 1 to 200, in process", async () => {
    const pjson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as PJSON
    const manifest = JSON.parse(readFileSync(join(ROOT, 'oclif.manifest.json'), 'utf8')) as Manifest
    const saved = {...process.env}
    Object.assign(process.env, HOME_ENV)
    try {
      // Colour as this process's libraries see it, on both sides.
      const content = rootHelpContent(ROOT, pjson, manifest, [])
      expect(content).toBeDefined()
      const config = await Config.load({root: ROOT})
      const screen = await helpScreen()
      for (let width = 1; width <= 200; width++) {
        let printed = ''
        const help = new ScaleplanHelp(config, {maxWidth: width})
        // ScaleplanHelp logs through oclif's ux, which writes with console.log.
        const log = console.log
        console.log = (text: string) => (printed += `${text}\n`)
        try {
          await help.showHelp([])
        } finally {
          console.log = log
        }

        expect({width, help: renderRootHelp(content!, {...screen, width})}).toEqual({width, help: printed})
      }
    } finally {
      for (const key of Object.keys(HOME_ENV)) if (!(key in saved)) delete process.env[key]
      Object.assign(process.env, saved)
    }
  })

  it('leaves it to oclif when a theme is in the config directory, and prints the theme', () => {
    const config = scratch()
    mkdirSync(join(config, 'scaleplan'))
    writeFileSync(join(config, 'scaleplan/theme.json'), JSON.stringify({sectionHeader: 'cyan'}))
    const {cli, oclif} = bothWays(['--help'], {XDG_CONFIG_HOME: config, FORCE_COLOR: '1'})
    expect(cli).toEqual(oclif)
    expect(cli.stdout).toContain('\u001B[36m\u001B[1mVERSION')
    expect(chunksLoadedBy(['--help'], {XDG_CONFIG_HOME: config})).toContain('/dist/bundle/oclif.cjs')
  })
})

describe('scaleplan --version', () => {
  it.each([[['--version']], [['--version', 'recommend']], [['--version', '--help']]])(
    '%j prints the version line oclif prints, exit 0, nothing on stderr',
    (args) => {
      expect(sameAsOclif(args)).toBe(`scaleplan/0.1.0 ${process.platform}-${process.arch} node-${process.version}\n`)
    },
  )

  it('leaves the version line to oclif too when a plugin hooks init, and prints what oclif prints', () => {
    const data = scratch()
    const plugin = join(data, 'scaleplan/node_modules/hooked')
    mkdirSync(plugin, {recursive: true})
    writeFileSync(
      join(data, 'scaleplan/package.json'),
      JSON.stringify({
        private: true,
        oclif: {schema: 1, plugins: [{name: 'hooked', type: 'user', tag: 'latest'}]},
        dependencies: {hooked: '1.0.0'},
      }),
    )
    writeFileSync(
      join(plugin, 'package.json'),
      JSON.stringify({name: 'hooked', version: '1.0.0', oclif: {hooks: {init: './init.cjs'}}}),
    )
    writeFileSync(join(plugin, 'init.cjs'), "module.exports = async () => { process.stdout.write('hooked\\n') }")
    const {cli, oclif} = bothWays(['--version'], {XDG_DATA_HOME: data})
    expect(cli).toEqual(oclif)
    expect(cli.stdout).toMatch(/^hooked\nscaleplan\//)
    expect(chunksLoadedBy(['--version'], {XDG_DATA_HOME: data})).toContain('/dist/bundle/oclif.cjs')
  })
})

/** The chunks of dist/bundle a run of `scaleplan <args>` loads (test/fixtures/trace-imports.mjs). */
function chunksLoadedBy(args: string[], env: Record<string, string> = {}): string[] {
  const trace = join(scratch(), 'imports.txt')
  writeFileSync(trace, '')
  const result = run(BIN, args, {...env, TRACE_IMPORTS_FILE: trace}, [
    '--import',
    join(ROOT, 'test/fixtures/trace-imports.mjs'),
  ])
  expect(result.status).toBe(0)
  const loaded = readFileSync(trace, 'utf8')
  expect(loaded).toContain('/dist/bundle/core.cjs') // the trace works
  return [...new Set(loaded.match(/\/dist\/bundle\/[\w-]+\.cjs/g) ?? [])]
}

describe('start-up', () => {
  it.each([[[]], [['--help']], [['-h']], [['help']], [['--version']]])(
    '%j loads the core chunk and no other, nor any of oclif',
    (args) => {
      expect(chunksLoadedBy(args)).toEqual(['/dist/bundle/core.cjs'])
    },
  )

  it("a command's help is still oclif's", () => {
    expect(chunksLoadedBy(['recommend', '--help'])).toContain('/dist/bundle/oclif.cjs')
  })
})
