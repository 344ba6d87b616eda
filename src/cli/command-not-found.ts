/**
 * `scaleplan recomend`: @oclif/plugin-not-found's hook, in scaleplan's words.
 *
 * At a terminal the plugin asks "Did you mean recommend?" and runs it on a yes. Its messages go
 * through oclif's warning style (` ›   Warning: ...`) and, off a terminal, name no suggestion at
 * all; here they take scaleplan's one style instead, and a CI log gets the suggestion too. The
 * hook is declared in package.json in place of the plugin's own, which would print twice.
 */
import type {Hook} from '@oclif/core/hooks'
import {stripVTControlCharacters} from 'node:util'

import {closest} from '../spec/regions.js'
import {UsageError} from './errors.js'
import {writeStderr} from './output.js'

const hook: Hook<'command_not_found'> = async function (options) {
  const typed = options.id.replaceAll(':', ' ')
  const {bin} = options.config
  // oclif joins every word before the first flag into the command's name: `recommend foo` is
  // "recommend:foo". A real command followed by stray words is a command given an argument.
  const words = options.id.split(':')
  for (let n = words.length - 1; n > 0; n--) {
    const id = words.slice(0, n).join(':')
    if (options.config.findCommand(id)) {
      const name = id.replaceAll(':', ' ')
      const extra = words.slice(n).map((word) => `"${word}"`)
      throw new UsageError([`${name} takes no argument ${extra.join(' ')}; see \`${bin} ${name} --help\``])
    }
  }

  const visible = options.config.commands.filter((command) => !command.hidden)
  const ids = visible.map((command) => command.id.replaceAll(':', ' '))
  const suggestion = closest(typed, ids, Math.max(3, Math.floor(typed.length / 2)))
  const problem =
    `"${typed}" is not a ${bin} command` +
    (suggestion ? `; did you mean "${suggestion}"?` : '') +
    ` Run \`${bin} help\` for the list.`
  if (!process.stdin.isTTY) throw new UsageError([problem])

  // At a terminal the plugin asks, and runs the suggestion on a yes.
  const context: Hook.Context = {
    ...this,
    warn: (message: string) => writeStderr(`${stripVTControlCharacters(message)}\n`),
    error: () => {
      throw new UsageError([problem])
    },
  }
  // An ES module only: imported, as the bundle's CommonJS chunks cannot require it.
  const {default: notFound} = await import('@oclif/plugin-not-found')
  return notFound.call(context, options)
}

export default hook
