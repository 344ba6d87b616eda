/**
 * Real servers for the calibration suites, on loopback only: PostgreSQL from the machine's own
 * binaries (initdb + postgres on a temporary directory and a free port) and Redis or Valkey from
 * Debian's packages. A suite whose server binary is missing is skipped with one loud line, except
 * under CI=true, where a missing server fails the run: CI must install it (.ci/run does).
 *
 * Every server lives under $TMPDIR/scaleplan-test-servers/ and is stopped in afterAll; .ci/run
 * stops any left there by a test run that was killed.
 */
import {spawn, spawnSync, type ChildProcess} from 'node:child_process'
import {randomBytes} from 'node:crypto'
import {chownSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import {createServer} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

export interface RunningServer {
  /** A URL with a password in it, as users pass them: tests check it never shows. */
  readonly url: string
  readonly password: string
  readonly port: number
  stop(): Promise<void>
}

const ROOT = join(tmpdir(), 'scaleplan-test-servers')

/** The newest PostgreSQL server binaries on the machine: $SCALEPLAN_TEST_PG_BIN, or /usr/lib/postgresql/<n>/bin. */
export function postgresBin(): string | null {
  const fromEnv = process.env.SCALEPLAN_TEST_PG_BIN
  if (fromEnv) return existsSync(join(fromEnv, 'initdb')) ? fromEnv : null
  const base = '/usr/lib/postgresql'
  if (!existsSync(base)) return null
  const versions = readdirSync(base)
    .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a))
  return versions[0] ? join(base, versions[0], 'bin') : null
}

/** redis-server or valkey-server on PATH. */
export function redisBin(): string | null {
  for (const name of ['valkey-server', 'redis-server']) {
    const found = spawnSync('sh', ['-c', `command -v ${name}`], {encoding: 'utf8'}).stdout.trim()
    if (found) return found
  }

  return null
}

/**
 * `describe` when the server's binary is there; otherwise `describe.skip` after one loud line,
 * or a thrown error under CI=true.
 */
export function describeWithServer(server: string, available: boolean): jest.Describe {
  if (available) return describe
  const message = `${server} is not installed: the calibration suite against it cannot run (.ci/run installs it)`
  if (process.env.CI === 'true') throw new Error(`CI=true: ${message}`)
  process.stderr.write(`\n!!! SKIPPED: ${message}\n\n`)
  return describe.skip
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const {port} = server.address() as {port: number}
      server.close(() => resolve(port))
    })
  })
}

function scratchDir(kind: string): string {
  mkdirSync(ROOT, {recursive: true, mode: 0o1777})
  const dir = join(ROOT, `${kind}-${randomBytes(4).toString('hex')}`)
  mkdirSync(dir, {mode: 0o700})
  return dir
}

/** initdb refuses to run as root: as root, the server runs as the `postgres` user. */
function postgresUser(): {uid: number; gid: number} | undefined {
  if (process.getuid?.() !== 0) return undefined
  const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], {encoding: 'utf8'}).stdout.trim())
  const uid = id('-u')
  const gid = id('-g')
  if (!Number.isInteger(uid) || uid <= 0)
    throw new Error('running as root, and there is no postgres user to run PostgreSQL as')
  return {uid, gid}
}

async function waitFor(check: () => boolean, what: string, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode} before it was ready`)
    if (check()) return
    await new Promise((r) => setTimeout(r, 100))
  }

  throw new Error(`${what} was not ready after ${timeoutMs / 1000} s`)
}

function stopper(child: ChildProcess, dir: string, signal: NodeJS.Signals): () => Promise<void> {
  return async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill(signal)
      let timer: NodeJS.Timeout | undefined
      await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 10_000)))])
      clearTimeout(timer)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    }

    rmSync(dir, {recursive: true, force: true})
  }
}

/** Starts PostgreSQL on 127.0.0.1 with password (SCRAM) authentication for TCP connections. */
export async function startPostgres(bin: string): Promise<RunningServer> {
  const dir = scratchDir('postgres')
  const owner = postgresUser()
  if (owner) chownSync(dir, owner.uid, owner.gid)
  const password = `pw-${randomBytes(6).toString('hex')}`
  const pwfile = join(dir, 'pwfile')
  writeFileSync(pwfile, `${password}\n`, {mode: 0o600})
  if (owner) chownSync(pwfile, owner.uid, owner.gid)
  const data = join(dir, 'data')
  const initdb = spawnSync(
    join(bin, 'initdb'),
    [
      '-D',
      data,
      '-U',
      'scaleplan',
      `--pwfile=${pwfile}`,
      '--auth-local=trust',
      '--auth-host=scram-sha-256',
      '-E',
      'UTF8',
      '--no-sync',
    ],
    {encoding: 'utf8', ...owner, cwd: dir},
  )
  if (initdb.status !== 0) throw new Error(`initdb failed: ${initdb.stderr || initdb.stdout}`)
  const port = await freePort()
  const child = spawn(
    join(bin, 'postgres'),
    [
      '-D',
      data,
      '-p',
      String(port),
      '-k',
      dir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=off',
      '-c',
      'max_connections=200',
    ],
    {stdio: ['ignore', 'ignore', 'pipe'], ...owner, cwd: dir},
  )
  let log = ''
  child.stderr!.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)))
  const isReady = () =>
    spawnSync(join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-q'], {timeout: 5000}).status === 0
  try {
    await waitFor(isReady, 'postgres', child)
  } catch (error) {
    child.kill('SIGKILL')
    throw new Error(`${(error as Error).message}\n${log}`)
  }

  return {
    url: `postgres://scaleplan:${password}@127.0.0.1:${port}/postgres`,
    password,
    port,
    // SIGINT is PostgreSQL's fast shutdown: sessions end, the server stops at once.
    stop: stopper(child, dir, 'SIGINT'),
  }
}

/** Starts Redis or Valkey on 127.0.0.1, nothing persisted, a password required. */
export async function startRedis(bin: string): Promise<RunningServer> {
  const dir = scratchDir('redis')
  const password = `pw-${randomBytes(6).toString('hex')}`
  const port = await freePort()
  const child = spawn(
    bin,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
      '--requirepass',
      password,
      '--pidfile',
      join(dir, 'redis.pid'),
    ],
    {stdio: ['ignore', 'pipe', 'pipe']},
  )
  let ready = false
  let log = ''
  const onData = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000)
    if (/Ready to accept connections/.test(log)) ready = true
  }

  child.stdout!.on('data', onData)
  child.stderr!.on('data', onData)
  try {
    await waitFor(() => ready, 'redis', child)
  } catch (error) {
    child.kill('SIGKILL')
    throw new Error(`${(error as Error).message}\n${log}`)
  }

  return {url: `redis://:${password}@127.0.0.1:${port}`, password, port, stop: stopper(child, dir, 'SIGTERM')}
}
