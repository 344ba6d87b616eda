/**
 * The database command's own inputs: the URL, the scratch size, and the user's queries with
 * their parameter generators. Pure parsing that reports problems as lines, plus one check that
 * asks the server how many parameters each query takes.
 */
import {redactUrl} from '../redact.js'
import {isLoopbackHost, localVcpus} from '../loopback.js'
import type {SizeInfo} from '../result.js'
import {SIZE} from '../../spec/forms.js'
import {readNumber} from '../read-number.js'
import {PARAM_FORMS, parseParamGenerator, type ParamGenerator} from './param-generator.js'
import type {PostgresCalibration} from './postgres.js'
import {userQueryMix, type QueryMix} from './workload.js'

export type MixKind = 'read' | 'write'

/** The user's statements, as mixes, with their text and how many generators came with each. */
export type UserQueries = Partial<Record<MixKind, QueryMix>> & {
  readonly texts: Partial<Record<MixKind, {text: string; params: number}>>
}

export interface UserQueryFlags {
  readonly 'read-query'?: string
  readonly 'write-query'?: string
  readonly 'read-param'?: string[]
  readonly 'write-param'?: string[]
  readonly 'allow-writes': boolean
  readonly mix: string
}

export function parsePostgresUrl(raw: string, problems: string[]): URL | null {
  try {
    const url = new URL(raw)
    if (url.protocol === 'postgres:' || url.protocol === 'postgresql:') return url
  } catch {
    // reported below
  }

  problems.push(`--url: expected a PostgreSQL URL like postgres://user@host:5432/database, got "${redactUrl(raw)}"`)
  return null
}

export function parseSize(input: string, problems: string[]): number {
  const bytes = readNumber(SIZE, input)
  if (bytes !== null && bytes >= 1e6 && bytes <= 1e12) return bytes
  problems.push(`--size: expected a table size from 1MB to 1TB, like 256MB or 2GB, got "${input}"`)
  return 0
}

/** The user's queries from the flags, or null for the scratch workload; problems go into `problems`. */
export function parseUserQueries(flags: UserQueryFlags, problems: string[]): UserQueries | null {
  const read = flags['read-query']
  const write = flags['write-query']
  for (const kind of ['read', 'write'] as const) {
    if (flags[`${kind}-param`] && !flags[`${kind}-query`])
      problems.push(`--${kind}-param: goes with --${kind}-query, which is missing`)
  }

  if (read === undefined && write === undefined) {
    if (flags['allow-writes'])
      problems.push(
        '--allow-writes: goes with --write-query, which is missing (the scratch workload writes only to its own schema)',
      )
    return null
  }

  if (flags.mix !== 'both')
    problems.push(
      '--mix: chooses mixes of the scratch workload; with --read-query / --write-query, the queries you give are the mixes',
    )
  if (write !== undefined && !flags['allow-writes']) {
    problems.push(
      '--write-query: writes to your tables, so it needs --allow-writes (and a staging database, never production)',
    )
  }

  const queries: UserQueries = {texts: {}}
  for (const [kind, text] of [
    ['read', read],
    ['write', write],
  ] as const) {
    if (text === undefined) continue
    if (text.trim() === '') {
      problems.push(`--${kind}-query: expected one SQL statement, got an empty string`)
      continue
    }

    const generators: ParamGenerator[] = []
    for (const spec of flags[`${kind}-param`] ?? []) {
      const generator = parseParamGenerator(spec)
      if (typeof generator === 'string') problems.push(`--${kind}-param: ${generator}`)
      else generators.push(generator)
    }

    queries[kind] = userQueryMix(kind, text, generators)
    queries.texts[kind] = {text, params: (flags[`${kind}-param`] ?? []).length}
  }

  return queries
}

/**
 * Asks the server how many parameters each query takes and compares with the generators given;
 * returns the mixes to run, and a problem per mismatch.
 */
export async function checkUserQueries(
  calibration: PostgresCalibration,
  queries: UserQueries,
): Promise<{kinds: MixKind[]; problems: string[]}> {
  const problems: string[] = []
  const kinds: MixKind[] = []
  for (const kind of ['read', 'write'] as const) {
    const query = queries.texts[kind]
    if (!query) continue
    kinds.push(kind)
    // eslint-disable-next-line no-await-in-loop -- one control connection: its statements run one at a time anyway
    const expected = await calibration.parameterCount(query.text, `--${kind}-query`)
    if (expected !== query.params) {
      problems.push(
        `--${kind}-param: the ${kind} query takes ${expected} parameter${expected === 1 ? '' : 's'}, got ${query.params} generator${query.params === 1 ? '' : 's'}; give one --${kind}-param per $n, in order (${PARAM_FORMS})`,
      )
    }
  }

  return {kinds, problems}
}

/** The flags' size, or, for a server on loopback, this machine's vCPUs (which are the server's). */
export function sizeOf(size: SizeInfo, url: URL | null): SizeInfo {
  if (size.vcpus !== null || !url) return size
  const host = decodeURIComponent(url.hostname || new URLSearchParams(url.search).get('host') || 'localhost')
  return isLoopbackHost(host) ? {...size, vcpus: localVcpus(), vcpusFrom: 'loopback'} : size
}
