/**
 * The flags every planning command shares (recommend, synth, report, plan, ...), and the one
 * step that turns them, the environment and a spec file into a Spec.
 */
import * as Flags from './flags.js'
import {existsSync} from 'node:fs'
import {join} from 'node:path'

import {fieldMeta, type Spec, type SpecKey} from '../spec/schema.js'
import {flagHelp} from '../spec/field-help.js'
import {FLAG_KEYS, flagName, resolveSpec} from '../spec/resolve.js'
import {UsageError} from './errors.js'

/** `readWrite` -> `read-write`: the flag as oclif declares it, without the leading dashes. */
export const flagKey = (key: SpecKey): string => flagName(key).slice(2)

// Flag values stay strings here: the spec schema parses them, so a flag, an environment
// variable and a spec-file key accept exactly the same forms and report the same errors. The
// SCALEPLAN_* variable of each field is read by resolveSpec, not by oclif (see resolve.ts), so
// it is named in the description rather than declared with `env:`.
const fieldFlag = (key: SpecKey) =>
  Flags.string({description: flagHelp(key), helpValue: fieldMeta(key).helpValue, helpGroup: SPEC_GROUP})

/** The --help section of the flags that set spec fields. */
export const SPEC_GROUP = 'SPEC'

export const specFlags = {
  // No `exists: true`: oclif would refuse a missing file with its own two-line message, where
  // readSpecFile says which flag, which file and why, on one line, with exit code 2.
  spec: Flags.file({
    description:
      'YAML or JSON spec file (default: scaleplan.yaml, .yml or .json in the current directory); ' +
      'flags and SCALEPLAN_* variables override its keys',
    helpValue: 'FILE',
    env: 'SCALEPLAN_SPEC',
    helpGroup: SPEC_GROUP,
  }),
  ...(Object.fromEntries(FLAG_KEYS.map((key) => [flagKey(key), fieldFlag(key)])) as Record<
    string,
    ReturnType<typeof fieldFlag>
  >),
}

type SpecFlagValues = {readonly spec?: string} & Readonly<Record<string, unknown>>

/** The spec file a command reads when none is named, looked for in this order in the working directory. */
export const SPEC_FILE_NAMES = ['scaleplan.yaml', 'scaleplan.yml', 'scaleplan.json'] as const

/** Which spec file a command read, and how it came to read it. */
export interface SpecFileSource {
  readonly path: string
  /** `--spec`, `SCALEPLAN_SPEC`, or `found` in the working directory. */
  readonly from: string
}

export interface LoadedSpec {
  readonly spec: Spec
  /** Undefined when no file was named and none was found: the spec is flags, variables and defaults. */
  readonly file?: SpecFileSource
}

/**
 * The spec file to read: the one `--spec` (or SCALEPLAN_SPEC, as `from` says) names, or else the
 * first of SPEC_FILE_NAMES in `cwd`, the way git, npm and terraform find their files.
 */
export function specFileSource(
  named: string | undefined,
  from: string,
  cwd: string = process.cwd(),
): SpecFileSource | undefined {
  if (named !== undefined) return {path: named, from}
  const found = SPEC_FILE_NAMES.find((name) => existsSync(join(cwd, name)))
  return found === undefined ? undefined : {path: found, from: 'found'}
}

/** "Using spec scaleplan.yaml (found in the current directory)": what every planning command says first. */
export function describeSpecSource(file: SpecFileSource): string {
  const how = file.from === 'found' ? 'found in the current directory' : `from ${file.from}`
  return `Using spec ${file.path} (${how})`
}

/**
 * Reads the spec file (named, or found in the working directory), merges environment and flags,
 * and validates; throws UsageError. `from` names where `flags.spec` came from (`--spec` or
 * SCALEPLAN_SPEC), for messages.
 */
export async function loadSpec(
  flags: SpecFlagValues,
  {from = '--spec', env = process.env}: {from?: string; env?: NodeJS.ProcessEnv} = {},
): Promise<LoadedSpec> {
  const source = specFileSource(flags.spec, from)
  let file
  if (source !== undefined) {
    // Only a run that reads a spec file loads the YAML parser (a third of the planning bundle).
    const {SpecFileError, readSpecFile} = await import('../spec/read-file.js')
    try {
      file = await readSpecFile(source.path, source.from === 'found' ? source.path : source.from)
    } catch (error) {
      if (error instanceof SpecFileError) throw new UsageError([error.message])
      throw error
    }
  }

  const values = Object.fromEntries(FLAG_KEYS.map((key) => [key, flags[flagKey(key)]]))
  const result = resolveSpec({file, env, flags: values})
  if (!result.ok) throw new UsageError(result.problems)
  return {spec: result.spec, ...(source ? {file: source} : {})}
}

/** The spec alone (see loadSpec). */
export async function specFromFlags(flags: SpecFlagValues, env: NodeJS.ProcessEnv = process.env): Promise<Spec> {
  return (await loadSpec(flags, {env})).spec
}
