/**
 * Faults an SRE meets in CI, end to end: the built CLI, real signals, real file systems, and the
 * stand-in terraform following Terraform's documented behaviour on interrupts (one interrupt: stop
 * after the resources in progress and write the state; two: exit at once).
 */
import {describe, expect, it, jest} from '@jest/globals'
import {spawnSync} from 'node:child_process'
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import {join} from 'node:path'

import {BIN, ROOT} from '../helpers/cli.js'
import {alive, terraformWorkspace, watch} from '../helpers/terraform-workspace.js'

// Whole runs of the CLI, some waiting out a timeout: far more than jest's default of 5 s.
jest.setTimeout(60_000)

const STATE = 'cdktf.out/stacks/app-us-east-1/terraform.app-us-east-1.tfstate'
const resourcesIn = (file: string) =>
  (JSON.parse(readFileSync(file, 'utf8')) as {resources: unknown[]}).resources.length

/** Every file under `dir` with its content: what "the old output is intact" compares. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {}
  const walk = (relative: string) => {
    for (const name of readdirSync(join(dir, relative))) {
      const rel = join(relative, name)
      if (lstatSync(join(dir, rel)).isDirectory()) walk(rel)
      else files[rel] = readFileSync(join(dir, rel), 'utf8')
    }
  }

  walk('')
  return files
}

describe('a signal during apply', () => {
  it.each<[NodeJS.Signals, number]>([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ])(
    '%s is forwarded once as an interrupt; terraform writes its state; scaleplan exits %d with the outcome',
    async (signal, code) => {
      const ws = terraformWorkspace()
      const cli = watch(ws.spawn(['apply', '--users', '1000', '--auto-approve'], {FAKE_TF_APPLY_MS: '3000'}))
      // Mid-apply: the first resource is done, many are still to come.
      await cli.until(/Creation complete/)
      process.kill(cli.pid, signal)
      const exit = await cli.exited
      expect(exit).toEqual({code, signal: null})
      const [apply] = ws.callsOf('apply')
      // Terraform heard exactly one interrupt, stopped after the resource in progress, and said so.
      expect(apply!.signals).toEqual(['SIGINT'])
      expect(apply!.exit).toBe(1)
      const saved = resourcesIn(join(ws.dir, STATE))
      expect(saved).toBeGreaterThan(0)
      const {stdout, stderr} = cli.output()
      expect(stderr).toContain(
        `Warning: ${signal}: asked 1 running terraform process(es) to stop cleanly and write their state`,
      )
      expect(stdout).toMatch(/app-us-east-1 +failed/)
      expect(alive(apply!.pid)).toBe(false)
    },
  )

  it('a second SIGTERM stops waiting: terraform is told to exit at once, and nothing is left running', async () => {
    const ws = terraformWorkspace()
    // An apply stuck on a provider that never answers: the first interrupt does not end it.
    const cli = watch(ws.spawn(['apply', '--users', '1000', '--auto-approve'], {FAKE_TF_HANG: 'apply'}))
    await waitFor(() => ws.starts().some((call) => call.argv.includes('apply')))
    process.kill(cli.pid, 'SIGTERM')
    await cli.until(/Send SIGTERM again to stop waiting/)
    // Terraform must have heard the first interrupt before the second is sent: two SIGINTs that
    // reach a process not yet scheduled are one pending signal (the kernel does not count them).
    const log = join(ws.dir, 'cdktf.out/stacks/app-us-east-1/scaleplan.log')
    await waitFor(() => existsSync(log) && readFileSync(log, 'utf8').includes('Interrupt received'))
    process.kill(cli.pid, 'SIGTERM')
    expect(await cli.exited).toEqual({code: 143, signal: null})
    const [apply] = ws.callsOf('apply')
    expect(apply!.signals).toEqual(['SIGINT', 'SIGINT'])
    expect(cli.output().stderr).toContain('second SIGTERM: telling terraform to stop at once')
    for (const {pid: started} of ws.starts()) expect(alive(started)).toBe(false)
  })
})

describe('a hung terraform', () => {
  it('is interrupted at --terraform-timeout, told again, and stops: the stack fails, naming the timeout; no orphan', async () => {
    const ws = terraformWorkspace()
    const regions = ['--regions', 'us-east-1,eu-west-1']
    // Long enough for the stand-in (a node script) to have its interrupt handler in place on a
    // loaded machine before the timeout interrupts it: it must hear that interrupt, not die of it.
    const result = ws.run(
      ['apply', '--users', '1000', ...regions, '--auto-approve', '--terraform-timeout', '5s', '--json'],
      {
        FAKE_TF_HANG: 'apply@eu-west-1',
      },
    )
    expect(result.status).toBe(3)
    const report = JSON.parse(result.stdout) as {stacks: {name: string; status: string; error?: string}[]}
    expect(report.stacks.map((s) => [s.name, s.status])).toEqual([
      ['app-us-east-1', 'applied'],
      ['app-eu-west-1', 'failed'],
    ])
    expect(report.stacks[1]!.error).toMatch(
      /^terraform apply took longer than 5s \(--terraform-timeout\): it was interrupted and stopped/,
    )
    const hung = ws.callsOf('apply').find((c) => c.cwd.endsWith('app-eu-west-1'))!
    expect(hung.signals).toEqual(['SIGINT', 'SIGINT'])
    for (const {pid} of ws.starts()) expect(alive(pid)).toBe(false)
  })

  it('refuses a timeout that is not a duration, naming the variable it came from', () => {
    const ws = terraformWorkspace()
    const result = ws.run(['plan', '--users', '1000'], {SCALEPLAN_TERRAFORM_TIMEOUT: 'soon'})
    expect(result.status).toBe(2)
    expect(result.stderr).toBe(
      'Error: SCALEPLAN_TERRAFORM_TIMEOUT: expected a duration from 1s to 48h like 90m, 2h or 1h30m, or 0 for no limit, got "soon"\n',
    )
    expect(existsSync(join(ws.dir, 'cdktf.out'))).toBe(false)
  })
})

describe("Terraform's output, read with bounds and checked", () => {
  it('a 100 MB line of output costs a few MB, not hundreds', () => {
    const ws = terraformWorkspace()
    const peak = (extra: Record<string, string>) => {
      const timed = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, BIN, 'plan', '--users', '1000'], {
        cwd: ws.dir,
        env: {...process.env, ...ws.env(extra), NODE_OPTIONS: ''},
        encoding: 'utf8',
        maxBuffer: 64 * 2 ** 20,
      })
      expect(timed.status).toBe(0)
      return Number(timed.stderr.trim().split('\n').at(-1)) / 1024
    }

    const baseline = peak({})
    const withLine = peak({FAKE_TF_LONG_LINE: '100@plan'})
    // Measured as a difference against the same run without the line, in the same test.
    expect(withLine - baseline).toBeLessThan(32)
  })

  it.each([
    [
      'null-diagnostic@plan',
      'terraform plan printed output scaleplan cannot read: a "diagnostic" message in an unexpected shape',
    ],
    [
      'string-actions@show',
      'terraform show printed output scaleplan cannot read: the plan JSON is not in the documented shape',
    ],
  ])('%s fails the stack, naming the call', (malformed, message) => {
    const ws = terraformWorkspace()
    const result = ws.run(['plan', '--users', '1000', '--json'], {FAKE_TF_MALFORMED: malformed})
    expect(result.status).toBe(3)
    const report = JSON.parse(result.stdout) as {stacks: {status: string; error: string}[]}
    expect(report.stacks[0]).toMatchObject({status: 'failed'})
    expect(report.stacks[0]!.error).toContain(message)
  })
})

describe('output stays inside the output directory', () => {
  it('refuses a manifest whose working directory leaves it, before terraform runs anywhere', () => {
    const ws = terraformWorkspace()
    expect(ws.run(['synth', '--users', '1000']).status).toBe(0)
    const manifest = join(ws.dir, 'cdktf.out/manifest.json')
    const edited = readFileSync(manifest, 'utf8').replace('"stacks/app-us-east-1"', '"../../../etc"')
    writeFileSync(manifest, edited)
    const result = ws.run(['output'])
    expect(result.status).toBe(2)
    expect(result.stderr).toMatch(
      /^Error: --out-dir: ".*manifest\.json": stack app-us-east-1 runs in "\.\.\/\.\.\/\.\.\/etc", not stacks\/app-us-east-1/,
    )
    expect(ws.calls()).toEqual([])
  })
})

describe('synth output is replaced whole', () => {
  /** A spec that takes a second or two to synthesize: time to interrupt it mid-way. */
  const SLOW = ['--users', '20M', '--regions', 'us-east-1,eu-west-1,ap-southeast-1', '--stage', '7']
  const services = ['--services', Array.from({length: 60}, (_, i) => `svc${i}`).join(',')]

  it.each(['SIGTERM', 'SIGKILL'] as const)(
    'interrupted by %s, it leaves the old output byte for byte; the next run cleans up',
    async (signal) => {
      const ws = terraformWorkspace('scaleplan-synth-signal-')
      expect(ws.run(['synth', '--users', '1000']).status).toBe(0)
      const out = join(ws.dir, 'cdktf.out')
      writeFileSync(join(out, 'stacks/app-us-east-1/terraform.app-us-east-1.tfstate'), '{"serial": 3}')
      const before = snapshot(out)
      const cli = watch(ws.spawn(['synth', ...SLOW, ...services]))
      await waitFor(() => readdirSync(ws.dir).some((name) => name.startsWith('.cdktf.out.tmp-')))
      process.kill(cli.pid, signal)
      // The process dies of the signal, as the shell reports it (143 for SIGTERM).
      expect(await cli.exited).toEqual({code: null, signal})
      expect(snapshot(out)).toEqual(before)
      const leftovers = readdirSync(ws.dir).filter((name) => name.startsWith('.cdktf.out.'))
      expect(leftovers.length).toBe(signal === 'SIGKILL' ? 1 : 0)
      expect(ws.run(['synth', '--users', '1000']).status).toBe(0)
      expect(readdirSync(ws.dir).filter((name) => name.startsWith('.cdktf.out.'))).toEqual([])
      expect(snapshot(out)['stacks/app-us-east-1/terraform.app-us-east-1.tfstate']).toBe('{"serial": 3}')
    },
  )

  it('never writes through a symbolic link in --out-dir: refused, or replaced with --force', () => {
    const ws = terraformWorkspace('scaleplan-synth-links-')
    expect(ws.run(['synth', '--users', '1000']).status).toBe(0)
    const target = join(ws.dir, 'precious.txt')
    writeFileSync(target, 'precious')
    const stackFile = join(ws.dir, 'cdktf.out/stacks/app-us-east-1/cdk.tf.json')
    rmSync(stackFile)
    symlinkSync(target, stackFile)
    const refused = ws.run(['synth', '--users', '2000'])
    expect(refused.status).toBe(2)
    expect(refused.stderr).toBe(
      'Error: --out-dir: "cdktf.out": it holds symbolic links where scaleplan writes (stacks/app-us-east-1/cdk.tf.json), ' +
        'which scaleplan never writes through. Choose another directory, or pass --force to write the output there ' +
        'anyway (links are replaced, not followed; other files are kept)\n',
    )
    expect(ws.run(['synth', '--users', '2000', '--force']).status).toBe(0)
    expect(readFileSync(target, 'utf8')).toBe('precious')
    expect(lstatSync(stackFile).isFile()).toBe(true)
  })
})

describe('file system faults are bad input, naming --out-dir and what is wrong', () => {
  const unshare = spawnSync('unshare', ['-rm', 'true']).status === 0

  /** Runs `script` as root of a private mount namespace, so it may mount a tmpfs; the CLI is $SCALEPLAN. */
  function inNamespace(dir: string, script: string) {
    return spawnSync('unshare', ['-rm', 'sh', '-ec', script], {
      cwd: dir,
      encoding: 'utf8',
      env: {...process.env, NODE_OPTIONS: '', SCALEPLAN: `${process.execPath} ${BIN}`},
    })
  }

  ;(unshare ? it : it.skip)('out of space (a 1 MiB tmpfs): exit 2, ENOSPC named, the old output intact', () => {
    const ws = terraformWorkspace('scaleplan-enospc-')
    const script = `
      mkdir -p small && mount -t tmpfs -o size=1m tmpfs small
      $SCALEPLAN synth --users 1000 --out-dir small/out > /dev/null 2>&1
      cd small && find out -type f | sort | xargs md5sum > ../before.txt && cd ..
      set +e
      $SCALEPLAN synth --users 20M --stage 7 --regions us-east-1,eu-west-1,ap-southeast-1 \\
        --services ${Array.from({length: 40}, (_, i) => `svc${i}`).join(',')} --out-dir small/out 2> ../err.txt
      echo $? > ../status.txt
      set -e
      cd small && find out -type f | sort | xargs md5sum > ../after.txt && ls -a > ../beside.txt`
    const result = inNamespace(join(ws.dir), script.replaceAll('../', `${ws.dir}/`))
    expect(result.stderr).toBe('')
    expect(readFileSync(join(ws.dir, 'status.txt'), 'utf8').trim()).toBe('2')
    expect(readFileSync(join(ws.dir, 'err.txt'), 'utf8')).toMatch(
      /^Error: --out-dir: cannot write "small\/out.*": no space left on the device \(ENOSPC\)\n$/,
    )
    expect(readFileSync(join(ws.dir, 'after.txt'), 'utf8')).toBe(readFileSync(join(ws.dir, 'before.txt'), 'utf8'))
    expect(readFileSync(join(ws.dir, 'beside.txt'), 'utf8').split('\n').filter(Boolean).sort()).toEqual([
      '.',
      '..',
      'out',
    ])
  })

  ;(unshare ? it : it.skip)('a read-only file system: exit 2, EROFS named', () => {
    const ws = terraformWorkspace('scaleplan-erofs-')
    const result = inNamespace(
      ws.dir,
      'mkdir -p ro && mount -t tmpfs -o ro tmpfs ro && set +e; $SCALEPLAN synth --users 1000 --out-dir ro/out; echo "status=$?"',
    )
    expect(result.stdout).toBe('status=2\n')
    expect(result.stderr).toBe(
      'Error: --out-dir: cannot create a directory beside "ro/out": the file system is read-only (EROFS)\n',
    )
  })

  // Root reads and writes anything: the CLI runs as nobody then, as it would on a CI runner's user.
  const asNobody = process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : []
  // Nobody must reach the package to run it: a checkout inside a private directory (mktemp -d
  // makes them 0700) cannot be run as nobody at all, and the case cannot be set up there.
  const reach = [...asNobody, process.execPath, '-e', `require('node:fs').accessSync(${JSON.stringify(BIN)})`]
  const runsAsNobody = spawnSync(reach[0]!, reach.slice(1)).status === 0

  ;(runsAsNobody ? it : it.skip)('permission denied: exit 2, EACCES named', () => {
    const ws = terraformWorkspace('scaleplan-eacces-')
    const locked = join(ws.dir, 'locked')
    mkdirSync(locked, {mode: 0o555})
    chmodSync(ws.dir, 0o755)
    const command = [...asNobody, process.execPath, BIN, 'synth', '--users', '1000', '--out-dir', join(locked, 'out')]
    const result = spawnSync(command[0]!, command.slice(1), {
      cwd: ROOT,
      encoding: 'utf8',
      // oclif keeps its cache under HOME; nobody's is a place nobody may read.
      env: {...process.env, NODE_OPTIONS: '', HOME: locked},
    })
    expect(result.status).toBe(2)
    expect(result.stderr).toBe(
      `Error: --out-dir: cannot create a directory beside "${join(locked, 'out')}": permission denied (EACCES)\n`,
    )
  })

  it.each([
    [['--out-dir', ''], 'Error: --out-dir: empty; give the directory to write, like cdktf.out'],
    [['--out-dir', 'a-file'], 'Error: --out-dir: "a-file" is a file, not a directory'],
    [['--out-dir', 'a-file/out'], /^Error: --out-dir: cannot create "a-file\/out": ".*\/a-file" is not a directory$/],
    [
      ['--out-dir', '/proc/scaleplan'],
      'Error: --out-dir: cannot create a directory beside "/proc/scaleplan": no such file or directory (ENOENT)',
    ],
    [
      ['--out-dir', 'x'.repeat(300)],
      /^Error: --out-dir: cannot read "x{80}…x{60}": the path is too long for the file system \(ENAMETOOLONG\)$/,
    ],
  ])('--out-dir %j', (args, message) => {
    const ws = terraformWorkspace('scaleplan-out-')
    writeFileSync(join(ws.dir, 'a-file'), 'mine')
    const result = ws.run(['synth', '--users', '1000', ...(args as string[])])
    expect(result.status).toBe(2)
    expect(result.stderr.trimEnd()).toMatch(typeof message === 'string' ? new RegExp(`^${escape(message)}$`) : message)
    expect(readdirSync(ws.dir).sort()).toEqual(['a-file'])
  })
})

const escape = (text: string) => text.replaceAll(/[.*+?^${}()|[\]\\/]/g, '\\$&')

async function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const started = Date.now()
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
