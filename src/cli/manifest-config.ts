/**
 * What scaleplan's commands read of a Config (`CommandConfig`), from package.json and the command
 * manifest the build writes, without oclif's `Config.load`.
 *
 * `Config.load` finds the root plugin, reads the manifest again, sorts every command with
 * `localeCompare` (which loads ICU's collator), resolves the user's directories and theme, and
 * looks for user and development plugins: a fifth of a `recommend` run, spent on a CLI whose
 * commands are all in one table and whose plugins (help, version, autocomplete) a scaleplan
 * command never uses. `main.ts` runs a scaleplan command with this object in place of a Config
 * when the command line names the command plainly (see `ownCommandId`); anything else, help and
 * the plugins' commands among it, goes through oclif's own `run`.
 */
import type {Command} from '@oclif/core/command'
import type {Manifest, PJSON} from '@oclif/core/interfaces'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'

/**
 * What a scaleplan command reads of its Config. oclif's Config has all of it (when oclif runs a
 * command for its help or a plugin), and so has ManifestConfig (when main.ts or a test does).
 */
export interface CommandConfig {
  readonly root: string
  readonly name: string
  readonly version: string
  readonly bin: string
  readonly topicSeparator: ' ' | ':'
  findCommand(id: string): object | undefined
  runCommand(id: string, argv?: string[]): Promise<unknown>
  scopedEnvVar(key: string): string | undefined
}

/**
 * src/command-table.ts's COMMANDS: runs a command by id with the Config it is given, and loads its
 * class (whose arguments ownCommandId reads).
 */
type CommandTable = Readonly<
  Record<
    string,
    {
      id?: string
      runWith(argv: string[], config: CommandConfig): Promise<unknown>
      loadClass(): Promise<{readonly args?: object; readonly strict?: boolean}>
    }
  >
>

/** The package.json of the package at `root`; undefined when it is missing or unreadable. */
export function readPackageJson(root: string): PJSON | undefined {
  return readJson(join(root, 'package.json')) as PJSON | undefined
}

/** The command manifest the build writes; undefined before the first build. */
export function readManifest(root: string): Manifest | undefined {
  return readJson(join(root, 'oclif.manifest.json')) as Manifest | undefined
}

/** The JSON in `file`, or undefined when it is missing or not JSON. */
export function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    return undefined
  }
}

/**
 * The Config of the package at `root` for a command class run on its own: its package.json and
 * command manifest (none before the first build).
 */
export function loadConfig(root: string): ManifestConfig {
  const pjson = readPackageJson(root)
  if (pjson === undefined) throw new Error(`no readable package.json in ${root}`)
  return new ManifestConfig({root, pjson})
}

/**
 * The id of the scaleplan command `argv` runs, when oclif would find that same command and run
 * it: the first word names one of `table` (`recommend`, not a topic like `calibrate`), no help
 * flag asks for its help instead, and what follows is a flag, or an argument the command takes
 * (oclif joins any other word into the command's name, and its not-found hook answers). Otherwise
 * undefined, and oclif decides.
 *
 * The table, not the manifest, says which commands there are (the build writes the manifest from
 * the table's classes): parsing the manifest costs every run most of a millisecond, and a
 * command's class, whose arguments decide the rare case of a word after the command, is loaded
 * to run it anyway.
 */
export async function ownCommandId(
  argv: readonly string[],
  pjson: PJSON,
  table: CommandTable,
): Promise<string | undefined> {
  const [id, next] = argv
  if (id === undefined || !Object.hasOwn(table, id)) return undefined
  const help = helpFlags(pjson)
  const end = argv.indexOf('--')
  if ((end === -1 ? argv : argv.slice(0, end)).some((arg) => help.includes(arg))) return undefined
  if (next === undefined || next.startsWith('-')) return id
  // A command named by both words (`x y` for x:y) is oclif's to find; otherwise the word is an argument.
  if (Object.hasOwn(table, `${id}:${next}`)) return undefined
  const {strict, args = {}} = await table[id]!.loadClass()
  return strict === false || Object.keys(args).length > 0 ? id : undefined
}

/**
 * True when oclif answers `argv` with the root help: no words at all, a help flag alone
 * (`--help`, `-h`), or the help plugin's `help` alone. (Other command lines print it too, say
 * `help --help`; oclif's path prints those.)
 */
export function isRootHelpRequest(argv: readonly string[], pjson: PJSON): boolean {
  if (argv.length === 0) return true
  if (argv.length > 1) return false
  const [word = ''] = argv
  return !isVersionRequest(argv, pjson) && (helpFlags(pjson).includes(word) || word === 'help')
}

/**
 * True when oclif answers `argv` with the version line: its first word is a version flag
 * (`--version` and package.json's `additionalVersionFlags`), whatever follows, as oclif's `run`
 * checks before anything else.
 */
export function isVersionRequest(argv: readonly string[], pjson: PJSON): boolean {
  return argv[0] !== undefined && ['--version', ...(pjson.oclif.additionalVersionFlags ?? [])].includes(argv[0])
}

/** The flags that ask oclif for help: `--help` and package.json's `additionalHelpFlags` (`-h`). */
function helpFlags(pjson: PJSON): readonly string[] {
  return ['--help', ...(pjson.oclif.additionalHelpFlags ?? [])]
}

/** The Config of a scaleplan command run by `main.ts` or a test: what its commands read. */
export class ManifestConfig implements CommandConfig {
  readonly root: string
  readonly name: string
  readonly version: string
  readonly bin: string
  readonly binAliases: readonly string[] | undefined
  readonly topicSeparator: ' ' | ':'
  private loadedManifest?: Manifest

  /**
   * `table` runs a command by id (src/command-table.ts); without it (a command class run on its
   * own, as tests do) a command runs no other.
   */
  constructor(private readonly options: {root: string; pjson: PJSON; manifest?: Manifest; table?: CommandTable}) {
    const {root, pjson} = options
    this.root = root
    this.name = pjson.name
    this.version = pjson.version
    this.bin = pjson.oclif.bin ?? pjson.name
    this.binAliases = pjson.oclif.binAliases
    this.topicSeparator = pjson.oclif.topicSeparator ?? ':'
  }

  /**
   * The manifest's entry for `id`, as oclif's `findCommand` finds it among the root plugin's (its
   * callers here read whether it exists).
   */
  findCommand(id: string): Command.Cached | undefined {
    const {commands} = this.manifest()
    return Object.hasOwn(commands, id) ? commands[id] : undefined
  }

  /** The manifest given, or else the package's, read when first asked for (see ownCommandId). */
  private manifest(): Manifest {
    this.loadedManifest ??= this.options.manifest ?? readManifest(this.root) ?? {version: this.version, commands: {}}
    return this.loadedManifest
  }

  /** Runs a scaleplan command (main.ts's, and `synth` from `init`), as oclif's `runCommand` would. */
  async runCommand<T = unknown>(id: string, argv: string[] = []): Promise<T> {
    const command = this.options.table?.[id]
    if (command === undefined) throw new Error(`command ${id} not found`)
    // oclif names each entry of the table as it loads it; the command's help and errors name it.
    command.id ??= id
    return (await command.runWith(argv, this)) as T
  }

  scopedEnvVar(key: string): string | undefined {
    const name = this.scopedEnvVarKeys(key).find((k) => process.env[k])
    return name === undefined ? undefined : process.env[name]
  }

  /** `SCALEPLAN_<KEY>`, as oclif names a CLI's own variables (`CONTENT_TYPE=json` means --json). */
  scopedEnvVarKeys(key: string): string[] {
    return [this.bin, ...(this.binAliases ?? [])]
      .filter(Boolean)
      .map((alias) => [alias.replaceAll('@', '').replaceAll(/[/-]/g, '_'), key].join('_').toUpperCase())
  }
}
