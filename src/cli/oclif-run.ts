/**
 * oclif's own `run`, for what only oclif does: help, the version, a typo's "did you mean", a
 * topic. main.ts imports this module only then, so running a scaleplan command loads no oclif.
 */
import {flush} from '@oclif/core/flush'
import type {PJSON} from '@oclif/core/interfaces'
import {run} from '@oclif/core/run'

export async function runWithOclif(argv: readonly string[], root: string, pjson: PJSON): Promise<void> {
  await run([...argv], {root, pjson})
  await flush()
}
