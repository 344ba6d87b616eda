/**
 * The command table oclif reads (`oclif.commands` in package.json: explicit discovery, identifier
 * `COMMANDS`), in place of globbing `dist/commands/`.
 *
 * oclif imports this module to run any command, so it must stay light: each entry only names
 * where its command lives, and the command's module (with whatever it imports: zod, cdktf, the
 * prompts) is imported when that command runs. Help, `--help` and the list of commands read the
 * prebuilt manifest (`oclif.manifest.json`, written by the build from the real command classes),
 * so they import none of them.
 */
import type {BaseCommand} from './cli/base-command.js'
import type {CommandConfig} from './cli/manifest-config.js'

/** A scaleplan command module: its class is the default export. */
type CommandModule = {default: typeof BaseCommand}

/** What oclif needs of a command it runs: `run(argv, config)`, plus the id and plugin it sets. */
export interface LazyCommand {
  id?: string
  plugin?: unknown
  /** Runs the command as oclif's `run` does (with oclif's Config). */
  run(argv: string[], config: CommandConfig): Promise<unknown>
  /** Runs the command with `config` as it is (main.ts's ManifestConfig). */
  runWith(argv: string[], config: CommandConfig): Promise<unknown>
  /** The command's class (the build writes the manifest from it). */
  loadClass(): Promise<typeof BaseCommand>
}

/** A command whose class is imported by `load` when it runs, and then runs as oclif would run it. */
export function lazyCommand(load: () => Promise<CommandModule>): LazyCommand {
  const loadCommand = async () => {
    const {default: command} = await load()
    // oclif sets these on the class it finds; the real class is the one that runs.
    command.id = entry.id ?? command.id
    command.plugin = entry.plugin
    return command
  }

  const entry: LazyCommand = {
    loadClass: loadCommand,
    async run(argv, config) {
      return (await loadCommand()).run(argv, config)
    },
    async runWith(argv, config) {
      return (await loadCommand()).runWith(argv, config)
    },
  }
  return entry
}

/** Every scaleplan command by id. A command file under src/commands/ belongs here (a test and the build hold it). */
export const COMMANDS: Readonly<Record<string, LazyCommand>> = {
  apply: lazyCommand(() => import('./commands/apply.js')),
  'calibrate:app': lazyCommand(() => import('./commands/calibrate/app.js')),
  'calibrate:cache': lazyCommand(() => import('./commands/calibrate/cache.js')),
  'calibrate:database': lazyCommand(() => import('./commands/calibrate/database.js')),
  'comment:github': lazyCommand(() => import('./commands/comment/github.js')),
  destroy: lazyCommand(() => import('./commands/destroy.js')),
  diff: lazyCommand(() => import('./commands/diff.js')),
  init: lazyCommand(() => import('./commands/init.js')),
  output: lazyCommand(() => import('./commands/output.js')),
  plan: lazyCommand(() => import('./commands/plan.js')),
  recommend: lazyCommand(() => import('./commands/recommend.js')),
  report: lazyCommand(() => import('./commands/report.js')),
  schema: lazyCommand(() => import('./commands/schema.js')),
  synth: lazyCommand(() => import('./commands/synth.js')),
}

/**
 * True when `word` is the first word of one of scaleplan's commands: a command (`recommend`) or
 * a topic (`calibrate`). bin/run.js keeps a code cache only for these; main.ts runs oclif without
 * its plugins for them.
 */
export function isOwnWord(word: string): boolean {
  return Object.keys(COMMANDS).some((id) => id.split(':')[0] === word)
}
