/**
 * The app command's own inputs and outputs: the URL and headers, the one check request per path
 * made before anything is asked, and the thresholds read off the sweep. No exceptions for people:
 * problems come back as lines.
 */
import {APP_SERVER_INSTANCE} from '../../capacity/catalog.js'
import {formatBytes} from '../../format/numbers.js'
import {hasCapacity, measuredThreshold} from '../measured-threshold.js'
import {redactSecrets, redactUrl} from '../redact.js'
import {APP_SERVER_VCPUS, SERVICE_TASK_VCPUS, scaleApp} from '../reference.js'
import type {MeasuredThreshold, NamedSweep} from '../result.js'
import {THRESHOLD_FOR} from '../threshold-map.js'

/** What the check requests found: the server's name, or why calibration cannot go on. */
export type PathCheck =
  | {readonly ok: true; readonly server: string}
  | {readonly ok: false; readonly kind: 'usage' | 'unreachable'; readonly problem: string}

export function parseHttpUrl(raw: string, problems: string[]): URL | null {
  try {
    const url = new URL(raw)
    if (url.protocol === 'http:' || url.protocol === 'https:') return url
  } catch {
    // reported below
  }

  problems.push(`--url: expected an HTTP URL like https://staging.example.com/api/health, got "${redactUrl(raw)}"`)
  return null
}

export function parseHeaders(raw: readonly string[], problems: string[]): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const header of raw) {
    const match = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):\s*(.*)$/.exec(header)
    if (match) headers[match[1]!.toLowerCase()] = match[2]!
    else
      problems.push(`--header: expected "Name: value", like "Authorization: Bearer ...", got a value without a "Name:"`)
  }

  return headers
}

/** One GET per path before anything is asked: a wrong URL or a path that does not answer 2xx stops here. */
export async function checkPaths(
  origin: string,
  paths: readonly string[],
  headers: Readonly<Record<string, string>>,
  secrets: readonly string[],
): Promise<PathCheck> {
  let server = 'HTTP'
  for (const path of paths) {
    let response: Response
    try {
      // eslint-disable-next-line no-await-in-loop -- one request at a time: this is a check, not load
      response = await fetch(new URL(path, origin), {headers, signal: AbortSignal.timeout(10_000), redirect: 'manual'})
      // eslint-disable-next-line no-await-in-loop
      await response.arrayBuffer()
    } catch (error) {
      const cause = (error as {cause?: {message?: string}}).cause?.message ?? (error as Error).message
      const where = redactUrl(new URL(path, origin).toString())
      return {ok: false, kind: 'unreachable', problem: `cannot reach ${where}: ${redactSecrets(cause, secrets)}`}
    }

    if (response.status < 200 || response.status > 299) {
      return {
        ok: false,
        kind: 'usage',
        problem: `--path: GET ${path} answered ${response.status}; calibration counts only 2xx responses as served, so give paths that answer 200`,
      }
    }

    const name = response.headers.get('server')
    if (name) server = `HTTP (${name})`
  }

  return {ok: true, server}
}

/** appServerRps and serviceTaskRps per vCPU from the best step. */
export function appThresholds(sweep: NamedSweep, vcpus: number): MeasuredThreshold[] {
  if (!hasCapacity(sweep)) return []
  const {capacity} = sweep
  const perVcpu = capacity.rate / vcpus
  return (
    [
      [THRESHOLD_FOR.appServer, APP_SERVER_VCPUS, APP_SERVER_INSTANCE],
      [THRESHOLD_FOR.serviceTask, SERVICE_TASK_VCPUS, `a ${SERVICE_TASK_VCPUS}-vCPU service task`],
    ] as const
  ).map(([name, targetVcpus, referenceClass]) =>
    measuredThreshold(
      name,
      scaleApp(perVcpu, vcpus, targetVcpus, referenceClass),
      sweep,
      `requests/s on ${vcpus} vCPUs`,
    ),
  )
}

/**
 * What the best step's bytes say about `responseSize`. They are the application's own responses:
 * the dynamic part of what a request sends, without the static files it pulls in, so they inform
 * the spec's `responseSize` (bytes x 1 / (1 - staticShare)) rather than set it.
 */
export function responseSizeNote(sweep: NamedSweep): string | undefined {
  const capacity = sweep.capacity
  const best = capacity ? sweep.steps.find((s) => s.concurrency === capacity.concurrency) : undefined
  if (best?.meanBytes == null) return undefined
  return (
    `responses averaged ${formatBytes(best.meanBytes)} on the wire (headers included): the dynamic part of ` +
    '--response-size, which also counts the static files a request pulls in (dynamic bytes = responseSize x (1 - staticShare))'
  )
}
