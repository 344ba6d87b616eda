/**
 * The app that cdktf.json runs (`cdktf synth`, `cdktf deploy`): the same synthesis as
 * `scaleplan synth`, for the spec named by SCALEPLAN_SPEC (default ./scaleplan.yaml), with the
 * same SCALEPLAN_* variables, writing where the cdktf CLI asks (CDKTF_OUTDIR) and HCL when it
 * sets SYNTH_HCL_OUTPUT.
 */
import {pathToFileURL} from 'node:url'

import {recommend} from '../cost/recommend.js'
import {UsageError} from '../cli/errors.js'
import {specFromFlags} from '../cli/spec-flags.js'
import {DEFAULT_OUT_DIR, SYNTH_ENV, synthOptions} from '../cli/synth-options.js'
import type {StageNumber} from '../topology/types.js'
import {synthesize, SynthesisError} from './synthesize.js'

export const DEFAULT_SPEC = './scaleplan.yaml'

export async function main(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const parsed = synthOptions({
    out: env.CDKTF_OUTDIR || env[SYNTH_ENV.out] || DEFAULT_OUT_DIR,
    hcl: env.SYNTH_HCL_OUTPUT === 'true' || env.SYNTH_HCL_OUTPUT === '1',
    backend: env[SYNTH_ENV.backend] || undefined,
    'state-bucket': env[SYNTH_ENV['state-bucket']] || undefined,
    'state-region': env[SYNTH_ENV['state-region']] || undefined,
    'state-key-prefix': env[SYNTH_ENV['state-key-prefix']] || undefined,
    'certificate-arn': env[SYNTH_ENV['certificate-arn']]?.split(',').filter((arn) => arn !== ''),
  })
  if (!parsed.ok) throw new UsageError(parsed.problems)
  const stage = parseStage(env[SYNTH_ENV.stage])
  const spec = await specFromFlags({spec: env.SCALEPLAN_SPEC || DEFAULT_SPEC}, env)
  const recommendation = recommend(spec, stage === undefined ? {} : {stage})
  const result = await synthesize(recommendation.topology, parsed.options)
  for (const warning of [...recommendation.warnings, ...result.warnings]) process.stderr.write(`Warning: ${warning}\n`)
}

function parseStage(value: string | undefined): StageNumber | undefined {
  if (value === undefined || value === '') return undefined
  const stage = Number(value)
  if (!Number.isInteger(stage) || stage < 1 || stage > 7)
    throw new UsageError([`${SYNTH_ENV.stage}: expected a stage from 1 to 7, got "${value}"`])
  return stage as StageNumber
}

// Run only as the entry point, so tests can import main() without synthesizing on import.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    await main()
  } catch (error) {
    const input = error instanceof UsageError || (error instanceof SynthesisError && error.reason === 'invalid-input')
    process.stderr.write(`Error: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exitCode = input ? 2 : 1
  }
}
