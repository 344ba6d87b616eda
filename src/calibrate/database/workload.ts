/**
 * What the database load sends. The default workload lives in a scratch schema that scaleplan
 * creates, fills and drops; every statement names that schema, so nothing else is touched. With
 * --read-query / --write-query the user's own statements are sent instead.
 */
import {randomBytes} from 'node:crypto'

import type {ParamGenerator} from './param-generator.js'

/** One statement to send: pg prepares a named statement once per connection and reuses it. */
export interface Statement {
  readonly name: string
  readonly text: string
  readonly values: unknown[]
}

export interface QueryMix {
  readonly kind: 'read' | 'write'
  readonly description: string
  /** Runs in read-only sessions: the database itself refuses any write. */
  readonly readOnly: boolean
  next(): Statement
}

export const SCRATCH_PREFIX = 'scaleplan_calibrate_'
/** Bytes of text per row; with PostgreSQL's tuple header and the two indexes a row takes about ROW_BYTES on disk. */
const PAYLOAD_CHARS = 200
export const ROW_BYTES = 320
/** Rows per account: a range read returns up to RANGE_ROWS of one account's rows, in id order. */
const ROWS_PER_ACCOUNT = 1000
const RANGE_ROWS = 20

/** A fresh scratch schema name: the prefix and 8 random hex digits. */
export function scratchSchemaName(): string {
  return `${SCRATCH_PREFIX}${randomBytes(4).toString('hex')}`
}

export interface ScratchWorkload {
  readonly schema: string
  readonly rows: number
  /** Statements that create and fill the schema, in order. */
  readonly setup: readonly string[]
  readonly readMix: QueryMix
  readonly writeMix: QueryMix
}

/**
 * The default workload on `rows` rows of about ROW_BYTES each:
 * read mix: 80% primary-key reads of one row, 20% range reads (an account's first 20 rows by id,
 * through an index);
 * write mix: 50% updates of one row by primary key, 50% inserts of a new row.
 */
export function scratchWorkload(schema: string, rows: number): ScratchWorkload {
  if (!/^scaleplan_calibrate_[0-9a-f]{8}$/.test(schema)) throw new Error(`not a scratch schema name: ${schema}`)
  const accounts = Math.max(1, Math.floor(rows / ROWS_PER_ACCOUNT))
  const table = `${schema}.items`
  const randomId = () => 1 + Math.floor(Math.random() * rows)
  const randomAccount = () => Math.floor(Math.random() * accounts)
  const payload = () => randomBytes(PAYLOAD_CHARS / 2).toString('hex')
  const setup = [
    `CREATE SCHEMA ${schema}`,
    `CREATE TABLE ${table} (id bigint PRIMARY KEY, account integer NOT NULL, updated_at timestamptz NOT NULL DEFAULT now(), payload text NOT NULL)`,
    `INSERT INTO ${table} (id, account, payload) SELECT g, g % ${accounts}, repeat(md5(g::text), ${Math.floor(PAYLOAD_CHARS / 32)}) || left(md5(g::text), ${PAYLOAD_CHARS % 32}) FROM generate_series(1, ${rows}) AS g`,
    `CREATE INDEX ON ${table} (account, id)`,
    `CREATE SEQUENCE ${schema}.item_ids START ${rows + 1}`,
    `ANALYZE ${table}`,
  ]
  const readMix: QueryMix = {
    kind: 'read',
    description: `80% primary-key reads of one row, 20% range reads of ${RANGE_ROWS} rows through an index`,
    readOnly: true,
    next: () =>
      Math.random() < 0.8
        ? {
            name: 'scaleplan_pk_read',
            text: `SELECT id, account, updated_at, payload FROM ${table} WHERE id = $1`,
            values: [randomId()],
          }
        : {
            name: 'scaleplan_range_read',
            text: `SELECT id, updated_at, payload FROM ${table} WHERE account = $1 ORDER BY id LIMIT ${RANGE_ROWS}`,
            values: [randomAccount()],
          },
  }
  const writeMix: QueryMix = {
    kind: 'write',
    description: '50% single-row updates by primary key, 50% single-row inserts, each its own transaction',
    readOnly: false,
    next: () =>
      Math.random() < 0.5
        ? {
            name: 'scaleplan_update',
            text: `UPDATE ${table} SET payload = $2, updated_at = now() WHERE id = $1`,
            values: [randomId(), payload()],
          }
        : {
            name: 'scaleplan_insert',
            text: `INSERT INTO ${table} (id, account, payload) VALUES (nextval('${schema}.item_ids'), $1, $2)`,
            values: [randomAccount(), payload()],
          },
  }
  return {schema, rows, setup, readMix, writeMix}
}

/** Rows for about `bytes` of table and indexes, at least 1,000. */
export function rowsForBytes(bytes: number): number {
  return Math.max(1000, Math.round(bytes / ROW_BYTES))
}

/** The user's own statement, with a generator per parameter. */
export function userQueryMix(kind: 'read' | 'write', text: string, params: readonly ParamGenerator[]): QueryMix {
  return {
    kind,
    description: `your ${kind} query`,
    readOnly: kind === 'read',
    next: () => ({name: `scaleplan_user_${kind}`, text, values: params.map((generate) => generate())}),
  }
}
