import * as Flags from './flags.js'
import {stdoutTerminal} from './output.js'
import {PLAIN, type TextStyle} from '../format/style.js'

/** `--color` / `--no-color`, for every command that colours its output; unset means "at a terminal". */
export const colorFlag = Flags.boolean({
  description:
    'colour the output even into a pipe (--no-color: never); by default only at a terminal, ' +
    'and FORCE_COLOR or NO_COLOR decide',
  allowNo: true,
})

/**
 * Whether to colour, the way most terminal tools agree: a flag decides first (`--color` forces
 * colour into a pipe, as for `less -R`; `--no-color` turns it off); then FORCE_COLOR (set and not
 * "0" or "false": colour, its number the depth, as chalk and Node read it); then NO_COLOR
 * (no-color.org: set and not empty, none); else colour only when stdout is a terminal.
 */
export async function terminalStyle(
  colorFlag: boolean | undefined,
  env: NodeJS.ProcessEnv = process.env,
  isTTY = stdoutTerminal() !== undefined,
): Promise<TextStyle> {
  const level = colorLevel(colorFlag, env, isTTY)
  if (level === 0) return PLAIN
  // Imported only to colour: chalk probes the terminal as it loads, which plain text never needs.
  const {Chalk} = await import('chalk')
  return new Chalk({level})
}

export function colorLevel(colorFlag: boolean | undefined, env: NodeJS.ProcessEnv, isTTY: boolean): 0 | 1 | 2 | 3 {
  if (colorFlag === false) return 0
  const forced = env.FORCE_COLOR
  if (colorFlag === true) return forcedLevel(forced) || 1
  if (forced !== undefined) return forcedLevel(forced)
  if (env.NO_COLOR) return 0
  return isTTY ? 1 : 0
}

function forcedLevel(value: string | undefined): 0 | 1 | 2 | 3 {
  if (value === undefined) return 0
  if (value === '0' || value === 'false') return 0
  const level = Number(value)
  return level === 2 || level === 3 ? level : 1
}

/** Columns to wrap terminal text to: the terminal's width, COLUMNS when set, else none (a pipe). */
export function terminalWidth(
  env: NodeJS.ProcessEnv = process.env,
  terminal: {readonly columns: number} | undefined = stdoutTerminal(),
): number {
  if (terminal !== undefined && terminal.columns > 0) return terminal.columns
  const columns = Number(env.COLUMNS)
  return Number.isInteger(columns) && columns > 0 ? columns : Infinity
}
