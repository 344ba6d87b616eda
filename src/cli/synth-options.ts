/**
 * Turns `synth`'s flag values (whether typed or read from their SCALEPLAN_* variables) into
 * synthesis options. Pure and free of cdktf, so the CLI validates input before it loads the
 * infrastructure code.
 */
import * as Flags from '@oclif/core/flags'

import type {BackendOptions, SynthesizeOptions} from '../infra/synthesize.js'

export interface SynthFlagValues {
  readonly 'out-dir'?: string
  readonly hcl?: boolean
  readonly 'policy-report'?: boolean
  readonly backend?: string
  readonly 'state-bucket'?: string
  readonly 'state-region'?: string
  readonly 'state-key-prefix'?: string
  readonly 'certificate-arn'?: readonly string[]
}

/** The environment variable behind each `synth` flag (oclif's `env:`); every command of the stacks shares `out-dir`. */
export const SYNTH_ENV = {
  'out-dir': 'SCALEPLAN_OUT_DIR',
  stage: 'SCALEPLAN_STAGE',
  backend: 'SCALEPLAN_BACKEND',
  'state-bucket': 'SCALEPLAN_STATE_BUCKET',
  'state-region': 'SCALEPLAN_STATE_REGION',
  'state-key-prefix': 'SCALEPLAN_STATE_KEY_PREFIX',
  'certificate-arn': 'SCALEPLAN_CERTIFICATE_ARN',
} as const

export const DEFAULT_OUT_DIR = 'cdktf.out'

/**
 * `--out-dir DIR`: the directory of the synthesized stacks, for every command that writes or
 * reads them. (`--out` names a file a command writes, as in init and report; it still works
 * here as a deprecated alias, with a warning.)
 */
export const outDirFlag = (description: string) =>
  Flags.string({
    description,
    default: DEFAULT_OUT_DIR,
    helpValue: 'DIR',
    env: SYNTH_ENV['out-dir'],
    aliases: ['out'],
    deprecateAliases: true,
  })

export type SynthOptionsResult =
  {readonly ok: true; readonly options: SynthesizeOptions} | {readonly ok: false; readonly problems: readonly string[]}

export function synthOptions(values: SynthFlagValues): SynthOptionsResult {
  const problems: string[] = []
  const bucket = values['state-bucket']
  const s3Only = (['state-bucket', 'state-region', 'state-key-prefix'] as const).filter(
    (flag) => values[flag] !== undefined,
  )
  let backend: BackendOptions = {kind: 'local'}
  switch (values.backend ?? 'local') {
    case 'local': {
      if (s3Only.length > 0)
        problems.push(
          `--${s3Only.join(', --')}: only apply with --backend s3 (got --backend local); add --backend s3 or drop them`,
        )
      break
    }
    case 's3': {
      if (bucket === undefined || bucket === '') {
        problems.push('--backend s3: needs --state-bucket BUCKET, the S3 bucket that holds the state of every stack')
      } else {
        backend = {kind: 's3', bucket, region: values['state-region'], keyPrefix: values['state-key-prefix']}
      }
      break
    }
    default: {
      problems.push(`--backend: "${values.backend}" is not a backend; use local (default) or s3`)
    }
  }

  const certificates = values['certificate-arn'] ?? []
  if (problems.length > 0) return {ok: false, problems}
  return {
    ok: true,
    options: {
      outDir: values['out-dir'] ?? DEFAULT_OUT_DIR,
      hcl: values.hcl ?? false,
      policyReport: values['policy-report'] ?? false,
      backend,
      ...(certificates.length > 0 ? {certificateArn: certificates} : {}),
    },
  }
}
