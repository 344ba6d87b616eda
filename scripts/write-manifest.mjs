/**
 * Writes oclif.manifest.json after the bundle (`npm run build`): every command's id, flags, help
 * and examples, so that help and the command list read one JSON file and import no command.
 *
 * The CLI finds commands through the explicit table (the core's COMMANDS), whose entries import
 * their command only when it runs and so carry no flags: here oclif reads the real classes
 * instead, from a module that loads each (removed again). test/command-table.test.ts holds the
 * table to the files under src/commands/.
 */
import {Config} from '@oclif/core/config'
import {readFileSync, rmSync, writeFileSync} from 'node:fs'
import {writeFile} from 'node:fs/promises'
import {fileURLToPath} from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const pjson = JSON.parse(readFileSync(`${root}package.json`, 'utf8'))
// oclif reads an existing manifest instead of the command classes (its version only has to match
// package.json's): the last build's would be written back as it was, however the commands changed.
rmSync(`${root}oclif.manifest.json`, {force: true})

const classes = 'dist/bundle/command-classes.mjs'
writeFileSync(
  `${root}${classes}`,
  [
    "import {createRequire} from 'node:module'",
    "const {COMMANDS} = createRequire(import.meta.url)('./core.cjs')",
    'export const CLASSES = Object.fromEntries(',
    '  await Promise.all(Object.entries(COMMANDS).map(async ([id, command]) => [id, await command.loadClass()])),',
    ')',
    '',
  ].join('\n'),
)
let manifest
try {
  const config = await Config.load({
    root,
    pjson: {
      ...pjson,
      oclif: {
        ...pjson.oclif,
        commands: {strategy: 'explicit', target: `./${classes}`, identifier: 'CLASSES'},
        plugins: [],
      },
    },
  })
  // The manifest is what oclif's own `oclif manifest` writes: the root plugin's cached commands.
  manifest = config.getPluginsList().find((p) => p.root === config.root)?.manifest
} finally {
  rmSync(`${root}${classes}`, {force: true})
}
if (!manifest) throw new Error(`no oclif manifest for the plugin at ${root}`)

// scaleplan's commands run without oclif (src/cli/base-command.ts), so no oclif hook runs around
// them: only command_not_found, which oclif's own run meets, may be declared.
const hooks = Object.keys(pjson.oclif.hooks ?? {}).filter((hook) => hook !== 'command_not_found')
if (hooks.length > 0)
  throw new Error(`package.json declares oclif hooks no scaleplan command runs: ${hooks.join(', ')}`)

// Without indentation: every run of a command parses it, and the spaces were a third of its bytes.
await writeFile(`${root}oclif.manifest.json`, `${JSON.stringify(manifest)}\n`)
