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
