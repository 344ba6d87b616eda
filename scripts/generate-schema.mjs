/**
 * Writes templates/schema/scaleplan.schema.json, the spec file's JSON Schema, from the spec's zod
 * schema (the input side of src/spec/schema.ts, via src/spec/json-schema.ts, bundled here on the
 * fly: the CLI's own bundle does not keep that module apart). `npm run build` runs it after the
 * bundle; CI fails when the checked-in file is not what it writes.
 */
import {build} from 'esbuild'
import {mkdtempSync, rmSync} from 'node:fs'
import {readFile, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const scratch = mkdtempSync(join(tmpdir(), 'scaleplan-schema-'))
try {
  const outfile = join(scratch, 'json-schema.mjs')
  await build({
    absWorkingDir: root,
    entryPoints: ['src/spec/json-schema.ts'],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    logLevel: 'warning',
  })
  const {SCHEMA_PATH, specJsonSchemaText} = await import(pathToFileURL(outfile).href)
  const target = join(root, SCHEMA_PATH)
  const text = specJsonSchemaText()
  const current = await readFile(target, 'utf8').catch(() => undefined)
  if (current !== text) {
    await writeFile(target, text)
    console.log(`Wrote ${SCHEMA_PATH}`)
  }
} finally {
  rmSync(scratch, {recursive: true, force: true})
}
