// Bundles modules of src/ for a benchmark that calls them without the CLI (the CLI's own bundle
// keeps no module apart): one ESM file under bench/.out-*/, two levels below the package root as
// src/<folder>/ is, so node_modules and templates/ resolve from it as from the sources. The runtime
// dependencies (cdktf, the provider, oclif) stay external, as in the CLI's bundle.
import {build} from 'esbuild'
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))

/**
 * Writes one bundle exporting `exports` ({name: 'src/path.ts'}); returns its path and a cleanup
 * function that removes it.
 */
export async function bundleSource(exports) {
  const dir = mkdtempSync(join(root, 'bench', '.out-'))
  const entry = join(dir, 'entry.ts')
  writeFileSync(
    entry,
    Object.entries(exports)
      .map(([name, path]) => `export {${name}} from ${JSON.stringify(join(root, path))}`)
      .join('\n'),
  )
  const outfile = join(dir, 'entry.mjs')
  const {dependencies} = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
  await build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: Object.keys(dependencies).flatMap((name) => [name, `${name}/*`]),
    banner: {
      js: "import {createRequire as __createRequire} from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    logLevel: 'warning',
  })
  return {file: outfile, cleanup: () => rmSync(dir, {recursive: true, force: true})}
}

/** Imports `exports` from one bundle of those modules; returns the namespace and a cleanup function. */
export async function importSource(exports) {
  const {file, cleanup} = await bundleSource(exports)
  return {module: await import(pathToFileURL(file).href), cleanup}
}

/**
 * A benchmark case (for lib.mjs's `compare`) that runs `script`, the body of an ES module, with
 * `exports` bundled and imported under their names: what those modules cost with no CLI around
 * them. `compileCache` turns on Node's compile cache first, as bin/run.js does. Returns the case
 * and a cleanup function that removes the bundle.
 */
export async function moduleCase({name, node, exports, script, compileCache = false, options = {}}) {
  const {file, cleanup} = await bundleSource(exports)
  const body = [
    ...(compileCache ? ["(await import('node:module')).enableCompileCache?.()"] : []),
    `const {${Object.keys(exports).join(', ')}} = await import(${JSON.stringify(pathToFileURL(file).href)})`,
    script,
  ].join('\n')
  return {case: {name, command: node, args: ['--input-type=module', '-e', body], options}, cleanup}
}
