/**
 * End-to-end: the built CLI drives the stand-in terraform (test/fixtures/terraform), which
 * follows Terraform's documented CLI contract and records every call it receives.
 */
import {describe, expect, it} from '@jest/globals'
import {spawn, spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {BIN, ROOT, runCli} from '../helpers/cli.js'
import {runInPty} from '../helpers/pty.js'

const STAND_IN_DIR = join(ROOT, 'test/fixtures/terraform')
// Not /usr/local/bin: some machines carry a real terraform there, and these tests must meet the stand-in.
const SYSTEM_PATH = '/usr/bin:/bin'
const THREE_REGIONS = ['--name', 'shop', '--users', '1000', '--regions', 'us-east-1,eu-west-1,ap-southeast-1']

interface Call {
  readonly argv: string[]
  readonly cwd: string
  readonly start: number
  readonly end: number
  readonly exit: number
  readonly signals: string[]
}

/** A fresh working directory with a calls log; `env` runs the CLI with the stand-in on PATH. */
function workspace() {
  const dir = mkdtempSync(join(tmpdir(), 'scaleplan-provision-'))
  const calls = join(dir, 'calls.jsonl')
  const env = (extra: Record<string, string> = {}) => ({
    PATH: `${STAND_IN_DIR}:${SYSTEM_PATH}`,
    FAKE_TF_CALLS: calls,
    ...extra,
  })
  const run = (args: string[], extra: Record<string, string> = {}) => runCli(args, {cwd: dir, env: env(extra)})
  const json = (args: string[], extra: Record<string, string> = {}) => {
    const result = run([...args, '--json'], extra)
    return {...result, report: result.stdout ? JSON.parse(result.stdout) : undefined}
  }

  const readCalls = (): Call[] =>
    existsSync(calls)
      ? readFileSync(calls, 'utf8')
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line) as Call)
      : []
  const callsOf = (subcommand: string) =>
    readCalls().filter((c) => c.argv.find((a) => !a.startsWith('-')) === subcommand)
  const stackOf = (call: Call) => /stacks\/([^/]+)$/.exec(call.cwd)?.[1]
  return {dir, calls, env, run, json, readCalls, callsOf, stackOf}
}

const statuses = (report: {stacks: {name: string; status: string}[]}) =>
  Object.fromEntries(report.stacks.map((s) => [s.name, s.status]))
/** Each call started before the other ended (timings in the order the stand-in logged them; no thresholds). */
const ranTogether = (a: Call, b: Call) => a.start < b.end && b.start < a.end

describe('finding terraform', () => {
  it('fails with install instructions when neither terraform nor tofu is found, before writing anything', () => {
    const ws = workspace()
    const result = runCli(['plan', ...THREE_REGIONS], {cwd: ws.dir, env: {PATH: SYSTEM_PATH}})
    expect(result.status).toBe(3)
    expect(result.stderr).toMatch(
      /^Error: neither terraform nor tofu is on PATH; install Terraform >= 1\.11 .* or OpenTofu/,
    )
    expect(existsSync(join(ws.dir, 'cdktf.out'))).toBe(false)
  })

  it('falls back to tofu, and reports which binary and version it uses', () => {
    const ws = workspace()
    const bin = join(ws.dir, 'bin')
    mkdirSync(bin)
    symlinkSync(join(STAND_IN_DIR, 'terraform'), join(bin, 'tofu'))
    const result = runCli(['plan', ...THREE_REGIONS, '--json'], {cwd: ws.dir, env: {PATH: `${bin}:${SYSTEM_PATH}`}})
    expect(result.status).toBe(0)
    expect(JSON.parse(result.stdout).terraform).toMatchObject({name: 'tofu', version: '1.11.4', source: 'PATH'})
  })

  it('takes the binary from --terraform-bin over SCALEPLAN_TERRAFORM_BIN', () => {
    const ws = workspace()
    const stand = join(STAND_IN_DIR, 'terraform')
    const result = runCli(['plan', ...THREE_REGIONS, '--json', '--terraform-bin', stand], {
      cwd: ws.dir,
      env: {PATH: SYSTEM_PATH, SCALEPLAN_TERRAFORM_BIN: '/nonexistent/terraform'},
    })
    expect(JSON.parse(result.stdout).terraform).toMatchObject({path: stand, source: '--terraform-bin'})
    const fromEnv = runCli(['plan', ...THREE_REGIONS, '--json'], {
      cwd: ws.dir,
      env: {PATH: SYSTEM_PATH, SCALEPLAN_TERRAFORM_BIN: stand},
    })
    expect(JSON.parse(fromEnv.stdout).terraform).toMatchObject({path: stand, source: 'SCALEPLAN_TERRAFORM_BIN'})
  })
})

describe('scaleplan plan', () => {
  it('inits, plans into a saved file and shows it, per stack, non-interactively', () => {
    const ws = workspace()
    const {status, report} = ws.json(['plan', ...THREE_REGIONS, '--detailed-exitcode'])
    expect(status).toBe(2) // changes present, as terraform plan -detailed-exitcode
    expect(statuses(report)).toEqual({
      'shop-us-east-1': 'planned',
      'shop-eu-west-1': 'planned',
      'shop-ap-southeast-1': 'planned',
    })
    expect(report.stacks[0].plan.create).toBeGreaterThan(10)
    const planCall = ws.callsOf('plan').find((c) => ws.stackOf(c) === 'shop-us-east-1')!
    expect(planCall.argv).toEqual([
      expect.stringMatching(/^-chdir=.*stacks\/shop-us-east-1$/),
      'plan',
      '-input=false',
      '-out=tfplan',
      '-json',
      '-no-color',
    ])
    expect(ws.callsOf('init')[0]!.argv).toEqual(expect.arrayContaining(['-input=false', '-no-color']))
    expect(ws.callsOf('show')[0]!.argv.slice(1)).toEqual(['show', '-json', '-no-color', 'tfplan'])
    // Every call, whatever it is, runs without colour: its text goes to logs and messages.
    expect(ws.readCalls().every((call) => call.argv.includes('-no-color') || call.argv.includes('version'))).toBe(true)
    expect(existsSync(join(ws.dir, 'cdktf.out/stacks/shop-eu-west-1/scaleplan.log'))).toBe(true)
  })

  it('exits 0 under --detailed-exitcode when nothing would change', () => {
    const ws = workspace()
    expect(ws.run(['apply', ...THREE_REGIONS, '--auto-approve']).status).toBe(0)
    expect(ws.run(['plan', ...THREE_REGIONS, '--detailed-exitcode']).status).toBe(0)
  })

  it('shows the lock ID and what to do when the state is locked', () => {
    const ws = workspace()
    const result = ws.run(['plan', ...THREE_REGIONS], {FAKE_TF_LOCKED: 'us-east-1'})
    expect(result.status).toBe(3)
    expect(result.stderr).toContain('the state is locked (lock ID 9db590f1-b6fe-c5f2-2678-8804f089deba)')
    expect(result.stderr).toContain('terraform force-unlock 9db590f1-b6fe-c5f2-2678-8804f089deba')
  })
})

describe('scaleplan apply', () => {
  it('refuses off a terminal without --auto-approve, before running anything', () => {
    const ws = workspace()
    const result = ws.run(['apply', ...THREE_REGIONS])
    expect(result.status).toBe(4)
    expect(result.stderr.trim()).toBe(
      'Error: apply needs approval: run it at a terminal to confirm, or pass --auto-approve (nothing was changed)',
    )
    expect(ws.readCalls()).toEqual([])
    expect(existsSync(join(ws.dir, 'cdktf.out'))).toBe(false)
  })

  it('applies the saved plans, replica regions after the primary creates its database, side by side', () => {
    const ws = workspace()
    const {status, report} = ws.json(['apply', ...THREE_REGIONS, '--auto-approve'], {FAKE_TF_APPLY_MS: '600'})
    expect(status).toBe(0)
    expect(statuses(report)).toEqual({
      'shop-us-east-1': 'applied',
      'shop-eu-west-1': 'applied',
      'shop-ap-southeast-1': 'applied',
    })
    const applies = new Map(ws.callsOf('apply').map((c) => [ws.stackOf(c), c]))
    // Exactly the saved plan is applied.
    expect(applies.get('shop-us-east-1')!.argv.slice(1)).toEqual([
      'apply',
      '-input=false',
      '-json',
      '-no-color',
      'tfplan',
    ])
    const primary = applies.get('shop-us-east-1')!
    expect(applies.get('shop-eu-west-1')!.start).toBeGreaterThanOrEqual(primary.end)
    expect(applies.get('shop-ap-southeast-1')!.start).toBeGreaterThanOrEqual(primary.end)
    expect(ranTogether(applies.get('shop-eu-west-1')!, applies.get('shop-ap-southeast-1')!)).toBe(true)
  })

  it('applies day-two changes to all three regions in parallel', () => {
    const ws = workspace()
    expect(ws.run(['apply', ...THREE_REGIONS, '--auto-approve']).status).toBe(0)
    const before = ws.callsOf('apply').length
    const grown = THREE_REGIONS.map((arg) => (arg === '1000' ? '3M' : arg))
    const {status, report} = ws.json(['apply', ...grown, '--auto-approve'], {FAKE_TF_APPLY_MS: '600'})
    expect(status).toBe(0)
    expect(report.stacks.every((s: {plan: {update: number}}) => s.plan.update > 0)).toBe(true)
    const [a, b, c] = ws.callsOf('apply').slice(before)
    expect(ranTogether(a!, b!) && ranTogether(b!, c!)).toBe(true)
  })

  it('refuses a plan that replaces a database unless --allow-data-loss, naming it', () => {
    const ws = workspace()
    expect(ws.run(['apply', ...THREE_REGIONS, '--auto-approve']).status).toBe(0)
    const applied = ws.callsOf('apply').length
    const replace = {FAKE_TF_REPLACE: 'aws_db_instance.Database_Primary'}
    const refused = ws.run(['apply', ...THREE_REGIONS, '--auto-approve'], replace)
    expect(refused.status).toBe(4)
    expect(refused.stderr).toContain('Error: the plan would delete or replace 1 resource that holds data')
    expect(refused.stderr).toContain('Error:   shop-us-east-1: replace aws_db_instance.Database_Primary')
    expect(ws.callsOf('apply')).toHaveLength(applied)

    // A primary's replacement starts with deleting it, which its deletion protection stops at AWS:
    // refused before anything runs, with or without --allow-data-loss.
    const guarded = ws.run(['apply', ...THREE_REGIONS, '--auto-approve', '--allow-data-loss'], replace)
    expect(guarded.status).toBe(4)
    expect(guarded.stderr).toContain('whose deletion protection is on, which AWS refuses (nothing was changed)')
    expect(guarded.stderr).toContain('shop-us-east-1: replace aws_db_instance.Database_Primary')
    expect(ws.callsOf('apply')).toHaveLength(applied)
  })

  it('replaces a cross-region replica (no deletion protection) with --allow-data-loss', () => {
    const ws = workspace()
    expect(ws.run(['apply', ...THREE_REGIONS, '--auto-approve']).status).toBe(0)
    const applied = ws.callsOf('apply').length
    const replace = {FAKE_TF_REPLACE: 'aws_db_instance.Database_Replica1'}
    const allowed = ws.json(['apply', ...THREE_REGIONS, '--auto-approve', '--allow-data-loss'], replace)
    expect(allowed.status).toBe(0)
    // Both replica regions hold a replica by that address; the primary region is untouched.
    const replaced = allowed.report.stacks.map((stack: {plan: {replace: number}}) => stack.plan.replace)
    expect(replaced).toEqual([0, 1, 1])
    expect(ws.callsOf('apply')).toHaveLength(applied + 2)
  })

  it('walks three regions from stage 7 down to 4 only with --allow-data-loss, naming what goes', () => {
    const ws = workspace()
    const spec = (users: string) => {
      const file = join(ws.dir, `walk-${users}.yaml`)
      writeFileSync(
        file,
        [
          'name: world',
          `users: ${users}`,
          'regions: [us-east-1, eu-west-1, ap-southeast-1]',
          'services: [search, profile]',
          'availability: 99.9',
          'readWrite: "98:2"',
          'domain: shop.example.com',
          'hostedZoneId: Z0123456789ABCDEFGHIJ',
          // One write shard throughout (a high write capacity): the walk grows the cache and the replicas.
          'thresholds: {microservicesUsers: 300000000, dbNodeWriteQps: 1000000}',
          '',
        ].join('\n'),
      )
      return file
    }
    const up = ws.json(['apply', '--spec', spec('300M'), '--auto-approve'])
    expect(up.status).toBe(0)
    const down = ws.run(['apply', '--spec', spec('1M'), '--auto-approve'])
    expect(down.status).toBe(4)
    expect(down.stderr).toContain('Error: the plan would delete or replace')
    expect(down.stderr).toContain('world-us-east-1: delete aws_elasticache_replication_group.Cache_ReplicationGroup')
    expect(down.stderr).toContain('world-eu-west-1: delete aws_db_instance.Database_Replica2')
    const allowed = ws.json(['apply', '--spec', spec('1M'), '--auto-approve', '--allow-data-loss'])
    expect(allowed.status).toBe(0)
    expect(Object.values(statuses(allowed.report))).toEqual(['applied', 'applied', 'applied'])
  })

  it('refuses, before anything runs, a plan that deletes a protected database primary, even with --allow-data-loss', () => {
    const ws = workspace()
    // The write queries one node commits decide the shards: three at 10,000/s, then one at 100,000/s.
    const spec = (writeQps: number) => {
      const file = join(ws.dir, `big-${writeQps}.yaml`)
      writeFileSync(
        file,
        `name: big\nusers: 40M\nreadWrite: "95:5"\nregions: [us-east-1]\nthresholds: {dbNodeWriteQps: ${writeQps}}\n`,
      )
      return file
    }
    expect(ws.run(['apply', '--spec', spec(10_000), '--auto-approve']).status).toBe(0)
    const applies = ws.callsOf('apply').length
    const fewer = ws.run(['apply', '--spec', spec(100_000), '--auto-approve', '--allow-data-loss'])
    expect(fewer.status).toBe(4)
    expect(fewer.stderr).toContain('whose deletion protection is on, which AWS refuses (nothing was changed)')
    expect(fewer.stderr).toContain('big-us-east-1: delete aws_db_instance.Database_Shard2Primary')
    expect(ws.callsOf('apply')).toHaveLength(applies)
  })

  it('when one region fails, says per region what applied, failed and never started', () => {
    const ws = workspace()
    const {status, report} = ws.json(['apply', ...THREE_REGIONS, '--auto-approve', '--parallelism', '1'], {
      FAKE_TF_FAIL: 'apply@eu-west-1',
    })
    expect(status).toBe(3)
    expect(statuses(report)).toEqual({
      'shop-us-east-1': 'applied',
      'shop-eu-west-1': 'failed',
      'shop-ap-southeast-1': 'not-started',
    })
    expect(report.stacks[1].error).toMatch(/^terraform apply failed \(exit 1\): creating resource: operation error/)
    expect(report.stacks[2].error).toBe('not started after shop-eu-west-1 failed')
    expect(ws.callsOf('apply').map(ws.stackOf)).toEqual(['shop-us-east-1', 'shop-eu-west-1'])
  })

  // A whole apply of the built CLI (a 3 s one): far more than jest's 5 s default on a shared machine.
  it('forwards one Ctrl-C to terraform, waits for it to stop cleanly, and exits 130', async () => {
    const ws = workspace()
    const child = spawn(process.execPath, [BIN, 'apply', '--users', '1000', '--auto-approve'], {
      cwd: ws.dir,
      env: {...process.env, ...ws.env({FAKE_TF_APPLY_MS: '3000'}), NODE_OPTIONS: ''},
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    // Interrupt once terraform is mid-apply: its first resource is done, many are still to come.
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString()
        if (/Creation complete/.test(stdout)) resolve()
      })
      child.on('exit', () => reject(new Error(`exited before applying: ${stdout}`)))
    })
    child.kill('SIGINT')
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)))
    expect(code).toBe(130)
    const [apply] = ws.callsOf('apply')
    // Terraform got the one interrupt and stopped after the resource in progress: exit 1, not done.
    expect(apply!.signals).toEqual(['SIGINT'])
    expect(apply!.exit).toBe(1)
  }, 60_000)
})

describe('the README example in CI mode', () => {
  it('applies with --auto-approve, then prints the outputs as JSON', () => {
    const ws = workspace()
    const spec = join(ROOT, 'templates/specs/example.yaml')
    const apply = ws.run(['apply', '--spec', spec, '--auto-approve'], {CI: 'true'})
    expect(apply.status).toBe(0)
    expect(apply.stdout).toMatch(/^\[shop-us-east-1\] init$/m)
    expect(apply.stdout).toMatch(/^ {2}shop-eu-west-1 {2}applied/m)
    const output = ws.json(['output'])
    expect(output.status).toBe(0)
    expect(output.report['shop-us-east-1'].public_endpoint).toEqual({
      sensitive: false,
      value: 'public_endpoint.example.internal',
    })
    // In the spec's region order, primary first, as synth recorded them.
    expect(Object.keys(output.report)).toEqual(['shop-us-east-1', 'shop-eu-west-1'])
  })
})

describe('scaleplan destroy', () => {
  it('needs --allow-data-loss with --auto-approve when stacks hold data, and destroys replicas first', () => {
    const ws = workspace()
    expect(ws.run(['apply', ...THREE_REGIONS, '--auto-approve']).status).toBe(0)
    // From the stacks alone: no spec, no sizing flags.
    const refused = ws.run(['destroy', '--auto-approve'])
    expect(refused.status).toBe(4)
    expect(refused.stderr).toContain('Error: the plan would destroy')
    const seen = ws.readCalls().length
    const destroyed = ws.json(['destroy', '--auto-approve', '--allow-data-loss'])
    expect(destroyed.status).toBe(0)
    expect(statuses(destroyed.report)).toEqual({
      'shop-us-east-1': 'destroyed',
      'shop-eu-west-1': 'destroyed',
      'shop-ap-southeast-1': 'destroyed',
    })
    // Per stack: lift the protections the reviewed plan met (only those resources), plan the
    // destroy again against that state, apply it. Replica regions go first.
    const sequence = (stack: string) =>
      ws
        .readCalls()
        .slice(seen)
        .filter((c) => ws.stackOf(c) === stack && ['plan', 'apply'].includes(c.argv[1]!))
        .slice(1) // the destroy plan reviewed before anything ran
        .map((c) => [
          c.argv[1],
          ...c.argv.filter((a) => a === '-destroy' || a.startsWith('-var=') || a.startsWith('-target=')),
        ])
    expect(sequence('shop-us-east-1')).toEqual([
      [
        'plan',
        '-var=allow_destroy=true',
        '-target=aws_db_instance.Database_Primary',
        '-target=aws_s3_bucket.EdgeLogs_Bucket',
        '-target=aws_s3_bucket.Logs_Bucket',
        '-target=aws_s3_bucket.StaticSite_Bucket',
      ],
      ['apply'],
      ['plan', '-destroy', '-var=allow_destroy=true'],
      ['apply'],
    ])
    expect(sequence('shop-eu-west-1')).toEqual([
      ['plan', '-var=allow_destroy=true', '-target=aws_s3_bucket.Logs_Bucket'],
      ['apply'],
      ['plan', '-destroy', '-var=allow_destroy=true'],
      ['apply'],
    ])
    const lastApply = (stack: string) =>
      ws
        .callsOf('apply')
        .filter((c) => ws.stackOf(c) === stack)
        .at(-1)!
    const firstLift = ws
      .callsOf('plan')
      .filter((c) => ws.stackOf(c) === 'shop-us-east-1')
      .at(-2)!
    for (const replica of ['shop-eu-west-1', 'shop-ap-southeast-1'])
      expect(firstLift.start).toBeGreaterThanOrEqual(lastApply(replica).end)
  })

  it('a destroy that skips lifting the protections is refused, as AWS refuses it', () => {
    const ws = workspace()
    expect(ws.run(['apply', ...THREE_REGIONS, '--auto-approve']).status).toBe(0)
    const stack = join(ws.dir, 'cdktf.out/stacks/shop-us-east-1')
    const tf = (...args: string[]) =>
      spawnSync(join(STAND_IN_DIR, 'terraform'), [`-chdir=${stack}`, ...args], {encoding: 'utf8'})
    expect(tf('plan', '-input=false', '-destroy', '-out=bare.tfplan').status).toBe(0)
    const bare = tf('apply', '-input=false', 'bare.tfplan')
    expect(bare.status).toBe(1)
    expect(bare.stderr).toContain('deletion_protection is on')
  })
})

describe('the stand-in keeps the saved-plan contract', () => {
  it('refuses a stale plan after the state changed', () => {
    const ws = workspace()
    expect(ws.run(['plan', '--users', '50']).status).toBe(0)
    const stack = join(ws.dir, 'cdktf.out/stacks/app-us-east-1')
    const tf = (...args: string[]) =>
      spawnSync(join(STAND_IN_DIR, 'terraform'), [`-chdir=${stack}`, ...args], {encoding: 'utf8'})
    // Another run plans and applies meanwhile, so the saved tfplan no longer matches the state.
    expect(tf('plan', '-input=false', '-out=other.tfplan').status).toBe(0)
    expect(tf('apply', '-input=false', 'other.tfplan').status).toBe(0)
    const stale = tf('apply', '-input=false', '-json', 'tfplan')
    expect(stale.status).toBe(1)
    expect(stale.stdout).toContain('"summary":"Saved plan is stale"')
  })
})

describe('at a terminal', () => {
  it('shows the plan and applies only after a yes', () => {
    const ws = workspace()
    const declined = runInPty(['apply', ...THREE_REGIONS], [{expect: 'Apply these plans\\?', send: 'n\r'}], {
      cwd: ws.dir,
      env: ws.env(),
    })
    expect(declined.error).toBeNull()
    expect(declined.exitCode).toBe(4)
    expect(declined.output).toMatch(/shop-eu-west-1 +\d+ to create/)
    expect(ws.callsOf('apply')).toEqual([])

    const accepted = runInPty(['apply', ...THREE_REGIONS], [{expect: 'Apply these plans\\?', send: 'y\r'}], {
      cwd: ws.dir,
      env: ws.env(),
    })
    expect(accepted.error).toBeNull()
    expect(accepted.exitCode).toBe(0)
    expect(accepted.output).toMatch(/shop-us-east-1 +applied/)
    expect(ws.callsOf('apply')).toHaveLength(3)
  })

  it('Ctrl-C at the confirmation exits 130 and applies nothing', () => {
    const ws = workspace()
    const result = runInPty(['apply', ...THREE_REGIONS], [{expect: 'Apply these plans\\?', send: '\u0003'}], {
      cwd: ws.dir,
      env: ws.env(),
    })
    expect(result.error).toBeNull()
    expect(result.exitCode).toBe(130)
    expect(ws.callsOf('apply')).toEqual([])
  })

  it('destroys only when the project name is typed', () => {
    const ws = workspace()
    expect(ws.run(['apply', ...THREE_REGIONS, '--auto-approve']).status).toBe(0)
    const wrong = runInPty(['destroy'], [{expect: 'Type the project name \\(shop\\)', send: 'shp\r'}], {
      cwd: ws.dir,
      env: ws.env(),
    })
    expect(wrong.exitCode).toBe(4)
    expect(ws.callsOf('apply')).toHaveLength(3)
    const right = runInPty(['destroy'], [{expect: 'Type the project name \\(shop\\)', send: 'shop\r'}], {
      cwd: ws.dir,
      env: ws.env(),
    })
    expect(right.error).toBeNull()
    expect(right.exitCode).toBe(0)
    // Per stack: the apply that lifts its protections, then the destroy.
    expect(ws.callsOf('apply')).toHaveLength(9)
  })
})

describe('scaleplan diff --plan', () => {
  it('adds the per-stack plan summaries from `scaleplan plan --json`', () => {
    const ws = workspace()
    const base = join(ws.dir, 'base.yaml')
    const head = join(ws.dir, 'head.yaml')
    writeFileSync(base, 'name: shop\nusers: 1000\nregions: [us-east-1]\n')
    writeFileSync(head, 'name: shop\nusers: 1000\nregions: [us-east-1, eu-west-1]\n')
    const plan = ws.run(['plan', '--spec', head, '--json'])
    expect(plan.status).toBe(0)
    writeFileSync(join(ws.dir, 'plan.json'), plan.stdout)

    const markdown = ws.run(['diff', base, head, '--plan', 'plan.json'])
    expect(markdown.status).toBe(2)
    expect(markdown.stdout).toContain('| Terraform plan | status | create | update | replace | destroy |')
    expect(markdown.stdout).toMatch(/^\| shop-eu-west-1 \| planned \| \d+ \| 0 \| 0 \| 0 \|$/m)
    expect(markdown.stdout).toContain('**Inputs changed:** `regions` us-east-1 → us-east-1, eu-west-1; ')
    const json = ws.json(['diff', base, head, '--plan', 'plan.json'])
    expect(json.report.plans.map((s: {name: string}) => s.name)).toEqual(['shop-us-east-1', 'shop-eu-west-1'])

    const wrong = ws.run(['diff', base, head, '--plan', 'head.yaml'])
    expect(wrong.status).toBe(1)
    expect(wrong.stderr.trim()).toBe(
      'Error: --plan: cannot read "head.yaml": not JSON; expected the output of `scaleplan plan --json`',
    )
  })
})

describe("Terraform's own words when a call fails", () => {
  it("shows the error block of plain output (init) under the stack's line, and logs the call in order", () => {
    const ws = workspace()
    const result = ws.run(['plan', '--name', 'shop', '--users', '1000'], {FAKE_TF_FAIL: 'init@us-east-1'})
    expect(result.status).toBe(3)
    const lines = result.stderr.split('\n')
    const at = lines.findIndex((line) => line.startsWith('Error: shop-us-east-1: terraform init failed (exit 1)'))
    expect(lines[at]).toBe(
      'Error: shop-us-east-1: terraform init failed (exit 1): Failed to query available provider packages',
    )
    // The cause is on the screen, indented under the error, not only in the log.
    expect(lines.slice(at + 1, at + 3)).toEqual([
      '  Could not retrieve the list of available versions for provider hashicorp/aws:',
      '  could not connect to registry.terraform.io: failed to request discovery',
    ])
    expect(lines.find((line) => line.includes('(full log:'))).toBe(
      '  (full log: cdktf.out/stacks/shop-us-east-1/scaleplan.log)',
    )
    // The log reads as the terminal would: the command, its output, then its error block.
    const log = readFileSync(join(ws.dir, 'cdktf.out/stacks/shop-us-east-1/scaleplan.log'), 'utf8')
    const order = [
      '$ terraform -chdir=',
      'init -input=false -no-color',
      'Initializing provider plugins...',
      'Error: Failed to query',
      '# exit 1',
    ]
    const positions = order.map((text) => log.indexOf(text))
    expect(positions.every((position) => position >= 0)).toBe(true)
    expect([...positions].sort((a, b) => a - b)).toEqual(positions)
  })

  it('shows the summary and detail of -json diagnostics (apply), and keeps them in --json', () => {
    const ws = workspace()
    const {status, report} = ws.json(['apply', '--name', 'shop', '--users', '1000', '--auto-approve'], {
      FAKE_TF_FAIL: 'apply@us-east-1',
    })
    expect(status).toBe(3)
    const [stack] = report.stacks
    expect(stack.error).toMatch(/^terraform apply failed \(exit 1\): creating resource: operation error/)
    expect(stack.detail.length).toBeGreaterThan(0)
    const text = ws.run(['apply', '--name', 'shop', '--users', '1000', '--auto-approve'], {
      FAKE_TF_FAIL: 'apply@us-east-1',
    })
    expect(text.stderr).toContain(`  ${stack.detail[0]}`)
  })
})

describe('scaleplan apply --saved', () => {
  it('applies exactly the plans `plan` saved, without planning again', () => {
    const ws = workspace()
    writeFileSync(join(ws.dir, 'scaleplan.yaml'), 'name: shop\nusers: 1000\nregions: [us-east-1, eu-west-1]\n')
    expect(ws.run(['plan']).status).toBe(0)
    const plans = ws.callsOf('plan').length
    const {status, report} = ws.json(['apply', '--saved', '--auto-approve'])
    expect(status).toBe(0)
    expect(statuses(report)).toEqual({'shop-us-east-1': 'applied', 'shop-eu-west-1': 'applied'})
    expect(ws.callsOf('plan')).toHaveLength(plans)
    expect(ws.callsOf('apply').map((call) => call.argv.at(-1))).toEqual(['tfplan', 'tfplan'])
  })

  it('refuses plans made for another spec than the one here, and plans that went stale', () => {
    const ws = workspace()
    const spec = join(ws.dir, 'scaleplan.yaml')
    writeFileSync(spec, 'name: shop\nusers: 1000\n')
    expect(ws.run(['plan']).status).toBe(0)
    writeFileSync(spec, 'name: shop\nusers: 2000000\n')
    const changed = ws.run(['apply', '--saved', '--auto-approve'])
    expect(changed.status).toBe(4)
    expect(changed.stderr).toContain('were made for another spec than scaleplan.yaml')
    expect(ws.callsOf('apply')).toEqual([])

    // Same spec, but the state moved since the plan (another apply): Terraform refuses, exit 3.
    writeFileSync(spec, 'name: shop\nusers: 1000\n')
    expect(ws.run(['plan']).status).toBe(0)
    const stack = join(ws.dir, 'cdktf.out/stacks/shop-us-east-1')
    const tf = (...args: string[]) =>
      spawnSync(join(STAND_IN_DIR, 'terraform'), [`-chdir=${stack}`, ...args], {encoding: 'utf8'})
    expect(tf('plan', '-input=false', '-out=other.tfplan').status).toBe(0)
    expect(tf('apply', '-input=false', 'other.tfplan').status).toBe(0)
    const stale = ws.run(['apply', '--saved', '--auto-approve'])
    expect(stale.status).toBe(3)
    expect(stale.stderr).toContain('Saved plan is stale')
  })

  it('fails naming what to run when there is no saved plan', () => {
    const ws = workspace()
    expect(ws.run(['synth', '--users', '1000']).status).toBe(0)
    const result = ws.run(['apply', '--saved', '--auto-approve'])
    expect(result.status).toBe(3)
    expect(result.stderr).toContain('no saved plan (tfplan)')
  })
})
