/**
 * The flags every planning command shares (recommend, synth, report, plan, ...), and the one
 * step that turns them, the environment and a spec file into a Spec.
 */
import * as Flags from '@oclif/core/flags'

import {SpecFileError, readSpecFile} from '../spec/read-file.js'
import {FIELD_HELP} from '../spec/field-help.js'
import {SPEC_KEYS, flagName, resolveSpec, type SpecKey} from '../spec/resolve.js'
import type {Spec} from '../spec/schema.js'
import {UsageError} from './errors.js'

/** `readWrite` -> `read-write`: the flag as oclif declares it, without the leading dashes. */
const flagKey = (key: SpecKey) => flagName(key).slice(2)

const fieldFlag = (key: SpecKey) => {
  const help = FIELD_HELP[key]
  return Flags.string({
    description: `${help.summary}: ${help.forms} (default: ${help.defaultHelp})`,
    helpValue: help.helpValue,
  })
}

// Flag values stay strings here: the spec schema parses them, so a flag, an environment
// variable and a spec-file key accept exactly the same forms and report the same errors.
export const specFlags = {
  spec: Flags.string({
    description: 'YAML or JSON spec file; flags and SCALEPLAN_* variables override its keys [env: SCALEPLAN_SPEC]',
    helpValue: 'FILE',
  }),
  ...(Object.fromEntries(SPEC_KEYS.map((key) => [flagKey(key), fieldFlag(key)])) as Record<
    string,
    ReturnType<typeof fieldFlag>
  >),
}

type SpecFlagValues = {readonly spec?: string} & Readonly<Record<string, unknown>>

/** Reads the spec file (if any), merges environment and flags, and validates; throws UsageError. */
export async function specFromFlags(flags: SpecFlagValues, env: NodeJS.ProcessEnv = process.env): Promise<Spec> {
  const specPath = flags.spec ?? (env.SCALEPLAN_SPEC || undefined)
  let file
  if (specPath !== undefined) {
    try {
      file = await readSpecFile(specPath)
    } catch (error) {
      if (error instanceof SpecFileError) throw new UsageError([error.message])
      throw error
    }
  }

  const values = Object.fromEntries(SPEC_KEYS.map((key) => [key, flags[flagKey(key)]])) as Partial<
    Record<SpecKey, unknown>
  >
  const result = resolveSpec({file, env, flags: values})
  if (!result.ok) throw new UsageError(result.problems)
  return result.spec
}
