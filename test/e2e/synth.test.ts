/** End-to-end: the built CLI and the cdktf.json app (`npm run build` first; `npm test` does it). */
import {describe, expect, it, afterAll} from '@jest/globals'
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {spawnSync} from 'node:child_process'

import {ROOT, runCli} from '../helpers/cli.js'
import {readTree} from '../infra/helpers/synth-output.js'

/** The README's example spec. */
const EXAMPLE = join(ROOT, 'templates/specs/example.yaml')
const work = mkdtempSync(join(tmpdir(), 'scaleplan-e2e-synth-'))
afterAll(() => rmSync(work, {recursive: true, force: true}))

/** Runs cdktf.json's `app` command the way the cdktf CLI does: from the project, with CDKTF_OUTDIR. */
function runCdktfApp(env: Record<string, string>) {
  const app = (JSON.parse(readFileSync(join(ROOT, 'cdktf.json'), 'utf8')) as {app: string}).app.split(' ')
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('SCALEPLAN_') && key !== 'NODE_OPTIONS'),
  )
  return spawnSync(app[0] === 'node' ? process.execPath : app[0]!, app.slice(1), {
    cwd: ROOT,
    env: {...clean, ...env},
    encoding: 'utf8',
  })
}

describe('scaleplan synth', () => {
  it('synthesizes the README example: one stack per region, the manifest, and the no-domain warning on stderr', () => {
    const out = join(work, 'cli')
    const result = runCli(['synth', '--spec', EXAMPLE, '--out-dir', out])
    expect(result.status).toBe(0)
    expect(result.stdout).toContain('shop: stage 4 (cdn), 2 stacks in')
    expect(result.stderr).toContain('No --domain: viewers reach the distribution on its *.cloudfront.net name')
    expect([...readTree(out).keys()]).toEqual([
      'manifest.json',
      'scaleplan-inputs.json',
      'stacks/shop-eu-west-1/cdk.tf.json',
      'stacks/shop-us-east-1/cdk.tf.json',
    ])
  })

  it('gives the same files through the cdktf.json app (SCALEPLAN_SPEC, CDKTF_OUTDIR)', () => {
    const app = runCdktfApp({SCALEPLAN_SPEC: EXAMPLE, CDKTF_OUTDIR: join(work, 'app')})
    expect(app.stderr).toContain('No --domain: viewers reach the distribution on its *.cloudfront.net name')
    expect(app.status).toBe(0)
    expect(readTree(join(work, 'app'))).toEqual(readTree(join(work, 'cli')))
  })

  it('gives the same HCL through both, with --hcl and SYNTH_HCL_OUTPUT', () => {
    expect(runCli(['synth', '--spec', EXAMPLE, '--out-dir', join(work, 'cli-hcl'), '--hcl']).status).toBe(0)
    expect(
      runCdktfApp({SCALEPLAN_SPEC: EXAMPLE, CDKTF_OUTDIR: join(work, 'app-hcl'), SYNTH_HCL_OUTPUT: 'true'}).status,
    ).toBe(0)
    const cli = readTree(join(work, 'cli-hcl'))
    expect(cli.get('stacks/shop-us-east-1/cdk.tf')).toMatch(/^terraform \{/)
    expect(readTree(join(work, 'app-hcl'))).toEqual(cli)
  })

  it('the cdktf.json app is synth itself: SCALEPLAN_* variables, problems and exit codes as synth has them', () => {
    const forced = runCdktfApp({SCALEPLAN_SPEC: EXAMPLE, CDKTF_OUTDIR: join(work, 'app-forced'), SCALEPLAN_STAGE: '2'})
    expect(forced.status).toBe(0)
    expect(forced.stderr).toContain('Warning: stage 2 was forced; the load needs stage 4')
    const bad = runCdktfApp({SCALEPLAN_SPEC: EXAMPLE, CDKTF_OUTDIR: join(work, 'app-bad'), SCALEPLAN_STAGE: '9'})
    expect({status: bad.status, stderr: bad.stderr}).toEqual({
      status: 2,
      stderr: 'Error: SCALEPLAN_STAGE: expected a whole number from 1 to 7, got "9"\n',
    })
    expect(existsSync(join(work, 'app-bad'))).toBe(false)
    const cli = runCli(['synth', '--spec', EXAMPLE, '--out-dir', join(work, 'cli-bad')], {env: {SCALEPLAN_STAGE: '9'}})
    expect({status: cli.status, stderr: cli.stderr}).toEqual({status: bad.status, stderr: bad.stderr})
  })

  it('--stage forces a stage and warns what the load needs; --json returns the stacks', () => {
    const result = runCli(['synth', '--spec', EXAMPLE, '--out-dir', join(work, 'forced'), '--stage', '2', '--json'])
    expect(result.status).toBe(0)
    const json = JSON.parse(result.stdout)
    expect(json).toMatchObject({name: 'shop', stage: 2, recommendedStage: 4, format: 'json', backend: 'local'})
    expect(json.stacks.map((stack: {name: string}) => stack.name)).toEqual(['shop-us-east-1', 'shop-eu-west-1'])
    expect(json.warnings[0]).toMatch(/stage 2 was forced; the load needs stage 4/)
  })

  it('writes an S3 backend with native locking per stack', () => {
    const out = join(work, 's3')
    const result = runCli([
      'synth',
      '--spec',
      EXAMPLE,
      '--out-dir',
      out,
      '--backend',
      's3',
      '--state-bucket',
      'tf-state',
      '--state-key-prefix',
      'shop',
    ])
    expect(result.status).toBe(0)
    const stack = JSON.parse(readFileSync(join(out, 'stacks/shop-eu-west-1/cdk.tf.json'), 'utf8'))
    expect(stack.terraform.backend.s3).toEqual({
      bucket: 'tf-state',
      key: 'shop/shop-eu-west-1.tfstate',
      region: 'us-east-1',
      encrypt: true,
      use_lockfile: true,
    })
  })

  it('still takes --out for the directory, as a deprecated name of --out-dir, with a warning', () => {
    const out = join(work, 'old-name')
    const result = runCli(['synth', '--spec', EXAMPLE, '--out', out])
    expect(result.status).toBe(0)
    expect(result.stderr).toMatch(/^Warning: .*"--out".* deprecated.*"--out-dir"/m)
    expect(readTree(out)).toEqual(readTree(join(work, 'cli')))
  })

  it('rejects bad input with exit 2 and one line per problem, writing nothing', () => {
    const out = join(work, 'bad')
    const s3 = runCli(['synth', '--spec', EXAMPLE, '--out-dir', out, '--backend', 's3'])
    expect(s3.status).toBe(2)
    expect(s3.stderr).toContain('--backend: the s3 backend needs a bucket for the state of every stack')
    const certificate = runCli([
      'synth',
      '--spec',
      EXAMPLE,
      '--out-dir',
      out,
      '--certificate-arn',
      'arn:aws:acm:sa-east-1:123456789012:certificate/abc-123',
    ])
    expect(certificate.status).toBe(2)
    expect(certificate.stderr).toContain(
      'Error: --certificate-arn: certificate "arn:aws:acm:sa-east-1:123456789012:certificate/abc-123" is in sa-east-1, ' +
        "which is not one of the topology's regions",
    )
    expect(runCli(['synth', '--spec', EXAMPLE, '--out-dir', out, '--stage', '7']).stderr).toContain(
      'needs named services',
    )
    const reserved = runCli(['synth', '--spec', EXAMPLE, '--out-dir', out, '--services', 'search,db'])
    expect(reserved.status).toBe(2)
    expect(reserved.stderr.trim()).toBe(
      `Error: --services: service name "db" is reserved (scaleplan's own resources are named <name>-<region>-db); use a name other than alb, app, cache, db, server`,
    )
    expect(existsSync(out)).toBe(false)
  })
})
