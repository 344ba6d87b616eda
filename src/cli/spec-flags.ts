/**
 * The flags every planning command shares (recommend, synth, report, plan, ...), and the one
 * step that turns them, the environment and a spec file into a Spec.
 */
import * as Flags from '@oclif/core/flags'

import {SpecFileError, readSpecFile} from '../spec/read-file.js'
import {resolveSpec, type SpecKey} from '../spec/resolve.js'
import type {Spec} from '../spec/schema.js'
import {UsageError} from './errors.js'

// Flag values stay strings here: the spec schema parses them, so a flag, an environment
// variable and a spec-file key accept exactly the same forms and report the same errors.
export const specFlags = {
  spec: Flags.string({
    description: 'YAML or JSON spec file; flags and SCALEPLAN_* variables override its keys [env: SCALEPLAN_SPEC]',
    helpValue: 'FILE',
  }),
  name: Flags.string({description: 'project name, prefixes stacks and resources (default: app)', helpValue: 'NAME'}),
  users: Flags.string({description: 'daily active users: 2500000, 2.5M, 10k, 1_000_000', helpValue: 'N'}),
  'read-write': Flags.string({description: 'read/write mix: 90:10, 9:1, or reads per write (default: 90:10)', helpValue: 'R:W'}),
  regions: Flags.string({description: 'AWS regions, comma-separated; the first holds the primary (default: us-east-1)', helpValue: 'LIST'}),
  'region-shares': Flags.string({description: 'percent of users per region: us-east-1=60,eu-west-1=40 (default: equal)', helpValue: 'LIST'}),
  'data-size': Flags.string({description: 'data size: 500GB, 2TB, 750GiB (default: 10GB)', helpValue: 'SIZE'}),
  'requests-per-user': Flags.string({description: 'requests per user per day (default: 50)', helpValue: 'N'}),
  'peak-factor': Flags.string({description: 'peak-to-average ratio (default: 2)', helpValue: 'X'}),
  availability: Flags.string({description: 'availability target in percent (default: 99.5)', helpValue: 'PCT'}),
  services: Flags.string({description: 'independently scalable services: search,payment,profile (default: none)', helpValue: 'LIST'}),
  'cache-engine': Flags.string({description: 'cache engine (default: valkey)', options: ['valkey', 'redis']}),
}

type SpecFlagValues = {[K in keyof typeof specFlags]?: string}

const FLAG_KEYS: Record<Exclude<keyof typeof specFlags, 'spec'>, SpecKey> = {
  name: 'name',
  users: 'users',
  'read-write': 'readWrite',
  regions: 'regions',
  'region-shares': 'regionShares',
  'data-size': 'dataSize',
  'requests-per-user': 'requestsPerUser',
  'peak-factor': 'peakFactor',
  availability: 'availability',
  services: 'services',
  'cache-engine': 'cacheEngine',
}

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

  const values = Object.fromEntries(
    Object.entries(FLAG_KEYS).map(([flag, key]) => [key, flags[flag as keyof SpecFlagValues]]),
  ) as Partial<Record<SpecKey, unknown>>
  const result = resolveSpec({file, env, flags: values})
  if (!result.ok) throw new UsageError(result.problems)
  return result.spec
}
