/** `calibrate cache` against a real Redis or Valkey on loopback, through the built CLI. */
import {Redis} from 'ioredis'

import {runCli} from '../../helpers/cli.js'
import {startCli} from './helpers/background-cli.js'
import {describeWithServer, redisBin, startRedis, type RunningServer} from './helpers/servers.js'

const bin = redisBin()

describeWithServer('Redis or Valkey', bin !== null)('calibrate cache (real Redis/Valkey on loopback)', () => {
  let server: RunningServer
  let client: Redis

  beforeAll(async () => {
    server = await startRedis(bin!)
    client = new Redis(server.url)
    // Keys that are not calibrate's: every run must leave them as they were.
    await client.set('session:42', 'alice')
    await client.set('scaleplan:calibrate:mine', 'not a scratch key')
  }, 30_000)

  afterAll(async () => {
    client?.disconnect()
    await server?.stop()
  })

  /** `scaleplan calibrate cache --url <the test server> ...args`. */
  const calibrateArgs = (...args: string[]) => ['calibrate', 'cache', '--url', server.url, ...args]

  test('measures GET/SET per step and deletes exactly its scratch keys', async () => {
    const result = runCli(
      calibrateArgs('--duration', '1.5s', '--warmup', '0.5s', '--keys', '5k', '--max-clients', '4', '--yes', '--json'),
    )
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
    expect(result.stdout).not.toContain(server.password)
    const json = JSON.parse(result.stdout)
    expect(json.target.url).toMatch(/^redis:\/\/:\*\*\*@127\.0\.0\.1:\d+$/)
    expect(json.target.server).toMatch(/^(redis|valkey) \d/)
    const [sweep] = json.sweeps
    expect(sweep.steps.length).toBeGreaterThan(0)
    for (const step of sweep.steps) {
      expect(step.operations).toBeGreaterThan(0)
      expect(step.latency.p50Ms).toBeLessThanOrEqual(step.latency.p99Ms)
    }

    expect(json.thresholds[0].name).toBe('cacheNodeOps')
    expect(json.thresholds[0].value).toBe(sweep.capacity.rate)
    expect(await client.dbsize()).toBe(2)
    expect(await client.get('session:42')).toBe('alice')
    expect(await client.get('scaleplan:calibrate:mine')).toBe('not a scratch key')
  }, 60_000)

  test('Ctrl-C deletes the scratch keys and exits 130', async () => {
    const run = startCli(calibrateArgs('--duration', '20s', '--warmup', '0', '--keys', '5k', '--yes'))
    await run.loadStarted(20_000)
    expect(await client.dbsize()).toBe(5002)
    const {code} = await run.stop('SIGINT')
    expect(code).toBe(130)
    expect(run.stderr).toContain('Deleted the 5,000 scratch keys.')
    expect(await client.dbsize()).toBe(2)
  }, 60_000)
})
