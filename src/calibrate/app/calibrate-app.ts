/**
 * `calibrate app`: GET requests through autocannon against one or more paths of an HTTP app;
 * its rate per vCPU and its bytes per response. Sends one check request per path first, and
 * creates nothing.
 */
import type {CalibrationIO} from '../calibration-io.js'
import type {CommonOptions} from '../common-options.js'
import {parseDuration} from '../durations.js'
import {InputError} from '../errors.js'
import {boundsLines} from '../plan-lines.js'
import {redactUrl, secretsOf} from '../redact.js'
import type {CalibrationResult} from '../result.js'
import {runCalibration, type Calibrator} from '../run-calibration.js'
import {TargetError} from '../target-error.js'
import {appThresholds, checkPaths, parseHeaders, parseHttpUrl, responseSizeNote} from './app-options.js'
import {HttpTarget, type HttpTargetOptions} from './http-target.js'

export const APP_DEFAULTS = {maxClients: 256, maxRate: 5000, p99: '200ms', classPrefix: ''} as const

export interface AppOptions extends CommonOptions {
  /** Paths requested in turn; without any, the URL's own path. */
  readonly path?: string[]
  /** Headers sent with every request, "Name: value". */
  readonly header?: string[]
  /** A request unanswered after this counts as an error, like 10s. */
  readonly timeout: string
}

interface Checked {
  readonly url: string
  readonly http: HttpTargetOptions
}

const app: Calibrator<AppOptions, Checked, {readonly server: string}> = {
  kind: 'app',
  defaults: APP_DEFAULTS,

  check(options, common, problems) {
    const url = parseHttpUrl(options.url, problems)
    const headers = parseHeaders(options.header ?? [], problems)
    const timeout = parseDuration(options.timeout, {min: 100, max: 120_000})
    if (!timeout.ok) problems.push(`--timeout: ${timeout.message}`)
    if (common.size.vcpus === null) {
      problems.push(
        "--vcpus: required: how many vCPUs serve --url (the app server's or container's size), so that the rate can be given per vCPU; or --instance-class like m7g.large",
      )
    }

    const paths = (options.path ?? [url?.pathname + (url?.search ?? '')]).map((p) => (p.startsWith('/') ? p : `/${p}`))
    const http = {
      // Without a URL there are problems, and nothing is sent.
      origin: url?.origin ?? '',
      paths,
      headers,
      timeoutSeconds: timeout.ok ? timeout.value / 1000 : 10,
      secrets: [...secretsOf(options.url), ...Object.values(headers)],
    }
    return {url: options.url, http}
  },

  async connect({http: {origin, paths, headers, secrets}}) {
    const check = await checkPaths(origin, paths, headers, secrets)
    if (!check.ok) throw check.kind === 'usage' ? new InputError([check.problem]) : new TargetError(check.problem)
    return {server: check.server}
  },

  async plan({server}, {url, http}, {sweep, size}) {
    const {paths, headers} = http
    const names = Object.keys(headers)
    return {
      server,
      size,
      lines: [
        `Calibrate ${redactUrl(url)}: ${server}, ${size.vcpus} vCPUs (${size.instanceClass ?? '--vcpus'})`,
        `  sends GET ${paths.join(', ')} in turn over keep-alive connections${names.length > 0 ? `, with headers ${names.join(', ')}` : ''}; only 2xx responses count as served`,
        ...boundsLines(sweep, 1, 'requests/s'),
      ],
      warnings: size.burstable
        ? [
            `${size.instanceClass} is burstable: once its CPU credits run out it slows down, so a long run measures less than a short one`,
          ]
        : [],
      scratch: null,
      sweeps: [{name: 'http', unit: 'requests/s', target: new HttpTarget(http)}],
      thresholds: (sweeps) => appThresholds(sweeps[0]!, size.vcpus!),
      // Bytes per response inform --response-size rather than set it: they leave out the static files.
      measuredWarnings: (sweeps) => [responseSizeNote(sweeps[0]!) ?? []].flat(),
    }
  },
}

/** Measures an HTTP app: the requests/s per vCPU it serves under the p99 target, and its bytes per response. */
export function calibrateApp(options: AppOptions, io: CalibrationIO): Promise<CalibrationResult> {
  return runCalibration(app, options, io)
}
