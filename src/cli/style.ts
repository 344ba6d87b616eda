import * as Flags from '@oclif/core/flags'
import {Chalk, type ChalkInstance} from 'chalk'

/** `--color` / `--no-color`, for every command that colours its output. */
export const colorFlag = Flags.boolean({
  description: 'colour the output (off with --no-color, NO_COLOR, or off a TTY)',
  default: true,
  allowNo: true,
})

/**
 * Colour only for a person at a terminal: off with --no-color, with NO_COLOR set (no-color.org),
 * or when stdout is not a TTY (pipes, CI logs, files).
 */
export function terminalStyle(
  colorFlag: boolean,
  env: NodeJS.ProcessEnv = process.env,
  isTTY = Boolean(process.stdout.isTTY),
): ChalkInstance {
  const off = !colorFlag || Boolean(env.NO_COLOR) || !isTTY
  return new Chalk({level: off ? 0 : 1})
}
