/**
 * Turns `synth`'s flag values (whether typed or read from their SCALEPLAN_* variables) into
 * synthesis options. Pure and free of cdktf, so the CLI validates input before it loads the
 * infrastructure code.
 */
import * as Flags from './flags.js'

import type {BackendOptions, SynthesizeOptions} from '../infra/synthesize.js'
import {CERTIFICATE_ARN_FORM, bucketNameProblem, certificateRegion, keyPrefixProblem} from '../spec/aws-names.js'
import {show} from '../spec/forms.js'
import {isRegion, suggestRegion} from '../spec/regions.js'

export interface SynthFlagValues {
  readonly 'out-dir'?: string
  readonly hcl?: boolean
  readonly force?: boolean
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

/**
 * Where a flag's value came from, as the user would name it: `--state-bucket`, or
 * `SCALEPLAN_STATE_BUCKET` when the variable gave it (BaseCommand.flagSource).
 */
export type FlagSource = (flag: string) => string

/** The source of a value that was typed as a flag. */
export const typedFlag: FlagSource = (flag) => `--${flag}`

/**
 * Every value here ends up in generated Terraform or names where it is written, so each is checked
 * by the rules of what it names (aws-names.ts) and refused under the name the user gave it.
 */
export function synthOptions(values: SynthFlagValues, source: FlagSource = typedFlag): SynthOptionsResult {
  const problems: string[] = []
  const out = values['out-dir'] ?? DEFAULT_OUT_DIR
  if (out === '') problems.push(`${source('out-dir')}: empty; give the directory to write, like ${DEFAULT_OUT_DIR}`)

  const s3Only = (['state-bucket', 'state-region', 'state-key-prefix'] as const).filter(
    (flag) => values[flag] !== undefined,
  )
  let backend: BackendOptions = {kind: 'local'}
  const backendName = values.backend ?? 'local'
  switch (backendName) {
    case 'local': {
      if (s3Only.length > 0)
        problems.push(
          `${s3Only.map(source).join(', ')}: only apply to the s3 backend (${source('backend')} is local); ` +
            `set ${source('backend')} to s3 or leave them out`,
        )
      break
    }
    case 's3': {
      const s3 = s3Backend(values, source)
      if (Array.isArray(s3)) problems.push(...s3)
      else backend = s3
      break
    }
    default: {
      problems.push(`${source('backend')}: expected local (the default) or s3, got ${show(backendName)}`)
    }
  }

  const certificates = values['certificate-arn'] ?? []
  for (const arn of certificates) {
    if (certificateRegion(arn) === undefined) {
      problems.push(
        `${source('certificate-arn')}: ${show(arn)} is not an ACM certificate ARN of a known region; ` +
          `expected ${CERTIFICATE_ARN_FORM}`,
      )
    }
  }

  if (problems.length > 0) return {ok: false, problems}
  return {
    ok: true,
    options: {
      outDir: out,
      hcl: values.hcl ?? false,
      policyReport: values['policy-report'] ?? false,
      force: values.force ?? false,
      backend,
      ...(certificates.length > 0 ? {certificateArn: certificates} : {}),
    },
  }
}

/** The S3 backend the values describe, or the problems with them. */
function s3Backend(values: SynthFlagValues, source: FlagSource): BackendOptions | string[] {
  const problems: string[] = []
  const bucket = values['state-bucket']
  if (bucket === undefined || bucket === '') {
    problems.push(
      `${source('backend')}: the s3 backend needs a bucket for the state of every stack; ` +
        `give --state-bucket BUCKET or ${SYNTH_ENV['state-bucket']}`,
    )
  } else {
    const why = bucketNameProblem(bucket)
    if (why) problems.push(`${source('state-bucket')}: ${show(bucket)} is not an S3 bucket name: ${why}`)
  }

  const region = values['state-region']
  if (region !== undefined && !isRegion(region)) {
    const suggestion = suggestRegion(region)
    problems.push(
      `${source('state-region')}: unknown AWS region ${show(region)}` +
        `${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; expected the region of the state bucket, like us-east-1`,
    )
  }

  const prefix = values['state-key-prefix']
  const prefixWhy = prefix === undefined ? undefined : keyPrefixProblem(prefix)
  if (prefixWhy) {
    problems.push(
      `${source('state-key-prefix')}: ${show(prefix)} is not a safe key prefix: ${prefixWhy}; ` +
        'each stack stores <prefix>/<stack>.tfstate, like team/shop',
    )
  }

  if (problems.length > 0) return problems
  return {kind: 's3', bucket: bucket!, region, keyPrefix: prefix}
}
