import {mkdtempSync, readFileSync, readdirSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {synthesize, type SynthesisResult, type SynthesizeOptions} from '../../../src/infra/synthesize.js'
import type {Topology} from '../../../src/topology/types.js'

export interface SynthOutput {
  readonly result: SynthesisResult
  /** Every file written, by path relative to the output directory (`/` separators). */
  readonly files: ReadonlyMap<string, string>
  /** Each stack's cdk.tf.json (or cdk.tf) text, by stack name. */
  readonly stackText: ReadonlyMap<string, string>
  readonly dispose: () => void
}

/** Synthesizes into a fresh temporary directory and reads everything back. */
export async function synthToTemp(
  topology: Topology,
  options: Omit<SynthesizeOptions, 'outDir'> = {},
): Promise<SynthOutput> {
  const outDir = mkdtempSync(path.join(tmpdir(), 'scaleplan-synth-'))
  const result = await synthesize(topology, {...options, outDir})
  const files = readTree(outDir)
  const stackText = new Map(result.stacks.map((stack) => [stack.name, files.get(stack.file)!]))
  return {result, files, stackText, dispose: () => rmSync(outDir, {recursive: true, force: true})}
}

/** All files under `root`, relative paths with `/`, sorted. */
export function readTree(root: string): Map<string, string> {
  const files = new Map<string, string>()
  const walk = (directory: string) => {
    for (const entry of readdirSync(directory, {withFileTypes: true}).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(directory, entry.name)
      if (entry.isDirectory()) walk(full)
      else files.set(path.relative(root, full).split(path.sep).join('/'), readFileSync(full, 'utf8'))
    }
  }
  walk(root)
  return files
}

export type TerraformJson = {
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>
  readonly data?: Record<string, Record<string, Record<string, unknown>>>
  readonly variable?: Record<string, unknown>
  readonly locals?: Record<string, unknown>
  readonly output?: Record<string, {readonly value: unknown}>
  readonly provider?: Record<string, readonly Record<string, unknown>[]>
  readonly terraform?: Record<string, unknown>
}

/** Resources of one type in a synthesized stack, by name. */
export function resourcesOf(stack: TerraformJson, type: string): Record<string, Record<string, unknown>> {
  return stack.resource?.[type] ?? {}
}
