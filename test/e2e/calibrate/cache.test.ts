/** `calibrate cache` against a real Redis or Valkey on loopback, through the built CLI. */
import {spawn} from 'node:child_process'
import {Redis} from 'ioredis'

import {BIN, runCli} from '../../helpers/cli.js'
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

  test('measures GET/SET per step and deletes exactly its scratch keys', async () => {
    const result = runCli([
      'calibrate',
      'cache',
      '--url',
      server.url,
      '--duration',
      '1.5s',
      '--warmup',
      '0.5s',
      '--keys',
      '5k',
      '--max-clients',
      '4',
      '--yes',
      '--json',
    ])
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
    const child = spawn(
      process.execPath,
      [BIN, 'calibrate', 'cache', '--url', server.url, '--duration', '20s', '--warmup', '0', '--keys', '5k', '--yes'],
      {
        env: {...process.env, NODE_OPTIONS: ''},
      },
    )
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const deadline = Date.now() + 20_000
    while (!/ops\/s/.test(stdout) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
    expect(await client.dbsize()).toBe(5002)
    child.kill('SIGINT')
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)))
    expect(code).toBe(130)
    expect(stderr).toContain('Deleted the 5,000 scratch keys.')
    expect(await client.dbsize()).toBe(2)
  }, 60_000)
})
