/**
 * Whether oclif's help prints its section headers bold: its `colorize('bold', header)` colours
 * when supports-color (8) finds colour on stdout and on stderr, and then ansis (3) colours when
 * its own level, worked out as it loads, is above 0. The core's root help (root-help.ts) asks
 * the same questions without loading oclif.
 *
 * supports-color is asked itself (bundled, loaded only when it could say yes). ansis is not: its
 * one minified file holds a raw C1 control character, which the core, read as Latin-1 by
 * bin/code-cache.js, may not contain; `ansisLevel` follows its source instead, and
 * test/cli/bold-headers.test.ts compares the two.
 */
import {platform} from 'node:os'

/**
 * True when oclif's help would print its headers bold, for this process's environment and
 * arguments, stdout a terminal or not (`stdoutIsTerminal`).
 */
export async function boldHeaders(stdoutIsTerminal: boolean): Promise<boolean> {
  const {env, argv} = process
  // Off a terminal supports-color finds no colour unless FORCE_COLOR or a --color flag forces it;
  // then it is not even loaded (it looks at the terminal as it loads).
  if (!stdoutIsTerminal && env.FORCE_COLOR === undefined && !argv.some((arg) => /^--colors?(=|$)/.test(arg)))
    return false
  const {default: supportsColor} = await import('supports-color')
  return (
    Boolean(supportsColor.stdout) &&
    Boolean(supportsColor.stderr) &&
    ansisLevel(env, argv, stdoutIsTerminal, platform()) > 0
  )
}

/**
 * ansis 3's colour level (0 none, 1 16 colours, 2 256, 3 true colour), as its index.js works it
 * out from the environment, the command line and whether stdout is a terminal, statement for
 * statement. Its Deno and browser branches do not apply.
 */
export function ansisLevel(
  env: NodeJS.ProcessEnv,
  argv: readonly string[],
  stdoutIsTerminal: boolean,
  os: NodeJS.Platform,
): number {
  const flag = (pattern: RegExp) => argv.some((arg) => pattern.test(arg))
  const isTerminal =
    (Boolean(env.PM2_HOME) && Boolean(env.pm_id)) || env.NEXT_RUNTIME?.includes('edge') || stdoutIsTerminal
  const force = env.FORCE_COLOR
  // Without a radix, as ansis calls it.
  const parsed = Number.parseInt(force as string)
  const forced = Number.isNaN(parsed) ? (force === 'false' ? 0 : -1) : parsed
  const isForced = ('FORCE_COLOR' in env && forced) || flag(/^-{1,2}color=?(true|always)?$/)
  let level = isForced ? forced : -1
  if (level < 0) level = detectedLevel(env, Boolean(isTerminal), os === 'win32')
  if (!forced || env.NO_COLOR || flag(/^-{1,2}(no-color|color=(false|never))$/)) return 0
  const result = isForced && !level ? 3 : level
  return result > 0 ? result : 0
}

/** ansis's guess from the terminal and CI variables when nothing forces a level. */
function detectedLevel(env: NodeJS.ProcessEnv, isTerminal: boolean, isWindows: boolean): number {
  // ansis tests TERM as it is, undefined included (which a RegExp reads as "undefined").
  const term = String(env.TERM)
  const names = `,${Object.keys(env).join(',')}`
  const byColorTerm: Record<string, unknown> = {'24bit': 3, truecolor: 3, ansi256: 2, ansi: 1}
  const fromColorTerm = byColorTerm[String(env.COLORTERM)]
  // A name the table inherits (COLORTERM=toString) gives ansis a function for a level: truthy,
  // and never above 0 (ansisLevel says 0).
  if (fromColorTerm) return typeof fromColorTerm === 'number' ? fromColorTerm : -Infinity
  if (env.TF_BUILD) return 1
  if (/,TEAMCI/.test(names)) return 2
  if (env.CI) return /,GIT(HUB|EA)/.test(names) ? 3 : 1
  if (!isTerminal || /-mono|dumb/i.test(term)) return 0
  if (isWindows || /term-(kit|dir)/.test(term)) return 3
  if (/-256/.test(term)) return 2
  return /scr|xterm|tty|ansi|color|[nm]ux|vt|cyg/.test(term) ? 1 : 3
}
