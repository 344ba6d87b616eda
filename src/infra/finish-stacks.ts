/**
 * What synthesis does to cdktf's output before it is swapped in: the manifest made the same on
 * every machine, HCL formatted, policy reports written, the constructs' warnings collected. All of
 * it happens in the staging directory (output-dir.ts), never in the output a user already has.
 */
import {readFileSync, rmSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import type {Topology} from '../topology/types.js'
import type {StackShapes} from './hcl/block-shapes.js'
import {renderHcl, type TerraformJson} from './hcl/render-hcl.js'
import {MANIFEST_FILE} from './output-dir.js'
import type {RegionStack} from './region-stack.js'

const JSON_FILE = 'cdk.tf.json'
const HCL_FILE = 'cdk.tf'
/** What cdktf's HCL mode writes beside `cdk.tf`: the construct metadata HCL cannot carry. */
const METADATA_FILE = 'metadata.json'

/** Beside each stack with `policyReport`. */
export const POLICY_REPORT_FILE = 'policy-report.json'

export interface SynthesizedStack {
  readonly name: string
  readonly region: string
  /** The stack's Terraform file, relative to the output directory, with `/` separators. */
  readonly file: string
}

interface ManifestAnnotation {
  readonly constructPath: string
  readonly level: string
  readonly message: string
}

interface ManifestStack {
  readonly name: string
  readonly workingDirectory: string
  readonly synthesizedStackPath: string
  readonly annotations: readonly ManifestAnnotation[]
}

interface Manifest {
  readonly version: string
  readonly stacks: Readonly<Record<string, ManifestStack>>
}

/**
 * Finishes the stacks cdktf wrote into `dir`, in the Topology's region order: returns them and
 * the warnings their constructs raised (`<construct path>: <message>`).
 */
export async function finishStacks(
  dir: string,
  topology: Topology,
  stackNames: readonly string[],
  policyReports: readonly RegionStack['policy']['report'][],
  options: {
    /** For HCL, each stack's block shapes (hcl/block-shapes.ts); undefined keeps cdktf's JSON. */
    readonly hcl?: ReadonlyMap<string, StackShapes>
    readonly policyReport: boolean
  },
): Promise<{stacks: SynthesizedStack[]; warnings: string[]}> {
  const manifest = normaliseManifest(dir, options.hcl !== undefined)
  const stacks: SynthesizedStack[] = []
  for (const [index, region] of topology.regions.entries()) {
    const entry = manifest.stacks[stackNames[index]!]
    if (entry === undefined) throw new Error(`cdktf wrote no manifest entry for region ${region.region}`)
    if (options.policyReport) {
      const report = `${JSON.stringify({stack: entry.name, results: policyReports[index]}, null, 2)}\n`
      writeFileSync(path.join(dir, entry.workingDirectory, POLICY_REPORT_FILE), report)
    }

    if (options.hcl) {
      // eslint-disable-next-line no-await-in-loop
      await writeHcl(path.join(dir, entry.workingDirectory), options.hcl.get(entry.name)!)
    }

    stacks.push({name: entry.name, region: region.region, file: entry.synthesizedStackPath})
  }

  const warnings = stacks.flatMap(({name}) =>
    manifest.stacks[name]!.annotations.filter((annotation) => annotation.level === '@cdktf/warn').map(
      (annotation) => `${annotation.constructPath}: ${annotation.message}`,
    ),
  )
  return {stacks, warnings}
}

/**
 * Replaces a stack's `cdk.tf.json` with the same configuration as formatted HCL, and writes the
 * JSON's construct metadata (`//` keys) to `metadata.json`, as cdktf's HCL mode does.
 */
async function writeHcl(directory: string, shapes: StackShapes): Promise<void> {
  const jsonFile = path.join(directory, JSON_FILE)
  const config = JSON.parse(readFileSync(jsonFile, 'utf8')) as TerraformJson
  // Loaded only for HCL: it decompresses and starts a WebAssembly module (~0.4 s, ~50 MB).
  const {format} = await import('@cdktf/hcl-tools')
  writeFileSync(path.join(directory, HCL_FILE), await format(renderHcl(config, shapes)))
  writeFileSync(path.join(directory, METADATA_FILE), `${JSON.stringify(constructMetadata(config), null, 2)}\n`)
  rmSync(jsonFile)
}

/** The `//` entries of a Terraform JSON document, at the paths where they stand. */
function constructMetadata(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
  const kept: Record<string, unknown> = {}
  for (const [key, child] of Object.entries(value)) {
    const nested = key === '//' ? child : constructMetadata(child)
    if (nested !== undefined && !(typeof nested === 'object' && nested !== null && Object.keys(nested).length === 0)) {
      kept[key] = nested
    }
  }
  return Object.keys(kept).length === 0 ? undefined : kept
}

/**
 * Rewrites cdktf's manifest so it is the same on every machine: `/` separators (cdktf uses the
 * platform's), keys sorted, no stack traces, a final newline, and for HCL the stack file that
 * replaced cdktf's JSON. The cdktf version stays: the CLI reads it, and the lock file pins it.
 */
function normaliseManifest(dir: string, hcl: boolean): Manifest {
  const file = path.join(dir, MANIFEST_FILE)
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest
  const normalised = sortKeys(
    JSON.parse(
      JSON.stringify(manifest, (key, value: unknown) => {
        if (key === 'stacktrace') return undefined
        if (typeof value !== 'string' || !/Path$|Directory$/.test(key)) return value
        const portable = value.replaceAll('\\', '/')
        // The stack file is rendered as HCL after cdktf wrote its JSON (see writeHcl).
        return hcl && key === 'synthesizedStackPath' ? portable.replace(/\.tf\.json$/, '.tf') : portable
      }),
    ),
  ) as Manifest
  writeFileSync(file, `${JSON.stringify(normalised, null, 2)}\n`)
  return normalised
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (typeof value !== 'object' || value === null) return value
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  )
}
