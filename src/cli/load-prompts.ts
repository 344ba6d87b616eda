/**
 * @inquirer/prompts, imported only when a person is asked something, so commands that never
 * prompt do not pay for it. The one place that imports it: the build gives this module a chunk of
 * its own (an ES-module-only package is imported with `import()`, which the cached core cannot do).
 */
import type * as Inquirer from '@inquirer/prompts'

export type Prompts = typeof Inquirer

let loaded: Promise<Prompts> | undefined

/** The prompts package, imported on first use. */
export function loadPrompts(): Promise<Prompts> {
  loaded ??= import('@inquirer/prompts')
  return loaded
}
