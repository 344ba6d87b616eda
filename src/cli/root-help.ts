/**
 * `scaleplan --help` (and `-h`, `help`, a bare `scaleplan`: `isRootHelpRequest`) without oclif:
 * the root help oclif would print, byte for byte, from package.json, the command manifest and the
 * plugins' manifests.
 *
 * Why: to print the list of commands, oclif's `run` loads its Config (every plugin's package.json
 * and manifest, the user's directories and theme), then its Help and their dependencies: most of
 * the time `--help` took, for a text that only depends on a few files and the terminal.
 *
 * oclif is still the authority: `rootHelpContent` answers only when the inputs are ones whose
 * output it knows, and undefined otherwise, for main.ts to run oclif instead. It knows the
 * plugins named in package.json, found as oclif finds them (each by Node's module lookup from the
 * package root) and read from their own `oclif.manifest.json` at run time, as oclif reads them, so
 * a plugin upgrade is seen. It leaves to oclif: a plugin without a readable manifest or whose
 * manifest is of another version, a hook on the way to the help, user or development plugins, a
 * theme, command aliases or ids claimed twice, help options, templates other than
 * `<%= config.bin %>`, text that is not printable ASCII, DEBUG, FORCE_COLOR beside NO_COLOR (Node
 * warns then as oclif prints), `help` in a directory that is gone, Windows and WSL.
 *
 * `--version` prints the content's `userAgent` (the help's VERSION), under the same conditions:
 * oclif's `run` prints it after the same Config and init hook, and runs the same finally hook.
 */
import type {Manifest, PJSON} from '@oclif/core/interfaces'
import {existsSync, readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {arch, homedir, platform, release, tmpdir} from 'node:os'
import {join} from 'node:path'

import {boldHeaders} from './bold-headers.js'
import {ManifestConfig, readJson} from './manifest-config.js'
import {stdoutTerminal} from './output.js'
import {type RootHelpContent, type RootHelpScreen, renderRootHelp} from './root-help-text.js'

type CachedCommand = Manifest['commands'][string]

/**
 * The root help for `content`, laid out for where it is printed. For main.ts once it prints to
 * the descriptors (`writeDirectly`): this looks at whether stdout is a terminal.
 */
export async function rootHelpText(content: RootHelpContent): Promise<string> {
  return renderRootHelp(content, await helpScreen())
}

/**
 * The events oclif runs hooks for on the way to the root help: `run`'s init and finally, and for
 * the `help` command, its prerun, postrun and the root's preparse. A plugin that hooks one of them
 * could print or change anything.
 */
const ROOT_HELP_HOOKS = ['init', 'prerun', 'preparse', 'postrun', 'finally']

/**
 * What the root help says for `argv` in the package at `root`, or undefined when the inputs go
 * beyond what this module knows.
 */
export function rootHelpContent(
  root: string,
  pjson: PJSON,
  manifest: Manifest,
  argv: readonly string[],
): RootHelpContent | undefined {
  const config = new ManifestConfig({root, pjson, manifest})
  const {bin} = config
  if (!knownOptions(pjson) || /[&<>"']/.test(bin) || !sameVersion(manifest.version, pjson.version)) return undefined
  if (!plainEnvironment(config, pjson)) return undefined

  const plugins = corePlugins(root, pjson)
  if (plugins === undefined) return undefined
  const everyPlugin: LoadedPlugin[] = [{name: pjson.name, pjson, manifest}, ...plugins]
  const hooked = everyPlugin.some((plugin) =>
    Object.keys(plugin.pjson.oclif.hooks ?? {}).some((event) => ROOT_HELP_HOOKS.includes(event)),
  )
  if (hooked) return undefined

  // Config's command table: an id claimed twice or an alias makes oclif choose, so oclif chooses.
  const commands = new Map<string, {readonly pluginName: string; readonly command: CachedCommand}>()
  for (const plugin of everyPlugin) {
    for (const [id, command] of Object.entries(plugin.manifest.commands)) {
      if (commands.has(id) || [...(command.aliases ?? []), ...(command.hiddenAliases ?? [])].length > 0)
        return undefined
      commands.set(id, {pluginName: plugin.name, command})
    }
  }

  // `scaleplan help` runs the help plugin's command, which prints the root help; it loads
  // @oclif/core's index, which warns on stderr when the current directory is gone.
  if (argv[0] === 'help' && (commands.get('help')?.pluginName !== '@oclif/plugin-help' || !cwdExists()))
    return undefined

  const listed: {id: string; summary: string | undefined}[] = []
  for (const [id, {command}] of [...commands].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (command.hidden) continue
    const summary = summaryOf(command, bin)
    if (summary === null || !printable(id) || !printable(summary ?? '')) return undefined
    listed.push({id, summary})
  }

  const description = renderTemplate(pjson.oclif.description || pjson.description || '', bin)
  const userAgent = `${pjson.name}/${pjson.version || '0.0.0'} ${platform()}-${arch() === 'ia32' ? 'x86' : arch()} node-${process.version}`
  if (description === undefined || !printable(description) || !printable(userAgent)) return undefined
  return {description, userAgent, bin, topicSeparator: config.topicSeparator, commands: listed}
}

/** False when the current directory was removed under the process. */
function cwdExists(): boolean {
  try {
    process.cwd()
    return true
  } catch {
    return false
  }
}

/** Printable ASCII (and line breaks), the text root-help-text.ts lays out as oclif does. */
function printable(text: string): boolean {
  return /^[\u0020-\u007E\n]*$/.test(text)
}

/**
 * False for package.json options that change what oclif's root help prints or which help runs: no
 * help class of ours, help options, a theme, flexible taxonomy, a single-command CLI, JIT or
 * development plugins.
 */
function knownOptions(pjson: PJSON): boolean {
  const oclif = pjson.oclif as PJSON['oclif'] & Record<string, unknown>
  const single = typeof oclif.commands === 'object' && oclif.commands.strategy === 'single'
  return (
    Boolean(oclif.helpClass) &&
    [oclif.helpOptions, (pjson as {helpOptions?: unknown}).helpOptions, oclif.theme].every((v) => v === undefined) &&
    [oclif.jitPlugins, oclif.devPlugins].every((v) => v === undefined) &&
    !oclif.flexibleTaxonomy &&
    !single
  )
}

/** True for manifest and package versions oclif takes as the same (it compares what precedes `-`). */
function sameVersion(manifestVersion: string | undefined, version: string | undefined): boolean {
  return typeof manifestVersion === 'string' && typeof version === 'string'
    ? manifestVersion.split('-')[0] === version.split('-')[0]
    : false
}

/**
 * False where oclif would do something of its own: print its debug log (DEBUG, SCALEPLAN_DEBUG),
 * apply the user's theme (theme.json in its config directory), load the user's plugins (a
 * package.json in its data directory), name the platform `wsl`, or run on Windows (whose
 * directories this module does not model).
 */
function plainEnvironment(config: ManifestConfig, pjson: PJSON): boolean {
  const {env} = process
  if (platform() === 'win32' || isWsl()) return false
  if (env.DEBUG || config.scopedEnvVar('DEBUG')) return false
  // Node warns on stderr that FORCE_COLOR overrides them, as oclif's console.log looks at colour.
  if (env.FORCE_COLOR !== undefined && (env.NO_COLOR !== undefined || env.NODE_DISABLE_COLORS !== undefined))
    return false
  // Config's directories: SCALEPLAN_CONFIG_DIR, else XDG_CONFIG_HOME or ~/.config, and its dirname.
  const home = env.HOME || homedir() || tmpdir()
  const dirname = pjson.oclif.dirname || pjson.name
  const dir = (category: 'config' | 'data') =>
    join(
      env[`XDG_${category.toUpperCase()}_HOME`] || join(home, category === 'data' ? '.local/share' : `.${category}`),
      dirname,
    )
  const configDir = config.scopedEnvVar('CONFIG_DIR') || dir('config')
  const dataDir = config.scopedEnvVar('DATA_DIR') || dir('data')
  const disableTheme = config.scopedEnvVar('DISABLE_THEME')
  const themed = disableTheme !== '1' && disableTheme !== 'true' && existsSync(join(configDir, 'theme.json'))
  return !themed && !existsSync(join(dataDir, 'package.json'))
}

/** As the is-wsl package oclif asks decides (a Linux kernel built by Microsoft). */
function isWsl(): boolean {
  if (platform() !== 'linux') return false
  if (release().toLowerCase().includes('microsoft')) return true
  try {
    if (readFileSync('/proc/version', 'utf8').toLowerCase().includes('microsoft')) return true
  } catch {
    // No /proc: the paths below decide.
  }

  return existsSync('/proc/sys/fs/binfmt_misc/WSLInterop') || existsSync('/run/WSL')
}

interface LoadedPlugin {
  readonly name: string
  readonly pjson: PJSON
  readonly manifest: Manifest
}

/**
 * The plugins oclif loads from package.json's `oclif.plugins` (those of them that are
 * dependencies, in the order of `dependencies`), each with its package.json and manifest; undefined
 * when one of them is beyond what this module knows.
 */
function corePlugins(root: string, pjson: PJSON): LoadedPlugin[] | undefined {
  const patterns = pjson.oclif.plugins ?? []
  // oclif matches them with minimatch; a plain package name matches itself alone.
  if (patterns.some((pattern) => typeof pattern !== 'string' || !/^(@[\w.-]+\/)?[\w.-]+$/.test(pattern)))
    return undefined
  const names = Object.keys(pjson.dependencies ?? {}).filter((name) => patterns.includes(name))
  const {resolve} = createRequire(join(root, 'package.json'))
  const plugins: LoadedPlugin[] = []
  for (const name of names) {
    // Node's lookup for a package name: node_modules of root and its parents, then the global folders.
    const dir = (resolve.paths(name) ?? [])
      .map((modules) => join(modules, name))
      .find((path) => existsSync(join(path, 'package.json')))
    const plugin = dir === undefined ? undefined : readPlugin(dir, name)
    if (plugin === undefined) return undefined
    plugins.push(plugin)
  }

  return plugins
}

/** The plugin in `dir`, when it is an oclif plugin with a manifest of its version and no plugins of its own. */
function readPlugin(dir: string, name: string): LoadedPlugin | undefined {
  const pjson = readJson(join(dir, 'package.json')) as PJSON | undefined
  if (pjson?.name !== name || !pjson.oclif || (pjson.oclif.plugins ?? []).length > 0) return undefined
  // oclif reads oclif.manifest.json, or .oclif.manifest.json when there is none.
  const file = join(dir, 'oclif.manifest.json')
  const manifest = readJson(existsSync(file) ? file : join(dir, '.oclif.manifest.json')) as Manifest | undefined
  if (typeof manifest?.commands !== 'object' || !sameVersion(manifest.version, pjson.version)) return undefined
  return {name, pjson, manifest}
}

/**
 * A command's summary as oclif's Help gives it: the summary's first line, else the description's
 * first line, rendered; undefined when it has neither (nor an empty description), null when its
 * template is beyond this module.
 */
function summaryOf(command: CachedCommand, bin: string): string | undefined | null {
  if (command.summary) return renderTemplate(command.summary.split('\n')[0]!, bin) ?? null
  // oclif returns the description itself when it is empty: '' lists nothing, null or none ours.
  if (!command.description) return command.description === '' ? '' : undefined
  const description = renderTemplate(command.description, bin)
  return description === undefined ? null : description.split('\n')[0]
}

/**
 * oclif renders help text as an EJS template with the Help as context; the only template this
 * module knows is the CLI's name, `<%= config.bin %>` (or `<%-`). Undefined for any other.
 */
function renderTemplate(text: string, bin: string): string | undefined {
  const rendered = text.replaceAll(/<%[=-]\s*config\.bin\s*%>/g, bin)
  return /<%|%>/.test(rendered) ? undefined : rendered
}

/**
 * oclif's width and colour for help (its `screen` module and `colorize`): OCLIF_COLUMNS, else
 * the terminal's width (40 at least) when stdout is one, else 80; section headers bold as
 * bold-headers.ts says.
 */
export async function helpScreen(): Promise<RootHelpScreen> {
  const terminal = stdoutTerminal()
  const columns = Number.parseInt(process.env.OCLIF_COLUMNS ?? '', 10)
  const width = columns || (terminal === undefined || terminal.columns < 1 ? 80 : Math.max(terminal.columns, 40))
  return {width, bold: await boldHeaders(terminal !== undefined)}
}
