/**
 * `calibrate database` against a real PostgreSQL on loopback, through the built CLI.
 */
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import pg from 'pg'

import {runCli} from '../../helpers/cli.js'
import {startCli} from './helpers/background-cli.js'
import {describeWithServer, postgresBin, startPostgres, type RunningServer} from './helpers/servers.js'

const bin = postgresBin()

/**
 * Short steps and a generous latency target: these tests check behaviour, not this machine's
 * numbers. (On a busy 2-core machine one scheduling stall in a 1-second window is enough for the
 * corrected p99 of sub-millisecond statements to pass 50 ms.)
 */
const FAST = ['--duration', '1.5s', '--warmup', '0.5s', '--size', '4MB', '--p99', '1s']

describeWithServer('PostgreSQL', bin !== null)('calibrate database (real PostgreSQL on loopback)', () => {
  let server: RunningServer
  let admin: pg.Client

  beforeAll(async () => {
    server = await startPostgres(bin!)
    admin = new pg.Client({connectionString: server.url})
    await admin.connect()
    // Something that is not calibrate's: it must come out of every run untouched.
    await admin.query(
      `CREATE SCHEMA IF NOT EXISTS shop; CREATE TABLE IF NOT EXISTS shop.orders (id int PRIMARY KEY, total int)`,
    )
    await admin.query(`INSERT INTO shop.orders SELECT g, g * 10 FROM generate_series(1, 1000) g ON CONFLICT DO NOTHING`)
  }, 60_000)

  afterAll(async () => {
    await admin?.end()
    await server?.stop()
  })

  async function scratchSchemas(): Promise<string[]> {
    const result = await admin.query<{nspname: string}>(
      `SELECT nspname FROM pg_namespace WHERE nspname LIKE 'scaleplan_calibrate_%'`,
    )
    return result.rows.map((r) => r.nspname)
  }

  async function shopChecksum(): Promise<string> {
    const result = await admin.query<{sum: string}>(`SELECT count(*) || ':' || sum(total) AS sum FROM shop.orders`)
    return result.rows[0]!.sum
  }

  function expectNoPassword(...texts: string[]): void {
    for (const text of texts) expect(text).not.toContain(server.password)
  }

  /** `scaleplan calibrate database --url <the test server> ...args`. */
  const calibrateArgs = (...args: string[]) => ['calibrate', 'database', '--url', server.url, ...args]
  const calibrate = (...args: string[]) => runCli(calibrateArgs(...args))

  test('measures a read and a write mix, per step, and drops its scratch schema', async () => {
    const before = await shopChecksum()
    const result = calibrate(...FAST, '--max-clients', '4', '--yes', '--json')
    expectNoPassword(result.stdout, result.stderr)
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
    const json = JSON.parse(result.stdout)
    expect(json.kind).toBe('database')
    expect(json.target.url).toMatch(/^postgres:\/\/scaleplan:\*\*\*@127\.0\.0\.1:\d+\/postgres$/)
    expect(json.target.server).toMatch(/^PostgreSQL 1\d/)
    expect(json.sweeps.map((s: {name: string}) => s.name)).toEqual(['read', 'write'])
    for (const sweep of json.sweeps) {
      expect(sweep.steps.length).toBeGreaterThan(0)
      expect(sweep.steps.map((s: {concurrency: number}) => s.concurrency)).toEqual(
        [1, 2, 4].slice(0, sweep.steps.length),
      )
      for (const step of sweep.steps) {
        expect(step.operations).toBeGreaterThan(0)
        expect(step.throughput).toBeGreaterThan(0)
        expect(step.latency.p50Ms).toBeLessThanOrEqual(step.latency.p95Ms)
        expect(step.latency.p95Ms).toBeLessThanOrEqual(step.latency.p99Ms)
        expect(step.errors).toBe(0)
      }

      expect(sweep.capacity.rate).toBeGreaterThan(0)
    }

    // Loopback: the vCPUs are this machine's, and the values are scaled to the 4-vCPU reference.
    expect(json.target.vcpusFrom).toBe('loopback')
    expect(json.thresholds.map((t: {name: string}) => t.name)).toEqual(['dbNodeReadQps', 'dbNodeWriteQps'])
    expect(await scratchSchemas()).toEqual([])
    expect(await shopChecksum()).toBe(before)
  }, 60_000)

  test('--dry-run connects and prints the plan, and sends nothing', async () => {
    const result = calibrate('--dry-run')
    expectNoPassword(result.stdout, result.stderr)
    expect(result.status).toBe(0)
    // The plan is for the person: on stderr, so that stdout stays the result.
    expect(result.stderr).toMatch(/creates schema scaleplan_calibrate_[0-9a-f]{8}/)
    expect(result.stderr).toContain('read mix: 80% primary-key reads')
    expect(result.stderr).toContain('Dry run: no load was sent.')
    expect(await scratchSchemas()).toEqual([])
  })

  test('off a terminal without --yes: a usage error naming --yes, and no load', async () => {
    const result = calibrate()
    expect(result.status).toBe(2)
    expect(result.stderr).toContain('--yes: required to send load when stdin is not a terminal')
    expectNoPassword(result.stdout, result.stderr)
    expect(await scratchSchemas()).toEqual([])
  })

  test('a read query that writes is refused by the read-only session, and the table is unchanged', async () => {
    const before = await shopChecksum()
    const result = calibrate(
      ...FAST,
      '--max-clients',
      '2',
      '--yes',
      '--read-query',
      'WITH gone AS (DELETE FROM shop.orders WHERE id = $1 RETURNING id) SELECT count(*) FROM gone',
      '--read-param',
      'int:1..1000',
    )
    expect(result.status).toBe(5)
    expect(result.stderr).toContain('the read query tried to write, and the read-only session refused it')
    expect(result.stderr).toMatch(/cannot execute \w+ in a read-only transaction/)
    expect(await shopChecksum()).toBe(before)
  }, 60_000)

  test('measures your own read query, with a generator per parameter', async () => {
    const result = calibrate(
      ...FAST,
      '--max-clients',
      '2',
      '--yes',
      '--json',
      '--read-query',
      'SELECT total FROM shop.orders WHERE id = $1',
      '--read-param',
      'int:1..1000',
      '--instance-class',
      'db.r7g.large',
    )
    expect(result.status).toBe(0)
    const json = JSON.parse(result.stdout)
    expect(json.sweeps.map((s: {name: string}) => s.name)).toEqual(['read'])
    const [threshold] = json.thresholds
    expect(threshold.name).toBe('dbNodeReadQps')
    // db.r7g.large is rated 0.5 x the reference in the catalog: the measured rate doubles.
    expect(threshold.value).toBeCloseTo(threshold.measured * 2, 6)
    expect(threshold.how).toContain("by the catalog's rating")
  }, 60_000)

  test('a generator count that does not match the query is a usage error, before any load', () => {
    const result = calibrate(
      '--yes',
      '--read-query',
      'SELECT total FROM shop.orders WHERE id = $1 AND total > $2',
      '--read-param',
      'int:1..1000',
    )
    expect(result.status).toBe(2)
    expect(result.stderr).toContain('--read-param: the read query takes 2 parameters, got 1 generator')
  })

  test('--write-query without --allow-writes is a usage error', () => {
    const result = calibrate('--yes', '--write-query', 'UPDATE shop.orders SET total = 0')
    expect(result.status).toBe(2)
    expect(result.stderr).toContain('--write-query: writes to your tables, so it needs --allow-writes')
  })

  test('a wrong password: exit 5, one line, and the password given is not in it', () => {
    const wrong = server.url.replace(server.password, 'not-the-password-123')
    const result = runCli(['calibrate', 'database', '--url', wrong, '--yes'])
    expect(result.status).toBe(5)
    expect(result.stderr).toMatch(/^Error: cannot connect to the database: password authentication failed/)
    expect(result.stderr).not.toContain('not-the-password-123')
  })

  test('Ctrl-C during the load stops at once, drops the scratch schema and exits 130', async () => {
    const run = startCli(
      calibrateArgs('--duration', '20s', '--warmup', '0', '--size', '4MB', '--max-clients', '4', '--yes'),
    )
    await run.loadStarted(30_000)
    expect(await scratchSchemas()).toHaveLength(1)
    const {code, ms} = await run.stop('SIGINT')
    expect(ms).toBeLessThan(5000)
    expect(code).toBe(130)
    const {stdout, stderr} = run
    expect(stderr).toContain('Interrupted: stopping the load and cleaning up')
    expect(stderr).toMatch(/Dropped scaleplan_calibrate_[0-9a-f]{8}\./)
    expect(await scratchSchemas()).toEqual([])
    expectNoPassword(stdout, stderr)
  }, 60_000)

  test('--write-spec records both thresholds as measured; recommend and report say so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scaleplan-calibrate-'))
    const spec = join(dir, 'scaleplan.yaml')
    const original = '# the shop\nname: shop\nusers: 2M   # forecast\n'
    writeFileSync(spec, original)
    const result = calibrate(...FAST, '--max-clients', '2', '--vcpus', '4', '--yes', '--write-spec', spec)
    expect(result.status).toBe(0)
    expect(result.stderr).toContain(`Recorded dbNodeReadQps, dbNodeWriteQps in ${spec}`)
    const text = readFileSync(spec, 'utf8')
    expect(text.startsWith(original)).toBe(true)
    expect(text).not.toContain(server.password)
    expect(text).toMatch(
      /# measured by scaleplan calibrate database on \d{4}-\d{2}-\d{2} at p99 < 1,000 ms, against postgres:\/\/scaleplan:\*\*\*@127\.0\.0\.1/,
    )

    const recommend = runCli(['recommend', '--spec', spec, '--json'])
    expect(recommend.status).toBe(0)
    const assumptions = JSON.parse(recommend.stdout).assumptions as {
      name: string
      estimate: boolean
      measured?: {target: string}
    }[]
    for (const name of ['dbNodeReadQps', 'dbNodeWriteQps']) {
      const a = assumptions.find((x) => x.name === name)!
      expect(a.estimate).toBe(false)
      expect(a.measured?.target).toBe('p99 < 1,000 ms')
    }

    const report = runCli(['report', '--spec', spec])
    expect(report.status).toBe(0)
    expect(report.stdout).toMatch(
      // The report escapes text for Markdown: "<" is written &lt; (it renders as <).
      /\| `dbNodeWriteQps` \| [\d,]+ \| queries\/s \| \*\*measured\*\* \| measured \d{4}-\d{2}-\d{2} at p99 (<|&lt;) 1,000 ms( \(a lower bound\))? by scaleplan calibrate database: write mix/,
    )
  }, 60_000)

  test('--write-spec naming a missing file: a usage error before any load', async () => {
    const result = calibrate('--yes', '--write-spec', '/nonexistent/scaleplan.yaml')
    expect(result.status).toBe(2)
    expect(result.stderr).toBe(
      'Error: --write-spec: cannot read "/nonexistent/scaleplan.yaml": no such file or directory (ENOENT); expected a YAML or JSON spec file\n',
    )
    expect(await scratchSchemas()).toEqual([])
  })
})
