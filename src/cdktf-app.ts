/**
 * The app that cdktf.json runs (`cdktf synth`, `cdktf deploy`): `scaleplan synth` itself, for the
 * spec named by SCALEPLAN_SPEC (default ./scaleplan.yaml), with every other SCALEPLAN_* variable
 * read by synth's own flags, writing where the cdktf CLI asks (CDKTF_OUTDIR) and HCL when it sets
 * SYNTH_HCL_OUTPUT. Errors and exit codes are synth's: one line per problem, 2 for bad input.
 */
import {execute} from '@oclif/core/execute'

/** The spec the cdktf app synthesizes when SCALEPLAN_SPEC names none. */
const DEFAULT_SPEC = './scaleplan.yaml'

/** `scaleplan synth`'s arguments for what the cdktf CLI and the environment ask for. */
function synthArgs(env: NodeJS.ProcessEnv): string[] {
  return [
    'synth',
    '--spec',
    env.SCALEPLAN_SPEC || DEFAULT_SPEC,
    ...(env.CDKTF_OUTDIR ? ['--out', env.CDKTF_OUTDIR] : []),
    ...(env.SYNTH_HCL_OUTPUT === 'true' || env.SYNTH_HCL_OUTPUT === '1' ? ['--hcl'] : []),
  ]
}

await execute({dir: import.meta.url, args: synthArgs(process.env)})
