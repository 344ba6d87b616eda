/**
 * The PostgreSQL side of `calibrate database`, through node-postgres: one control connection
 * that stays idle so it can always cancel, clean up and drop; one connection that creates and
 * fills the scratch schema; and per mix a set of load connections, read-only where the mix is.
 */
import pg from 'pg'

import type {LoadTarget, StepRun} from '../load-target.js'
import {RateCap} from '../rate-cap.js'
import {redactSecrets, secretsOf} from '../redact.js'
import {TargetError} from '../target-error.js'
import {SCRATCH_PREFIX, type QueryMix, type ScratchWorkload} from './workload.js'

export interface PostgresInfo {
  /** `server_version`, like "15.8 (Debian 15.8-0+deb12u1)". */
  readonly version: string
  readonly database: string
  readonly user: string
  readonly maxConnections: number
  /** Connections a client without superuser rights may still open. */
  readonly freeConnections: number
  /** A standby (read replica) refuses writes: only the read mix can run there. */
  readonly inRecovery: boolean
  readonly canCreateSchema: boolean
  /** Scratch schemas of earlier runs that were killed before they could clean up. */
  readonly leftoverSchemas: readonly string[]
}

export interface PostgresOptions {
  readonly url: string
  /** Any one statement slower than this is cancelled by the server and counted as an error. */
  readonly statementTimeoutMs: number
}

const APPLICATION_NAME = 'scaleplan calibrate'
/** Creating and filling the scratch table is bounded too: each statement gets at most this. */
export const FILL_TIMEOUT_MS = 30 * 60_000
const CONNECT_TIMEOUT_MS = 10_000

export class PostgresCalibration {
  private readonly secrets: string[]
  /** Backends of load and setup connections, for cancelling and, as a last resort, terminating. */
  private readonly busyPids = new Set<number>()

  private constructor(
    private readonly options: PostgresOptions,
    private readonly control: pg.Client,
  ) {
    this.secrets = secretsOf(options.url)
  }

  /** Opens the control connection; a failure (unreachable, wrong password) is a TargetError. */
  static async connect(options: PostgresOptions): Promise<PostgresCalibration> {
    const secrets = secretsOf(options.url)
    const control = newClient(options, false)
    control.on('error', () => undefined) // reported where a query fails; an idle drop must not crash
    try {
      await control.connect()
    } catch (error) {
      await control.end().catch(() => undefined)
      throw new TargetError(`cannot connect to the database: ${redactSecrets(messageOf(error), secrets)}`)
    }

    return new PostgresCalibration(options, control)
  }

  async info(): Promise<PostgresInfo> {
    const row = (
      await this.query<{
        version: string
        database: string
        user: string
        max_connections: string
        reserved: string
        used: string
        in_recovery: boolean
        can_create: boolean
      }>(
        `SELECT current_setting('server_version') AS version, current_database() AS database, current_user AS user,
                current_setting('max_connections') AS max_connections,
                current_setting('superuser_reserved_connections') AS reserved,
                (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend') AS used,
                pg_is_in_recovery() AS in_recovery,
                has_database_privilege(current_database(), 'CREATE') AS can_create`,
      )
    ).rows[0]!
    const leftovers = await this.query<{nspname: string}>(
      `SELECT nspname FROM pg_namespace WHERE nspname LIKE $1 ORDER BY nspname`,
      [`${SCRATCH_PREFIX.replaceAll('_', String.raw`\_`)}%`],
    )
    return {
      version: row.version,
      database: row.database,
      user: row.user,
      maxConnections: Number(row.max_connections),
      freeConnections: Number(row.max_connections) - Number(row.reserved) - Number(row.used),
      inRecovery: row.in_recovery,
      canCreateSchema: row.can_create,
      leftoverSchemas: leftovers.rows.map((r) => r.nspname),
    }
  }

  /**
   * How many parameters a statement takes, asked of the server (PREPARE, then DEALLOCATE): the
   * statement is parsed and planned, never run. A syntax error or unknown table is a TargetError.
   */
  async parameterCount(text: string, flag: string): Promise<number> {
    const name = 'scaleplan_check'
    try {
      await this.control.query(`PREPARE ${name} AS ${text}`)
    } catch (error) {
      throw new TargetError(
        `${flag}: the database rejected the statement: ${redactSecrets(messageOf(error), this.secrets)}`,
      )
    }

    try {
      const result = await this.query<{count: number}>(
        `SELECT cardinality(parameter_types) AS count FROM pg_prepared_statements WHERE name = $1`,
        [name],
      )
      return Number(result.rows[0]?.count ?? 0)
    } finally {
      await this.control.query(`DEALLOCATE ${name}`).catch(() => undefined)
    }
  }

  /** Creates and fills the scratch schema; returns its size on disk in bytes. Cancelled by `signal`. */
  async createScratch(workload: ScratchWorkload, signal: AbortSignal): Promise<number> {
    const setup = newClient(this.options, false, {statementTimeoutMs: FILL_TIMEOUT_MS})
    setup.on('error', () => undefined)
    await this.connectLoadClient(setup)
    const pid = backendPid(setup)
    this.busyPids.add(pid)
    const cancel = () => void this.cancel([pid])
    signal.addEventListener('abort', cancel, {once: true})
    try {
      for (const statement of workload.setup) {
        if (signal.aborted) break
        // eslint-disable-next-line no-await-in-loop -- each statement needs the one before it
        await setup.query(statement)
      }

      if (signal.aborted) return 0
      const size = await setup.query<{bytes: string}>(`SELECT pg_total_relation_size($1::regclass) AS bytes`, [
        `${workload.schema}.items`,
      ])
      return Number(size.rows[0]!.bytes)
    } catch (error) {
      if (signal.aborted) return 0
      throw new TargetError(`filling ${workload.schema} failed: ${redactSecrets(messageOf(error), this.secrets)}`)
    } finally {
      signal.removeEventListener('abort', cancel)
      this.busyPids.delete(pid)
      await setup.end().catch(() => undefined)
    }
  }

  /** A load target sending `mix` through its own connections. Close it when its sweep is done. */
  target(mix: QueryMix): PostgresTarget {
    return new PostgresTarget(this, mix)
  }

  /** Drops the scratch schema and everything in it. Safe to call twice; never drops anything else. */
  async dropScratch(schema: string): Promise<void> {
    if (!/^scaleplan_calibrate_[0-9a-f]{8}$/.test(schema)) throw new Error(`refusing to drop ${schema}`)
    await this.cancel([...this.busyPids])
    try {
      await this.control.query(`SET lock_timeout = '5s'`)
      await this.control.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
    } catch {
      // A load connection still holds a lock (its cancel raced the drop): end those sessions, then drop.
      await this.query(`SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid`, [[...this.busyPids]]).catch(
        () => undefined,
      )
      try {
        await this.control.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
      } catch (error) {
        throw new TargetError(
          `could not drop the scratch schema ${schema}: ${redactSecrets(messageOf(error), this.secrets)}; drop it with: DROP SCHEMA ${schema} CASCADE`,
        )
      }
    }
  }

  async close(): Promise<void> {
    await this.control.end().catch(() => undefined)
  }

  /** @internal Opens one load connection, read-only when `readOnly`. */
  async openLoadClient(readOnly: boolean): Promise<pg.Client> {
    const client = newClient(this.options, readOnly)
    client.on('error', () => undefined)
    await this.connectLoadClient(client)
    this.busyPids.add(backendPid(client))
    return client
  }

  /** @internal */
  async closeLoadClient(client: pg.Client): Promise<void> {
    this.busyPids.delete(backendPid(client))
    await client.end().catch(() => undefined)
  }

  /** @internal Cancels whatever the given backends are running, at once (Ctrl-C). */
  async cancel(pids: readonly number[]): Promise<void> {
    if (pids.length === 0) return
    await this.query(`SELECT pg_cancel_backend(pid) FROM unnest($1::int[]) AS pid`, [pids]).catch(() => undefined)
  }

  /** @internal A driver message, secrets removed. */
  redact(error: unknown): string {
    return redactSecrets(messageOf(error), this.secrets)
  }

  private async connectLoadClient(client: pg.Client): Promise<void> {
    try {
      await client.connect()
    } catch (error) {
      await client.end().catch(() => undefined)
      const hint =
        (error as {code?: string}).code === '53300'
          ? ' (the server has no connection slots left: lower --max-clients)'
          : ''
      throw new TargetError(`cannot open a load connection: ${this.redact(error)}${hint}`)
    }
  }

  private async query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>> {
    try {
      return await this.control.query<R>(text, values)
    } catch (error) {
      throw new TargetError(`the database failed: ${this.redact(error)}`)
    }
  }
}

/** SQLSTATE classes after which every further operation would fail too: the run stops. */
function isFatal(error: unknown): boolean {
  const code = (error as {code?: unknown}).code
  if (typeof code !== 'string' || code.length !== 5) return true // connection lost, protocol error
  // 57014 is a statement timeout: one slow query, counted as an error.
  if (code === '57014') return false
  return ['08', '0A', '22', '25', '28', '3D', '3F', '42', '53', '57', '58', 'XX'].includes(code.slice(0, 2))
}

/** What the error means for the person running calibrate, on one line. */
function explainFatal(error: unknown, mix: QueryMix, message: string): string {
  const code = (error as {code?: unknown}).code
  if (code === '25006') {
    return mix.kind === 'read'
      ? `the read query tried to write, and the read-only session refused it (${message}); a query that writes goes in --write-query, with --allow-writes`
      : `the server refused a write (${message}): is this a read replica?`
  }

  if (code === '53300') return `${message} (the server has no connection slots left: lower --max-clients)`
  if (typeof code === 'string' && code.startsWith('22'))
    return `${message} (check that each parameter's generator gives values of the type the query expects)`
  return message
}

export class PostgresTarget implements LoadTarget {
  readonly description: string
  private readonly clients: pg.Client[] = []

  constructor(
    private readonly calibration: PostgresCalibration,
    private readonly mix: QueryMix,
  ) {
    this.description = mix.description
  }

  async prepare(concurrency: number): Promise<void> {
    const missing = concurrency - this.clients.length
    if (missing <= 0) return
    const opened = await Promise.allSettled(
      Array.from({length: missing}, () => this.calibration.openLoadClient(this.mix.readOnly)),
    )
    for (const result of opened) if (result.status === 'fulfilled') this.clients.push(result.value)
    const failed = opened.find((r): r is PromiseRejectedResult => r.status === 'rejected')
    if (failed) throw failed.reason
  }

  async runStep({concurrency, until, maxRate, sink, signal}: StepRun): Promise<void> {
    await this.prepare(concurrency)
    const stop = new AbortController()
    const active = this.clients.slice(0, concurrency)
    const cancelInFlight = () => {
      stop.abort()
      void this.calibration.cancel(active.map(backendPid))
    }

    signal.addEventListener('abort', cancelInFlight, {once: true})
    // An abort that came while connections were opening fires no event: act on it now.
    if (signal.aborted) cancelInFlight()
    const cap = new RateCap(maxRate, sink)
    let fatal: string | undefined
    const worker = async (client: pg.Client) => {
      while (!stop.signal.aborted && performance.now() < until) {
        const wait = cap.take(stop.signal)
        // eslint-disable-next-line no-await-in-loop -- a closed loop: one statement at a time per client
        if (wait) await wait
        if (stop.signal.aborted) return
        const statement = this.mix.next()
        const start = performance.now()
        try {
          // eslint-disable-next-line no-await-in-loop
          await client.query(statement)
          sink.success(performance.now() - start)
        } catch (error) {
          if (stop.signal.aborted) return
          const message = this.calibration.redact(error)
          if (isFatal(error)) {
            fatal ??= explainFatal(error, this.mix, message)
            stop.abort()
            return
          }

          sink.error(message)
        }
      }
    }

    try {
      await Promise.all(active.map(worker))
    } finally {
      signal.removeEventListener('abort', cancelInFlight)
    }

    if (fatal !== undefined && !signal.aborted) throw new TargetError(fatal)
  }

  async close(): Promise<void> {
    await Promise.all(this.clients.splice(0).map((client) => this.calibration.closeLoadClient(client)))
  }
}

function newClient(
  options: PostgresOptions,
  readOnly: boolean,
  {statementTimeoutMs = options.statementTimeoutMs} = {},
): pg.Client {
  // Session settings travel in the startup packet, so they hold from the first statement on.
  // default_transaction_read_only makes every transaction of the session read-only: the server
  // refuses INSERT, UPDATE, DELETE, DDL and nextval(), including inside functions and CTEs.
  const settings = [
    `-c statement_timeout=${statementTimeoutMs}`,
    `-c default_transaction_read_only=${readOnly ? 'on' : 'off'}`,
  ]
  return new pg.Client({
    connectionString: options.url,
    application_name: APPLICATION_NAME,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    options: settings.join(' '),
  })
}

function backendPid(client: pg.Client): number {
  return (client as unknown as {processID: number}).processID
}

function messageOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return messageOf(error.errors[0])
  const message = error instanceof Error ? error.message : String(error)
  return message.split('\n')[0]!.trim() || String((error as {code?: unknown}).code ?? 'unknown error')
}
