// Bundles modules of src/ for a benchmark that calls them without the CLI (the CLI's own bundle
// keeps no module apart): one ESM file under bench/.out-*/, two levels below the package root as
// src/<folder>/ is, so node_modules and templates/ resolve from it as from the sources. The runtime
// dependencies (cdktf, the provider, oclif) stay external, as in the CLI's bundle.
import {build} from 'esbuild'
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

import {formatOptions, stampBuildId} from '../scripts/build.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))

/**
 * Writes one bundle exporting `exports` ({name: 'src/path.ts'}); returns its path and a cleanup
 * function that removes it. `codeCache`: a CommonJS bundle for bin/code-cache.js, as the CLI's core.
 */
export async function bundleSource(exports, {codeCache = false} = {}) {
  const dir = mkdtempSync(join(root, 'bench', '.out-'))
  const entry = join(dir, 'entry.ts')
  writeFileSync(
    entry,
    Object.entries(exports)
      .map(([name, path]) => `export {${name}} from ${JSON.stringify(join(root, path))}`)
      .join('\n'),
  )
  const outfile = join(dir, codeCache ? 'entry.cjs' : 'entry.mjs')
  const {dependencies} = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
  await build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile,
    bundle: true,
    ...(codeCache ? formatOptions('cjs', {cached: true}) : formatOptions('esm')),
    platform: 'node',
    target: 'node20',
    external: Object.keys(dependencies).flatMap((name) => [name, `${name}/*`]),
    alias: {yaml: './node_modules/yaml/browser/index.js'},
    logLevel: 'warning',
  })
  if (codeCache) stampBuildId(outfile)
  return {file: outfile, cleanup: () => rmSync(dir, {recursive: true, force: true})}
}

/** Imports `exports` from one bundle of those modules; returns the namespace and a cleanup function. */
export async function importSource(exports) {
  const {file, cleanup} = await bundleSource(exports)
  return {module: await import(pathToFileURL(file).href), cleanup}
}

/**
 * A benchmark case (for lib.mjs's `compare`) that runs `script`, the body of an async function,
 * with `exports` bundled and in scope under their names: what those modules cost with no CLI
 * around them. `codeCache` loads the bundle as bin/run.js loads the CLI's core, from CommonJS
 * through bin/code-cache.js (its cache is written by compare's first, warming run); otherwise the
 * script is an ES module importing it. Returns the case and a cleanup function that removes the
 * bundle.
 */
export async function moduleCase({name, node, exports, script, codeCache = false, options = {}}) {
  const {file, cleanup} = await bundleSource(exports, {codeCache})
  const names = Object.keys(exports).join(', ')
  const args = codeCache
    ? [
        '-e',
        [
          `const {requireWithCodeCache} = require(${JSON.stringify(fileURLToPath(new URL('../bin/code-cache.js', import.meta.url)))})`,
          `const {${names}} = requireWithCodeCache(${JSON.stringify(file)}, {key: 'bench'})`,
          `;(async () => {\n${script}\n})()`,
        ].join('\n'),
      ]
    : [
        '--input-type=module',
        '-e',
        [`const {${names}} = await import(${JSON.stringify(pathToFileURL(file).href)})`, script].join('\n'),
      ]
  return {case: {name, command: node, args, options}, cleanup}
}
