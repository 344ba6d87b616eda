/**
 * Writes templates/schema/scaleplan.schema.json, the spec file's JSON Schema, from the spec's zod
 * schema (the input side of src/spec/schema.ts, via dist/spec/json-schema.js). `npm run build`
 * runs it after tsc; CI fails when the checked-in file is not what it writes.
 */
import {readFile, writeFile} from 'node:fs/promises'

import {SCHEMA_PATH, specJsonSchemaText} from '../dist/spec/json-schema.js'

const target = new URL(`../${SCHEMA_PATH}`, import.meta.url)
const text = specJsonSchemaText()
const current = await readFile(target, 'utf8').catch(() => undefined)
if (current !== text) {
  await writeFile(target, text)
  console.log(`Wrote ${SCHEMA_PATH}`)
}
