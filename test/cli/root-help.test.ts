/**
 * The core's root help (src/cli/root-help.ts) against oclif's: a package built for the test (its
 * own commands, the real help, version and autocomplete plugins linked from node_modules, and a
 * plugin of odd commands), printed by oclif's real Help (ScaleplanHelp on the Config oclif loads)
 * and by the core, must be the same bytes at every width; and wherever the inputs go beyond what
 * the core knows, it must leave the help to oclif (undefined). The built CLI's own help is
 * compared in test/e2e/root-help.test.ts.
 */
import {afterEach, describe, expect, it, jest} from '@jest/globals'
import type {Command} from '@oclif/core/command'
import {Config} from '@oclif/core/config'
import type {Manifest, PJSON} from '@oclif/core/interfaces'
import fc from 'fast-check'
import {mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import ScaleplanHelp from '../../src/cli/help.js'
import {helpScreen, rootHelpContent} from '../../src/cli/root-help.js'
import {renderRootHelp, wrapHard} from '../../src/cli/root-help-text.js'
import {ROOT} from '../helpers/cli.js'

const command = (id: string, fields: Partial<Command.Cached> = {}): Command.Cached =>
  ({id, args: {}, flags: {}, aliases: [], hiddenAliases: [], ...fields}) as Command.Cached

interface PluginFiles {
  pjson: Record<string, unknown> & {oclif: Record<string, unknown>}
  manifest?: Manifest
  /** Where it is installed, by name under node_modules: not at all when false. */
  installed?: boolean
}

interface PackageFiles {
  pjson: PJSON & Record<string, unknown>
  manifest: Manifest
  plugins: Record<string, PluginFiles>
}

const REAL_PLUGINS = ['@oclif/plugin-help', '@oclif/plugin-version', '@oclif/plugin-autocomplete']

/** A package like scaleplan's, with summaries that wrap, a template, hidden and bare commands. */
function packageFiles(): PackageFiles {
  return {
    pjson: {
      name: 'fixture-cli',
      version: '1.2.3',
      description:
        'Plans things for tests, in a description long enough to wrap at any width\nand a second line, which oclif prints under DESCRIPTION.',
      dependencies: Object.fromEntries([...REAL_PLUGINS, 'fixture-plugin', 'not-a-plugin'].map((name) => [name, '*'])),
      oclif: {
        bin: 'fixture',
        dirname: 'fixture-cli',
        topicSeparator: ' ',
        helpClass: './dist/help.js',
        additionalHelpFlags: ['-h'],
        // Listed but not a dependency: oclif does not load it.
        plugins: [...REAL_PLUGINS, 'fixture-plugin', 'absent-plugin'],
      },
    } as unknown as PackageFiles['pjson'],
    manifest: {
      version: '1.2.3',
      commands: {
        init: command('init', {summary: 'Plan interactively: answer a few questions.\nA second line nobody sees.'}),
        recommend: command('recommend', {
          summary: 'Recommend the architecture stage for a load, explain it in numbers, and price it.',
        }),
        report: command('report', {description: 'Report for <%= config.bin %> users.\nMore on a second line.'}),
        'calibrate:app': command('calibrate:app', {summary: `A word too long for a row: ${'x'.repeat(70)} then more.`}),
        'calibrate:cache': command('calibrate:cache', {hidden: true, summary: 'Hidden from the list.'}),
        diff: command('diff'),
        zzz: command('zzz', {description: ''}),
      },
    },
    plugins: {
      'fixture-plugin': {
        pjson: {name: 'fixture-plugin', version: '0.0.1', oclif: {commands: './lib/commands'}},
        manifest: {
          version: '0.0.1',
          commands: {
            alpha: command('alpha', {summary: 'Alpha   with  spaces   between words and at the end.   '}),
            'omega:sub': command('omega:sub', {summary: 'word '.repeat(60).trim()}),
          },
        },
      },
    },
  }
}

/** Writes `files` as a package in a new directory; the real plugins are links to node_modules. */
function writePackage(files: PackageFiles): string {
  const dir = mkdtempSync(join(tmpdir(), 'scaleplan-root-help-'))
  writeFileSync(join(dir, 'package.json'), JSON.stringify(files.pjson))
  writeFileSync(join(dir, 'oclif.manifest.json'), JSON.stringify(files.manifest))
  mkdirSync(join(dir, 'node_modules/@oclif'), {recursive: true})
  for (const name of REAL_PLUGINS) symlinkSync(join(ROOT, 'node_modules', name), join(dir, 'node_modules', name), 'dir')
  for (const [name, plugin] of Object.entries(files.plugins)) {
    if (plugin.installed === false) continue
    const pluginDir = join(dir, 'node_modules', name)
    mkdirSync(pluginDir, {recursive: true})
    writeFileSync(join(pluginDir, 'package.json'), JSON.stringify(plugin.pjson))
    if (plugin.manifest) writeFileSync(join(pluginDir, 'oclif.manifest.json'), JSON.stringify(plugin.manifest))
  }

  return dir
}

/** The core's root help for the package in `dir`, at `width`; undefined when it leaves it to oclif. */
async function coreHelp(dir: string, width: number, argv: string[] = []): Promise<string | undefined> {
  const pjson = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PJSON
  const manifest = JSON.parse(readFileSync(join(dir, 'oclif.manifest.json'), 'utf8')) as Manifest
  const content = rootHelpContent(dir, pjson, manifest, argv)
  return content && renderRootHelp(content, {...(await helpScreen()), width})
}

/** What oclif's Help prints for the root help of the package in `dir`, at `width`. */
async function oclifHelp(dir: string, width: number): Promise<string> {
  const config = await Config.load({root: dir})
  let printed = ''
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    printed += String(chunk)
    return true
  })
  try {
    await new ScaleplanHelp(config, {maxWidth: width}).showHelp([])
  } finally {
    write.mockRestore()
  }

  return printed
}

// The user's own config and data directories (a theme, user plugins) must not decide a test.
const scratchHome = mkdtempSync(join(tmpdir(), 'scaleplan-root-help-home-'))
const savedEnv = {...process.env}
const isolate = () => {
  for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key]
  Object.assign(process.env, savedEnv, {
    XDG_CONFIG_HOME: join(scratchHome, 'config'),
    XDG_DATA_HOME: join(scratchHome, 'data'),
  })
  delete process.env.DEBUG
  delete process.env.FIXTURE_DEBUG
}

isolate()
afterEach(isolate)

describe('the root help without oclif', () => {
  it('is the bytes oclif prints, at every width (one column when a summary runs long)', async () => {
    const dir = writePackage(packageFiles())
    const widths = [-3, 0, 1, 2, 5, 10, 20, 30, 39, 40, 41, 55, 60, 79, 80, 81, 100, 120, 137, 200, 1000]
    for (const width of widths) {
      expect({width, help: await coreHelp(dir, width)}).toEqual({width, help: await oclifHelp(dir, width)})
    }
  })

  it('lists the help plugin as `help` with its template rendered, and version with our summary', async () => {
    const help = (await coreHelp(writePackage(packageFiles()), 200))!
    expect(help).toMatch(/^ {2}help +Display help for fixture\.$/m)
    expect(help).toMatch(/^ {2}version +Show the version of scaleplan/m)
    expect(help).toMatch(/^ {2}report +Report for fixture users\.$/m)
    expect(help).not.toContain('Hidden from the list')
    expect(help).toContain('\nDESCRIPTION\n  and a second line')
  })

  it('gives a `version` whose description is null (as JSON can have it) our summary, as oclif does', async () => {
    const files = packageFiles()
    files.pjson.oclif.plugins = files.pjson.oclif.plugins!.filter((name) => name !== '@oclif/plugin-version')
    files.manifest.commands.version = command('version', {description: null as unknown as string})
    const dir = writePackage(files)
    const help = await coreHelp(dir, 100)
    expect(help).toMatch(/^ {2}version +Show the version of scaleplan/m)
    expect(help).toBe(await oclifHelp(dir, 100))
  })

  it('answers `help` only when the help plugin provides it', async () => {
    const files = packageFiles()
    files.pjson.oclif.plugins = files.pjson.oclif.plugins!.filter((name) => name !== '@oclif/plugin-help')
    const dir = writePackage(files)
    expect(await coreHelp(dir, 80, [])).toBeDefined()
    expect(await coreHelp(dir, 80, ['help'])).toBeUndefined()
  })

  const cases: [string, (files: PackageFiles) => void][] = [
    ['a plugin without a manifest', (files) => delete files.plugins['fixture-plugin']!.manifest],
    [
      'a plugin whose manifest is of another version',
      (files) => (files.plugins['fixture-plugin']!.manifest!.version = '0.0.2'),
    ],
    ['a plugin that is not installed', (files) => (files.plugins['fixture-plugin']!.installed = false)],
    [
      'a plugin with plugins of its own',
      (files) => (files.plugins['fixture-plugin']!.pjson.oclif.plugins = ['another-plugin']),
    ],
    ['a plugin without oclif settings', (files) => (files.plugins['fixture-plugin']!.pjson.oclif = undefined!)],
    [
      'a plugin that hooks init',
      (files) => (files.plugins['fixture-plugin']!.pjson.oclif.hooks = {init: './lib/init.js'}),
    ],
    ['a manifest of another version', (files) => (files.manifest.version = '1.2.4')],
    ['a package without a version', (files) => delete (files.pjson as {version?: string}).version],
    ['a command alias', (files) => (files.manifest.commands.diff!.aliases = ['compare'])],
    [
      'an id two plugins claim',
      (files) => (files.plugins['fixture-plugin']!.manifest!.commands.init = command('init', {summary: 'Twice.'})),
    ],
    ['text that is not ASCII', (files) => (files.manifest.commands.diff!.summary = 'Compare specs ≥ 2.')],
    ['a tab', (files) => (files.manifest.commands.diff!.summary = 'Compare\tspecs.')],
    ['a template other than the bin', (files) => (files.manifest.commands.diff!.summary = 'v<%= config.version %>')],
    ['a stray template delimiter', (files) => (files.manifest.commands.diff!.summary = '100%> sure.')],
    ['help options', (files) => (files.pjson.oclif.helpOptions = {maxWidth: 60})],
    ['a theme in package.json', (files) => ((files.pjson.oclif as Record<string, unknown>).theme = {bin: 'red'})],
    ['flexible taxonomy', (files) => (files.pjson.oclif.flexibleTaxonomy = true)],
    ['a plugin pattern', (files) => (files.pjson.oclif.plugins = ['@oclif/plugin-*'])],
    ['no help class', (files) => delete files.pjson.oclif.helpClass],
    [
      'a theme in the config directory',
      () => {
        mkdirSync(join(scratchHome, 'config/fixture-cli'), {recursive: true})
        writeFileSync(join(scratchHome, 'config/fixture-cli/theme.json'), '{"sectionHeader": "red"}')
      },
    ],
    [
      'user plugins',
      () => {
        process.env.FIXTURE_DATA_DIR = join(scratchHome, 'user-data')
        mkdirSync(process.env.FIXTURE_DATA_DIR, {recursive: true})
        writeFileSync(join(process.env.FIXTURE_DATA_DIR, 'package.json'), '{"oclif": {"plugins": []}}')
      },
    ],
    ['DEBUG', () => (process.env.DEBUG = '*')],
    ["the CLI's DEBUG", () => (process.env.FIXTURE_DEBUG = '1')],
    [
      'NO_COLOR beside FORCE_COLOR (Node warns as oclif prints)',
      () => Object.assign(process.env, {NO_COLOR: '1', FORCE_COLOR: '1'}),
    ],
  ]

  it.each(cases)('is left to oclif for %s', async (_, change) => {
    const files = packageFiles()
    change(files)
    expect(await coreHelp(writePackage(files), 80)).toBeUndefined()
  })

  it('skips the theme in the config directory when FIXTURE_DISABLE_THEME says so, as oclif does', async () => {
    mkdirSync(join(scratchHome, 'config/fixture-cli'), {recursive: true})
    writeFileSync(join(scratchHome, 'config/fixture-cli/theme.json'), '{"sectionHeader": "red"}')
    process.env.FIXTURE_DISABLE_THEME = 'true'
    const dir = writePackage(packageFiles())
    expect(await coreHelp(dir, 80)).toBe(await oclifHelp(dir, 80))
  })
})

describe('wrapHard', () => {
  // wrap-ansi as oclif's HelpFormatter requires it: its own version, under @oclif/core.
  const require = createRequire(join(ROOT, 'node_modules/@oclif/core/lib/help/formatter.js'))
  const wrapAnsi = require('wrap-ansi') as (text: string, columns: number, options: {hard: boolean}) => string
  const {version} = require('wrap-ansi/package.json') as {version: string}

  it("wraps printable ASCII as oclif's wrap-ansi does with `hard: true`", () => {
    expect(version).toMatch(/^7\./) // the version root-help-text.ts follows
    const text = fc.stringMatching(/^[ -~\n]{0,160}$/)
    const wordy = fc
      .array(fc.oneof(fc.constantFrom(' ', '  ', '\n'), fc.stringMatching(/^[!-~]{1,30}$/)), {maxLength: 40})
      .map((parts) => parts.join(''))
    fc.assert(
      fc.property(fc.oneof(text, wordy), fc.integer({min: -3, max: 90}), (input, columns) => {
        expect(wrapHard(input, columns)).toBe(wrapAnsi(input, columns, {hard: true}))
      }),
      {numRuns: 3000},
    )
  })
})
