/**
 * runProcess against real child processes (`node -e`): timeouts that interrupt and, failing that,
 * kill; output read in bounded pieces; Terraform's -json messages checked as they arrive.
 */
import {afterAll, describe, expect, it, jest} from '@jest/globals'
import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {MAX_LINE_BYTES, runProcess, runningProcesses, type RunOptions} from '../../src/terraform/process.js'

// Real child processes, two of them waiting out timeouts: far more than jest's 5 s on a shared machine.
jest.setTimeout(30_000)

const dir = mkdtempSync(join(tmpdir(), 'scaleplan-process-'))
afterAll(() => rmSync(dir, {recursive: true, force: true}))

let logs = 0
const start = (bin: string, args: string[], options: Partial<RunOptions>) => {
  const logFile = join(dir, `log-${logs++}.txt`)
  const result = runProcess(bin, args, {logFile, stdout: 'stream', ...options})
  return {result, log: () => readFileSync(logFile, 'utf8')}
}

const run = (script: string, options: Partial<RunOptions> = {}) => start(process.execPath, ['-e', script], options)
/**
 * A child that must trap SIGINT before a timeout fires: sh has its trap in place within a
 * millisecond of starting, where node may take a second to reach a handler on a loaded machine.
 * It waits in the `wait` builtin, which a trapped signal ends at once (POSIX), on a `sleep` that
 * a non-interactive shell starts with SIGINT ignored; the sleep leaves with the shell's group.
 */
const runShell = (script: string, options: Partial<RunOptions> = {}) => start('/bin/sh', ['-c', script], options)

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

describe('runProcess: timeouts', () => {
  it('interrupts a call past its timeout once; one that stops on it ends as a timed-out failure', async () => {
    const script = `trap 'kill $!; echo "interrupted, saving state" >&2; exit 1' INT; sleep 600 >/dev/null 2>&1 & wait`
    const {result, log} = runShell(script, {timeoutMs: 1000})
    const done = await result
    expect(done).toMatchObject({timedOut: true, exitCode: 1, signal: null})
    expect(done.stderr).toBe('interrupted, saving state')
    expect(log()).toContain('scaleplan: no result after 1s; interrupting terraform')
    expect(log()).not.toContain('interrupting it again')
  })

  it('interrupts a second time after the grace period, then kills a process that ignores both: no orphan', async () => {
    const script = `trap 'echo ignored' INT; echo $$; sleep 600 >/dev/null 2>&1 & while :; do wait; done`
    const {result} = runShell(script, {timeoutMs: 1000, killAfterMs: 200})
    const done = await result
    expect(done).toMatchObject({timedOut: true, signal: 'SIGKILL'})
    expect(done.stdout.split('\n').filter((line) => line === 'ignored')).toHaveLength(2)
    expect(alive(Number(done.stdout.split('\n')[0]))).toBe(false)
    expect(runningProcesses()).toEqual([])
  })
})

describe('runProcess: bounded output', () => {
  it('reads a 64 MB line in pieces, logs it cut, and keeps going', async () => {
    const script = `
      const chunk = 'x'.repeat(1 << 20)
      for (let i = 0; i < 64; i++) process.stdout.write(chunk)
      process.stdout.write('\\n' + JSON.stringify({'@level': 'info', '@message': 'after', type: 'log'}) + '\\n')`
    const messages: string[] = []
    const {result, log} = run(script, {onMessage: (m) => messages.push(m['@message'])})
    const done = await result
    expect(done.protocolError).toBeUndefined()
    expect(messages).toEqual(['after'])
    expect(log()).toContain(`…[${(64 * 2 ** 20 - MAX_LINE_BYTES).toLocaleString('en-US')} more bytes cut]`)
    expect(log().length).toBeLessThan(2 * MAX_LINE_BYTES)
    expect(done.stdout.length).toBeLessThan(128 * 1024)
  })

  it('fails a message longer than a message can be', async () => {
    const script = `process.stdout.write('{"@message": "' + 'x'.repeat(2 << 20) + '"}\\n')`
    const done = await run(script).result
    expect(done.protocolError?.message).toMatch(
      /^printed a message of 2,097,16\d bytes, more than the 1 MiB scaleplan reads$/,
    )
  })

  it('keeps a document whole, up to its bound', async () => {
    const done = await run(`process.stdout.write(JSON.stringify({a: 'y'.repeat(100000)}))`, {stdout: 'document'}).result
    expect(JSON.parse(done.stdout).a).toHaveLength(100000)
  })
})

describe('runProcess: the -json stream', () => {
  it('reads documented messages and fails a known type in the wrong shape, naming it, without stopping', async () => {
    const lines = [
      {'@level': 'info', '@message': 'Terraform 1.11.4', type: 'version', terraform: '1.11.4', ui: '1.2'},
      {'@level': 'warn', '@message': 'Warning: x', type: 'diagnostic', diagnostic: null},
      {
        '@level': 'info',
        '@message': 'Plan: 1 to add',
        type: 'change_summary',
        changes: {add: 1, change: 0, remove: 0, operation: 'plan'},
      },
    ]
    const script = lines.map((line) => `console.log(${JSON.stringify(JSON.stringify(line))})`).join(';')
    const types: string[] = []
    const done = await run(script, {onMessage: (m) => types.push(m.type)}).result
    expect(types).toEqual(['version', 'change_summary'])
    expect(done.protocolError?.message).toMatch(/^a "diagnostic" message in an unexpected shape \(diagnostic: /)
    expect(done.exitCode).toBe(0)
  })
})
