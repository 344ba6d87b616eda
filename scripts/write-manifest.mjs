/**
 * Writes oclif.manifest.json after a build (`npm run build`), so that the CLI finds a command
 * without globbing and importing every command file at start-up.
 */
import {Config} from '@oclif/core/config'
import {writeFile} from 'node:fs/promises'
import {fileURLToPath} from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const config = await Config.load({root})
// The manifest is what oclif's own `oclif manifest` writes: the root plugin's cached commands.
const plugin = config.getPluginsList().find((p) => p.root === config.root)
if (!plugin?.manifest) throw new Error(`no oclif manifest for the plugin at ${root}`)
await writeFile(`${root}oclif.manifest.json`, `${JSON.stringify(plugin.manifest, null, 2)}\n`)
