// Bundles modules of src/ for a benchmark that calls them in process (the CLI's own bundle keeps no
// module apart): one ESM file in a scratch directory, its dependencies bundled in, nothing from dist/.
import {build} from 'esbuild'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))

/**
 * Imports `exports` ({name: 'src/path.ts'}) from one bundle of those modules; returns the
 * namespace and a cleanup function.
 */
export async function importSource(exports) {
  const dir = mkdtempSync(join(tmpdir(), 'scaleplan-bench-src-'))
  const entry = join(dir, 'entry.ts')
  writeFileSync(
    entry,
    Object.entries(exports)
      .map(([name, path]) => `export {${name}} from ${JSON.stringify(join(root, path))}`)
      .join('\n'),
  )
  const outfile = join(dir, 'entry.mjs')
  await build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'bundle',
    logLevel: 'warning',
  })
  const module = await import(pathToFileURL(outfile).href)
  return {module, cleanup: () => rmSync(dir, {recursive: true, force: true})}
}
