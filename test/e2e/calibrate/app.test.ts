/**
 * `calibrate app` through the built CLI against an HTTP app whose capacity is known by
 * construction (test/e2e/calibrate/fixtures/queue-app.mjs): the measured capacity must land within
 * 25% of it.
 */
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {runCli} from '../../helpers/cli.js'
import {KEY, runInPty} from '../../helpers/pty.js'
import {startCli} from './helpers/background-cli.js'
import {startQueueApp, type QueueApp} from './helpers/queue-app.mjs'

const FAST = ['--duration', '2s', '--warmup', '1s']

/** `scaleplan calibrate app --url <url> ...args`. */
const calibrateArgs = (url: string, ...args: string[]) => ['calibrate', 'app', '--url', url, ...args]
const calibrate = (url: string, ...args: string[]) => runCli(calibrateArgs(url, ...args))

function thresholds(stdout: string): Record<string, {value: number; lowerBound: boolean}> {
  const json = JSON.parse(stdout) as {thresholds: {name: string; value: number; lowerBound: boolean}[]}
  return Object.fromEntries(json.thresholds.map((t) => [t.name, t]))
}

describe('calibrate app (a loopback app of known capacity)', () => {
  const apps: QueueApp[] = []
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.stop()))
  })

  /** A queue app, stopped after the suite. */
  async function queueApp(options: Parameters<typeof startQueueApp>[0]): Promise<QueueApp> {
    const app = await startQueueApp(options)
    apps.push(app)
    return app
  }

  test('one worker at 5 ms a request: 200 req/s measured within 25%', async () => {
    const app = await queueApp({workers: 1, serviceMs: 5})
    const result = calibrate(app.url, '--vcpus', '1', ...FAST, '--yes', '--json')
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
    const json = JSON.parse(result.stdout)
    const capacity = json.sweeps[0].capacity
    expect(capacity.lowerBound).toBe(false)
    expect(capacity.rate / app.capacity).toBeGreaterThan(0.75)
    expect(capacity.rate / app.capacity).toBeLessThan(1.25)
    // 1 vCPU measured: the 2-vCPU app server and the 2-vCPU service task each get twice the rate.
    const t = thresholds(result.stdout)
    expect(t.appServerRps!.value).toBeCloseTo(capacity.rate * 2, 6)
    expect(t.serviceTaskRps!.value).toBeCloseTo(capacity.rate * 2, 6)
    // 1,000 bytes of body plus the response headers: a note on --response-size, not a threshold.
    expect(Object.keys(t).sort()).toEqual(['appServerRps', 'serviceTaskRps'])
    const bytes = /responses averaged ([\d.]+) KB on the wire/.exec(json.warnings.join('\n'))
    expect(Number(bytes?.[1])).toBeGreaterThan(1.0)
    expect(Number(bytes?.[1])).toBeLessThan(1.3)
    // Every step is listed, with concurrency doubling from 1.
    expect(json.sweeps[0].steps.map((s: {concurrency: number}) => s.concurrency)).toEqual(
      [1, 2, 4, 8, 16, 32].slice(0, json.sweeps[0].steps.length),
    )
  }, 60_000)

  test('two workers at 10 ms on 2 vCPUs: 100 req/s per vCPU, within 25%', async () => {
    const app = await queueApp({workers: 2, serviceMs: 10})
    const result = calibrate(`${app.url}/products`, '--instance-class', 'm7g.large', ...FAST, '--yes', '--json')
    expect(result.status).toBe(0)
    const t = thresholds(result.stdout)
    expect(t.appServerRps!.value / app.capacity).toBeGreaterThan(0.75)
    expect(t.appServerRps!.value / app.capacity).toBeLessThan(1.25)
    // A service task has the app server's two vCPUs: the same rate.
    expect(t.serviceTaskRps!.value / app.capacity).toBeGreaterThan(0.75)
    expect(t.serviceTaskRps!.value / app.capacity).toBeLessThan(1.25)
  }, 60_000)

  test('the latency target decides: a 30 ms target stops where queueing passes it', async () => {
    const app = await queueApp({workers: 1, serviceMs: 10})
    const result = calibrate(app.url, '--vcpus', '1', '--p99', '30ms', ...FAST, '--yes', '--json')
    expect(result.status).toBe(0)
    const sweep = JSON.parse(result.stdout).sweeps[0]
    // With c clients queued on one 10 ms worker, latency is about c x 10 ms: 4 clients miss 30 ms.
    expect(sweep.stoppedBecause).toBe('latency')
    expect(sweep.steps.at(-1).passed).toBe(false)
    expect(sweep.capacity.concurrency).toBeLessThanOrEqual(2)
    expect(sweep.capacity.p99Ms).toBeLessThan(30)
  }, 60_000)

  test('--max-rate bounds the load and makes the result a lower bound', async () => {
    const app = await queueApp({workers: 4, serviceMs: 5})
    const result = calibrate(app.url, '--vcpus', '1', '--max-rate', '100', ...FAST, '--yes', '--json')
    expect(result.status).toBe(0)
    const sweep = JSON.parse(result.stdout).sweeps[0]
    expect(sweep.stoppedBecause).toBe('max-rate')
    expect(sweep.capacity.lowerBound).toBe(true)
    for (const step of sweep.steps) expect(step.throughput).toBeLessThanOrEqual(110)
  }, 60_000)

  test('--write-spec: the measured app capacity changes the stage recommend gives', async () => {
    const app = await queueApp({workers: 1, serviceMs: 20})
    const dir = mkdtempSync(join(tmpdir(), 'scaleplan-calibrate-'))
    const spec = join(dir, 'scaleplan.yaml')
    // 90k users at 50 requests a day, peak x2: 104 req/s. Past one server (60 at the 0.6 target utilisation),
    // under one app server (150).
    writeFileSync(spec, 'name: shop\nusers: 90k\n')
    const before = JSON.parse(runCli(['recommend', '--spec', spec, '--json']).stdout)
    expect(before.stage.number).toBe(2)

    // 50 req/s measured on 2 vCPUs: appServerRps 50 for the 2-vCPU m7g.large.
    const result = calibrate(app.url, '--vcpus', '2', ...FAST, '--yes', '--write-spec', spec)
    expect(result.status).toBe(0)
    expect(result.stderr).toContain(`Recorded appServerRps, serviceTaskRps in ${spec}`)
    expect(
      readFileSync(spec, 'utf8').startsWith(
        'name: shop\nusers: 90k\nthresholds:\n  # measured by scaleplan calibrate app on ',
      ),
    ).toBe(true)

    const after = runCli(['recommend', '--spec', spec])
    expect(after.status).toBe(0)
    expect(after.stdout).toMatch(/^shop: stage 3 of 7/)
    expect(after.stdout).toMatch(
      /stage 3 {2}peak 104\.2 req\/s exceeds the [\d.]+ req\/s one app server carries \(60% of its measured [\d.]+\) \(appServerRps measured \d{4}-\d{2}-\d{2} at p99 < 200 ms\)/,
    )
    expect(after.stdout).toContain('Measured thresholds (scaleplan calibrate)')
  }, 60_000)

  test('a path that does not answer 2xx is refused before any load', async () => {
    const app = await queueApp({workers: 1, serviceMs: 1})
    const result = calibrate(app.url, '--path', '/missing', '--vcpus', '1', '--yes')
    expect(result.status).toBe(2)
    expect(result.stderr).toBe(
      'Error: --path: GET /missing answered 404; calibration counts only 2xx responses as served, so give paths that answer 200\n',
    )
  })

  test('at a terminal it asks first: no sends nothing past the one check request; yes runs', async () => {
    const app = await queueApp({workers: 1, serviceMs: 1})
    const args = calibrateArgs(app.url, '--vcpus', '1', '--duration', '1s', '--warmup', '0', '--max-clients', '2')
    const declined = runInPty(args, [{expect: 'Send this load\\?', send: `n${KEY.enter}`}], {cwd: tmpdir()})
    expect(declined.error).toBeNull()
    expect(declined.exitCode).toBe(4)
    expect(declined.output).toContain('steps of 1, 2 concurrent clients')
    expect(declined.output).toContain('declined; no load was sent')
    expect(await app.served()).toBe(1)

    const accepted = runInPty(args, [{expect: 'Send this load\\?', send: `y${KEY.enter}`}], {cwd: tmpdir()})
    expect(accepted.error).toBeNull()
    expect(accepted.exitCode).toBe(0)
    expect(accepted.output).toMatch(/capacity at p99 < 200 ms: /)
    expect(await app.served()).toBeGreaterThan(100)
  }, 60_000)

  test('--json never asks: without --yes a usage error naming it, and no load', async () => {
    const app = await queueApp({workers: 1, serviceMs: 1})
    const result = calibrate(app.url, '--vcpus', '1', '--json')
    expect(result.status).toBe(2)
    expect(JSON.parse(result.stdout).error.problems).toEqual([
      '--yes: required to send load when --json is set; review the plan (--dry-run prints it) and add --yes',
    ])
    expect(await app.served()).toBe(1)
  })

  test('without --vcpus: a usage error naming it', () => {
    const result = calibrate('http://127.0.0.1:9/', '--yes')
    expect(result.status).toBe(2)
    expect(result.stderr).toContain('--vcpus: required')
  })

  test('credentials in the URL and header values never show', async () => {
    const app = await queueApp({workers: 1, serviceMs: 1})
    const url = app.url.replace('http://', 'http://deploy:hunter2-secret@')
    const result = calibrate(url, '--header', 'Authorization: Bearer token-xyz-123', '--vcpus', '1', '--dry-run')
    expect(result.status).toBe(0)
    expect(result.stderr).toContain('http://deploy:***@127.0.0.1')
    expect(result.stderr).toContain('with headers authorization')
    for (const secret of ['hunter2-secret', 'token-xyz-123'])
      expect(result.stdout + result.stderr).not.toContain(secret)
  })

  test.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)(
    '%s stops the load at once and exits %i',
    async (signal, exitCode) => {
      const app = await queueApp({workers: 1, serviceMs: 2})
      const run = startCli(calibrateArgs(app.url, '--vcpus', '1', '--duration', '30s', '--warmup', '0', '--yes'))
      await run.loadStarted(20_000)
      await new Promise((r) => setTimeout(r, 500))
      const {code, ms} = await run.stop(signal)
      expect(ms).toBeLessThan(3000)
      expect(code).toBe(exitCode)
      expect(run.stderr).toContain('Interrupted: stopping the load')
    },
    60_000,
  )
})
