/**
 * The app that cdktf.json runs (`cdktf synth`, `cdktf deploy`): `scaleplan synth` itself, for the
 * spec it finds (./scaleplan.yaml, .yml or .json) or SCALEPLAN_SPEC names, with every other
 * SCALEPLAN_* variable read by synth's own flags, writing where the cdktf CLI asks (CDKTF_OUTDIR)
 * and HCL when it sets SYNTH_HCL_OUTPUT. Errors and exit codes are synth's: one line per
 * problem, 2 for bad input.
 */
import {fileURLToPath} from 'node:url'

import {main} from './main.js'

/** `scaleplan synth`'s arguments for what the cdktf CLI and the environment ask for. */
function synthArgs(env: NodeJS.ProcessEnv): string[] {
  return [
    'synth',
    ...(env.CDKTF_OUTDIR ? ['--out-dir', env.CDKTF_OUTDIR] : []),
    ...(env.SYNTH_HCL_OUTPUT === 'true' || env.SYNTH_HCL_OUTPUT === '1' ? ['--hcl'] : []),
  ]
}

await main(synthArgs(process.env), fileURLToPath(new URL('..', import.meta.url)))
