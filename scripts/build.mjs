/**
 * `npm run build`: bundles the CLI with esbuild into dist/, then writes the command manifest and
 * the spec's JSON Schema (scripts/write-manifest.mjs, scripts/generate-schema.mjs).
 *
 * - Entry points keep their paths (dist/main.js, dist/commands/<id>.js, ...) because package.json,
 *   cdktf.json and bin/run.js name them; code two entries share goes into dist/chunks/, and every
 *   dynamic import (infra/, the text renderer, a command) becomes a chunk of its own, loaded only
 *   when that code runs.
 * - The small pure-JavaScript libraries of the planning path (zod, yaml, chalk, wrap-ansi) are
 *   bundled: loading them from node_modules cost hundreds of module loads (zod alone is ~230
 *   files). Everything else stays a runtime dependency resolved from node_modules: cdktf and the
 *   provider (loaded with require(), one deep import per resource), oclif and its plugins (oclif
 *   loads plugins by package name), the prompts and the calibration clients (imported on demand).
 * - Source maps sit beside each file; `bin/run.js` turns them on for stack traces under DEBUG.
 */
import {build} from 'esbuild'
import {readFileSync, readdirSync, rmSync} from 'node:fs'
import {join, relative} from 'node:path'
import {fileURLToPath} from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const pjson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))

/** Bundled into dist/ (build-time dependencies, not installed with the package). */
export const BUNDLED = ['zod', 'yaml', 'chalk', 'wrap-ansi', '@oclif/core']

const external = Object.keys(pjson.dependencies ?? {})
  .filter((name) => !BUNDLED.includes(name))
  .flatMap((name) => [name, `${name}/*`])
// oclif loads these only to run TypeScript sources in development; never part of the CLI.
const DEVELOPMENT_ONLY = ['typescript', 'ts-node', 'tsx', 'source-map-support']
external.push(...DEVELOPMENT_ONLY)
const unexpected = BUNDLED.filter((name) => pjson.dependencies?.[name] && name !== '@oclif/core')
if (unexpected.length > 0)
  throw new Error(`bundled, so devDependencies rather than dependencies: ${unexpected.join(', ')}`)

/** src/commands/**.ts, each an entry point at dist/commands/**.js (the manifest is built from them). */
function commandFiles(dir = join(root, 'src/commands')) {
  return readdirSync(dir, {withFileTypes: true}).flatMap((entry) =>
    entry.isDirectory()
      ? commandFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  )
}

const entryPoints = [
  'src/main.ts',
  'src/cdktf-app.ts',
  'src/cli/commands.ts',
  'src/cli/help.ts',
  'src/cli/command-not-found.ts',
  ...commandFiles().map((file) => relative(root, file)),
]

rmSync(join(root, 'dist'), {recursive: true, force: true})
const result = await build({
  absWorkingDir: root,
  entryPoints,
  outbase: 'src',
  outdir: 'dist',
  // dist/chunks/ sits two levels below the package root, as src/<folder>/ does: a module that
  // finds templates/ from its own URL (infra/render-template.ts) finds it from a chunk too.
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external,
  sourcemap: 'linked',
  // No minification: stack traces and `DEBUG=1` output stay readable without the maps.
  minify: false,
  legalComments: 'linked',
  // yaml is CommonJS on Node; its require() of Node's built-ins needs a real require in ESM.
  banner: {
    js: "import {createRequire as __createRequire} from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
  metafile: true,
})

const bytes = Object.values(result.metafile.outputs)
  .filter((_, i) => !Object.keys(result.metafile.outputs)[i].endsWith('.map'))
  .reduce((sum, output) => sum + output.bytes, 0)
console.log(`Bundled ${entryPoints.length} entry points into dist/ (${(bytes / 1024).toFixed(0)} KB of JavaScript)`)
