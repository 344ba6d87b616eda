/**
 * What `synth` wrote the stacks from, recorded beside cdktf's manifest: the project, the stage,
 * the stacks and the spec's values. `destroy` and `output` then work from the synthesized
 * stacks alone (no spec, no sizing inputs), and `apply --saved` can refuse plans made for a spec
 * that has changed since. Deterministic like the stacks: no timestamps, no paths.
 */
import {createHash} from 'node:crypto'
import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {z} from 'zod'

import type {Spec} from '../spec/schema.js'
import {UsageError} from './errors.js'

/** Beside manifest.json in the output directory. */
export const SYNTH_RECORD_FILE = 'scaleplan-inputs.json'

const SynthRecordSchema = z.looseObject({
  schemaVersion: z.literal(1),
  /** The scaleplan that wrote it, like `scaleplan/0.1.0`. */
  generator: z.string(),
  name: z.string(),
  stage: z.number().int().min(1).max(7),
  recommendedStage: z.number().int().min(1).max(7),
  primaryRegion: z.string(),
  stacks: z.array(z.looseObject({name: z.string(), region: z.string()})),
  /** sha256 of the spec's values (sorted keys), to tell whether a spec is the one planned. */
  specDigest: z.string(),
  spec: z.record(z.string(), z.unknown()),
})

export type SynthRecord = z.output<typeof SynthRecordSchema>

/** The digest of a spec's values: equal for equal specs, whatever file or flags they came from. */
export function specDigest(spec: Spec): string {
  return createHash('sha256').update(canonicalJson(spec)).digest('hex')
}

/** The record as written: synthesis swaps it in with the stacks it describes (synth-from-flags.ts). */
export function synthRecordText(record: SynthRecord): string {
  return `${JSON.stringify(record, null, 2)}\n`
}

/**
 * The record in `outDir`, checked; a UsageError naming the flag when there is none or it is not
 * one (stacks from another tool, or from a scaleplan older than the record).
 */
export async function readSynthRecord(outDir: string, flag = '--out-dir'): Promise<SynthRecord> {
  const file = join(outDir, SYNTH_RECORD_FILE)
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch {
    throw new UsageError([
      `${flag}: no stacks synthesized by scaleplan in "${outDir}" (no ${SYNTH_RECORD_FILE}); ` +
        'run `scaleplan synth` first, or give --out-dir DIR where it wrote them',
    ])
  }

  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    value = undefined
  }

  const parsed = SynthRecordSchema.safeParse(value)
  if (!parsed.success)
    throw new UsageError([`${flag}: ${file} is not a record scaleplan synth wrote; run \`scaleplan synth\` again`])
  return parsed.data
}

function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  )
}
