/**
 * The flags every planning command shares (recommend, synth, report, plan, ...), and the one
 * step that turns them, the environment and a spec file into a Spec.
 */
import * as Flags from '@oclif/core/flags'

import {SpecFileError, readSpecFile} from '../spec/read-file.js'
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
const fieldFlag = (key: SpecKey) => Flags.string({description: flagHelp(key), helpValue: fieldMeta(key).helpValue})

export const specFlags = {
  // No `exists: true`: oclif would refuse a missing file with its own two-line message, where
  // readSpecFile says which flag, which file and why, on one line, with exit code 2.
  spec: Flags.file({
    description: 'YAML or JSON spec file; flags and SCALEPLAN_* variables override its keys',
    helpValue: 'FILE',
    env: 'SCALEPLAN_SPEC',
  }),
  ...(Object.fromEntries(FLAG_KEYS.map((key) => [flagKey(key), fieldFlag(key)])) as Record<
    string,
    ReturnType<typeof fieldFlag>
  >),
}

type SpecFlagValues = {readonly spec?: string} & Readonly<Record<string, unknown>>

/** Reads the spec file (if any), merges environment and flags, and validates; throws UsageError. */
export async function specFromFlags(flags: SpecFlagValues, env: NodeJS.ProcessEnv = process.env): Promise<Spec> {
  let file
  if (flags.spec !== undefined) {
    try {
      file = await readSpecFile(flags.spec)
    } catch (error) {
      if (error instanceof SpecFileError) throw new UsageError([error.message])
      throw error
    }
  }

  const values = Object.fromEntries(FLAG_KEYS.map((key) => [key, flags[flagKey(key)]]))
  const result = resolveSpec({file, env, flags: values})
  if (!result.ok) throw new UsageError(result.problems)
  return result.spec
}
