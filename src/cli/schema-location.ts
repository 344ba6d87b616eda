/**
 * Where a spec written by `scaleplan init` points editors for its JSON Schema, so that the
 * reference resolves for whoever opens the file, not only on the machine that wrote it.
 *
 * - scaleplan installed in the project (`<ancestor>/node_modules/scaleplan`): the schema in that
 *   package, relative to the spec. It resolves after every teammate's `npm ci`.
 * - anywhere else (a global install, a checkout, npx): a copy beside the spec,
 *   `scaleplan.schema.json`, committed with it. A file of that name that is not a scaleplan schema
 *   is left alone, and the reference points at the installed package instead.
 */
import {existsSync, readFileSync, realpathSync} from 'node:fs'
import {readFile} from 'node:fs/promises'
import {dirname, join, relative, resolve, sep} from 'node:path'

import {SCHEMA_PATH} from '../spec/json-schema.js'
import {writeFileAtomic} from './write-file-atomic.js'

/** The copy's name, beside the spec. */
export const SCHEMA_COPY = 'scaleplan.schema.json'

export interface SchemaLocation {
  /** The `$schema` reference, relative to the spec's folder, with `/` separators. */
  readonly ref: string
  /** The copy to write beside the spec (absolute), when the reference is to one. */
  readonly copyTo?: string
}

/** Where the spec at `specPath` should point, for the package at `packageRoot`. */
export function schemaLocation(specPath: string, packageRoot: string): SchemaLocation {
  const specDir = dirname(resolve(specPath))
  const shipped = join(packageRoot, SCHEMA_PATH)
  const installed = installedPackage(specDir, packageRoot)
  if (installed) return {ref: portable(relative(specDir, join(installed, SCHEMA_PATH)))}
  const copy = join(specDir, SCHEMA_COPY)
  if (!existsSync(copy) || isScaleplanSchema(copy)) return {ref: `./${SCHEMA_COPY}`, copyTo: copy}
  return {ref: portable(relative(specDir, shipped))}
}

/** Writes the copy of the schema a location asks for (atomically; an identical file is left as it is). */
export async function writeSchemaCopy(location: SchemaLocation, packageRoot: string): Promise<void> {
  if (location.copyTo === undefined) return
  const text = await readFile(join(packageRoot, SCHEMA_PATH), 'utf8')
  if (existsSync(location.copyTo) && readFileSync(location.copyTo, 'utf8') === text) return
  await writeFileAtomic(location.copyTo, text, {overwrite: true})
}

/** `<ancestor of dir>/node_modules/<name>` when it is this very package. */
function installedPackage(dir: string, packageRoot: string): string | undefined {
  const real = realpathSync(packageRoot)
  const name = (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as {name: string}).name
  for (let at = dir; ; at = dirname(at)) {
    const candidate = join(at, 'node_modules', name)
    if (existsSync(candidate) && realpathSync(candidate) === real) return candidate
    if (dirname(at) === at) return undefined
  }
}

function isScaleplanSchema(file: string): boolean {
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as {title?: unknown}).title === 'scaleplan spec'
  } catch {
    return false
  }
}

const portable = (path: string) => path.split(sep).join('/')
