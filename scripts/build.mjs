/**
 * `npm run build`: bundles the CLI with esbuild into dist/, then writes the command manifest and
 * the spec's JSON Schema (scripts/write-manifest.mjs, scripts/generate-schema.mjs).
 *
 * - Entry points keep their paths (dist/main.js, dist/commands/<id>.js, ...) because package.json,
 *   cdktf.json and bin/run.js name them; code two entries share goes into dist/chunks/, and every
 *   dynamic import (infra/, the text renderer, a command) becomes a chunk of its own, loaded only
 *   when that code runs.
 * - The pure-JavaScript libraries of the planning path are bundled (BUNDLED): loading them from
 *   node_modules cost hundreds of module loads (zod alone is ~230 files, oclif ~100 with its
 *   dependencies). So are the ~50 resources of the AWS provider that infra/aws.ts imports: the
 *   package then installs without the provider's 390 MB. Everything else stays a runtime
 *   dependency resolved from node_modules: cdktf and constructs (one instance shared by the
 *   provider's classes and ours), oclif's plugins (oclif loads them by package name), the prompts
 *   and the calibration clients (imported on demand).
 * - Source maps sit beside each file; `bin/run.js` turns them on for stack traces under DEBUG.
 *
 * bench/startup-choices.mjs builds variants of this bundle through `bundle()` to measure each choice.
 */
import {build} from 'esbuild'
import {readFileSync, readdirSync, rmSync} from 'node:fs'
import {join, relative} from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))

/**
 * Bundled into dist/. Build-time dependencies (devDependencies), except @oclif/core, which stays a
 * dependency because oclif's plugins import it from node_modules.
 */
export const BUNDLED = ['zod', 'yaml', 'chalk', 'wrap-ansi', '@oclif/core', '@cdktf/provider-aws']
const RUNTIME_TOO = new Set(['@oclif/core'])

// oclif loads these only to run TypeScript sources in development; never part of the CLI.
const DEVELOPMENT_ONLY = ['typescript', 'ts-node', 'tsx', 'source-map-support']

/** src/commands/**.ts, each an entry point at dist/commands/**.js (the manifest is built from them). */
function commandFiles(dir = join(root, 'src/commands')) {
  return readdirSync(dir, {withFileTypes: true}).flatMap((entry) => {
    if (entry.isDirectory()) return commandFiles(join(dir, entry.name))
    return entry.name.endsWith('.ts') ? [join(dir, entry.name)] : []
  })
}

/**
 * Bundles src/ into `outdir` (a dist/ directory; emptied first), with the packages named in
 * `bundled` inside the bundle and every other dependency left to node_modules. Returns the bytes
 * of JavaScript written.
 */
export async function bundle({outdir = join(root, 'dist'), bundled = BUNDLED} = {}) {
  const pjson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
  const dependencies = Object.keys(pjson.dependencies ?? {})
  const misplaced = bundled.filter((name) => dependencies.includes(name) && !RUNTIME_TOO.has(name))
  if (misplaced.length > 0) throw new Error(`bundled, so devDependencies, not dependencies: ${misplaced.join(', ')}`)
  const external = [...new Set([...dependencies, ...BUNDLED])]
    .filter((name) => !bundled.includes(name))
    .flatMap((name) => [name, `${name}/*`])

  rmSync(outdir, {recursive: true, force: true})
  const result = await build({
    absWorkingDir: root,
    entryPoints: [
      'src/main.ts',
      'src/cdktf-app.ts',
      'src/command-table.ts',
      'src/cli/help.ts',
      'src/cli/command-not-found.ts',
      ...commandFiles().map((file) => relative(root, file)),
    ],
    outbase: 'src',
    outdir,
    // dist/chunks/ sits two levels below the package root, as src/<folder>/ does: a module that
    // finds templates/ from its own URL (infra/render-template.ts) finds it from a chunk too.
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: [...external, ...DEVELOPMENT_ONLY],
    // yaml's ES module build (its package names it for browsers; it is the same code): bundled,
    // its modules are hoisted into one scope where the CommonJS build's are each wrapped in a
    // function and required, and 60 KB lighter. Reading a spec file starts 3-7 ms sooner.
    alias: {yaml: './node_modules/yaml/browser/index.js'},
    // CommonJS inside the bundle (yaml, oclif) calls require() for Node's built-ins.
    banner: {
      js: "import {createRequire as __createRequire} from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    sourcemap: 'linked',
    // Maps point at src/ lines; without the sources inlined they stay small (the provider is 10 MB).
    sourcesContent: false,
    // Not minified: stack traces and DEBUG output stay readable without the maps.
    minify: false,
    legalComments: 'linked',
    logLevel: 'warning',
    metafile: true,
  })
  return Object.entries(result.metafile.outputs)
    .filter(([file]) => file.endsWith('.js'))
    .reduce((sum, [, output]) => sum + output.bytes, 0)
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const bytes = await bundle()
  console.log(`Bundled the CLI into dist/ (${(bytes / 1024).toFixed(0)} KB of JavaScript)`)
}
