import {describe, expect, it} from '@jest/globals'

import {synthOptions, type SynthFlagValues} from '../../src/cli/synth-options.js'

/** The problems synthOptions finds, with every value named as a flag or, where `fromEnv`, as its variable. */
function problems(values: SynthFlagValues, fromEnv: readonly string[] = []): readonly string[] {
  const source = (flag: string) =>
    fromEnv.includes(flag) ? `SCALEPLAN_${flag.toUpperCase().replaceAll('-', '_')}` : `--${flag}`
  const result = synthOptions(values, source)
  return result.ok ? [] : result.problems
}

const s3 = (values: SynthFlagValues = {}) => ({backend: 's3', 'state-bucket': 'tf-state', ...values})

describe('synthOptions: values that reach the generated backend', () => {
  it('accepts an S3 backend by AWS rules, with a region and a safe key prefix', () => {
    const result = synthOptions(s3({'state-region': 'eu-west-1', 'state-key-prefix': 'team/shop_1.v2'}))
    expect(result).toMatchObject({
      ok: true,
      options: {backend: {kind: 's3', bucket: 'tf-state', region: 'eu-west-1', keyPrefix: 'team/shop_1.v2'}},
    })
  })

  it.each([
    ['Not A Bucket!/../$(id)', 'a bucket name holds only lower-case letters, digits, dots and hyphens'],
    ['ab', 'a bucket name has 3 to 63 characters'],
    ['a'.repeat(64), 'a bucket name has 3 to 63 characters'],
    ['-state', 'a bucket name begins and ends with a letter or digit'],
    ['state.', 'a bucket name begins and ends with a letter or digit'],
    ['tf..state', 'a bucket name has no two dots in a row'],
    ['192.168.5.4', 'a bucket name is not formatted as an IP address'],
    ['xn--state', 'AWS reserves the prefix "xn--"'],
    ['sthree-state', 'AWS reserves the prefix "sthree-"'],
    ['amzn-s3-demo-state', 'AWS reserves the prefix "amzn-s3-demo-"'],
    ['state-s3alias', 'AWS reserves the suffix "-s3alias"'],
    ['state--ol-s3', 'AWS reserves the suffix "--ol-s3"'],
    ['state.mrap', 'AWS reserves the suffix ".mrap"'],
    ['state--x-s3', 'AWS reserves the suffix "--x-s3"'],
    ['state--table-s3', 'AWS reserves the suffix "--table-s3"'],
    ['${var.bucket}', 'a bucket name holds only lower-case letters, digits, dots and hyphens'],
  ])('refuses the bucket %p: %s', (bucket, why) => {
    expect(problems(s3({'state-bucket': bucket}))).toEqual([
      `--state-bucket: ${JSON.stringify(bucket)} is not an S3 bucket name: ${why}`,
    ])
  })

  it.each([
    ['${file("/etc/passwd")}', 'a key prefix holds only letters, digits'],
    ['%{ if true }x%{ endif }', 'a key prefix holds only letters, digits'],
    ['../../x', 'a key prefix has no "." or ".." parts'],
    ['a/./b', 'a key prefix has no "." or ".." parts'],
    ['/abs', 'a key prefix has no leading, trailing or double "/"'],
    ['a//b', 'a key prefix has no leading, trailing or double "/"'],
    ['team/', 'a key prefix has no leading, trailing or double "/"'],
    ['', 'an empty prefix'],
    ['x'.repeat(257), 'a key prefix has at most 256 characters'],
  ])('refuses the key prefix %p: %s', (prefix, why) => {
    const [problem] = problems(s3({'state-key-prefix': prefix}))
    expect(problem).toMatch(/^--state-key-prefix: .* is not a safe key prefix: /)
    expect(problem).toContain(why)
  })

  it('refuses a state region that is not an AWS region, suggesting the closest', () => {
    expect(problems(s3({'state-region': 'nowhere-1'}))).toEqual([
      '--state-region: unknown AWS region "nowhere-1"; expected the region of the state bucket, like us-east-1',
    ])
    expect(problems(s3({'state-region': 'eu-wst-1'}))[0]).toContain('(did you mean "eu-west-1"?)')
  })

  it('refuses a certificate ARN that is not one, naming the flag', () => {
    expect(problems({'certificate-arn': ['arn:aws:acm:eu-west-1:123:certificate/x']})).toEqual([
      '--certificate-arn: "arn:aws:acm:eu-west-1:123:certificate/x" is not an ACM certificate ARN of a known region; ' +
        'expected arn:aws:acm:<region>:<12-digit account>:certificate/<id>',
    ])
    expect(problems({'certificate-arn': ['arn:aws:acm:mars-1:123456789012:certificate/0a1b']})).toHaveLength(1)
    expect(problems({'certificate-arn': ['arn:aws:acm:eu-west-1:123456789012:certificate/${x}']})).toHaveLength(1)
  })

  it('names each value by where it came from: the variable when the variable gave it', () => {
    expect(problems({backend: 's3'}, ['backend'])).toEqual([
      'SCALEPLAN_BACKEND: the s3 backend needs a bucket for the state of every stack; ' +
        'give --state-bucket BUCKET or SCALEPLAN_STATE_BUCKET',
    ])
    expect(problems(s3({'state-bucket': 'Bad'}), ['state-bucket'])[0]).toMatch(/^SCALEPLAN_STATE_BUCKET: "Bad"/)
    expect(problems({'state-bucket': 'b'}, ['state-bucket'])).toEqual([
      'SCALEPLAN_STATE_BUCKET: only apply to the s3 backend (--backend is local); set --backend to s3 or leave them out',
    ])
  })

  it('refuses an empty output directory', () => {
    expect(problems({'out-dir': ''}, ['out-dir'])).toEqual([
      'SCALEPLAN_OUT_DIR: empty; give the directory to write, like cdktf.out',
    ])
  })
})
