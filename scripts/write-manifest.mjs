/**
 * Writes oclif.manifest.json after the bundle (`npm run build`): every command's id, flags, help
 * and examples, so that help and the command list read one JSON file and import no command.
 *
 * The CLI finds commands through the explicit table (dist/command-table.js), whose entries import
 * their command only when it runs and so carry no flags; the manifest is read here from the real
 * command classes instead, the bundle's entry points under dist/commands/.
 */
import {Config} from '@oclif/core/config'
import {readFileSync, rmSync} from 'node:fs'
import {writeFile} from 'node:fs/promises'
import {fileURLToPath} from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const pjson = JSON.parse(readFileSync(`${root}package.json`, 'utf8'))
// oclif reads an existing manifest instead of the command classes (its version only has to match
// package.json's): the last build's would be written back as it was, however the commands changed.
rmSync(`${root}oclif.manifest.json`, {force: true})
const config = await Config.load({
  root,
  pjson: {...pjson, oclif: {...pjson.oclif, commands: './dist/commands', plugins: []}},
})
// The manifest is what oclif's own `oclif manifest` writes: the root plugin's cached commands.
const plugin = config.getPluginsList().find((p) => p.root === config.root)
if (!plugin?.manifest) throw new Error(`no oclif manifest for the plugin at ${root}`)

// Every command of the table has its class, and the other way round.
const {COMMANDS} = await import(new URL('../dist/command-table.js', import.meta.url).href)
const table = Object.keys(COMMANDS).sort().join(', ')
const classes = Object.keys(plugin.manifest.commands).sort().join(', ')
if (table !== classes) throw new Error(`src/command-table.ts lists ${table}; src/commands/ has ${classes}`)

// scaleplan's commands run without oclif (src/cli/base-command.ts), so no oclif hook runs around
// them: only command_not_found, which oclif's own run meets, may be declared.
const hooks = Object.keys(pjson.oclif.hooks ?? {}).filter((hook) => hook !== 'command_not_found')
if (hooks.length > 0)
  throw new Error(`package.json declares oclif hooks no scaleplan command runs: ${hooks.join(', ')}`)

await writeFile(`${root}oclif.manifest.json`, `${JSON.stringify(plugin.manifest, null, 2)}\n`)
