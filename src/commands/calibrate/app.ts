import * as Flags from '@oclif/core/flags'

import {HttpTarget} from '../../calibrate/app/http-target.js'
import {parseDuration} from '../../calibrate/durations.js'
import {boundsLines} from '../../calibrate/plan-lines.js'
import {
  appThresholds,
  checkPaths,
  parseHeaders,
  parseHttpUrl,
  responseSizeNote,
} from '../../calibrate/app/app-options.js'
import {redactSecrets, redactUrl, secretsOf} from '../../calibrate/redact.js'
import type {CalibrationResult, MeasuredThreshold, NamedSweep} from '../../calibrate/result.js'
import {runSweep} from '../../calibrate/sweep.js'
import {CalibrateCommand, calibrateFlags, TargetFailedError, type ParsedCommon} from '../../cli/calibrate-command.js'
import {UsageError} from '../../cli/errors.js'

const DEFAULTS = {maxClients: 256, maxRate: 5000, p99: '200ms', classPrefix: ''} as const

export default class CalibrateApp extends CalibrateCommand {
  static override summary =
    'Measure an HTTP app: requests/s per vCPU it serves under a p99 latency target, and bytes per response.'
  static override description =
    'Sends GET requests (autocannon, keep-alive connections) to one or more paths at rising concurrency until p99 ' +
    'latency passes --p99, and turns the highest rate under it into appServerRps (per vCPU x the app server ' +
    'instance) and serviceTaskRps, and reports the mean response size. Only 2xx responses count as served. ' +
    'Point it at staging, never production. It prints the plan and asks first; --yes in CI.'

  static override examples = [
    '<%= config.bin %> <%= command.id %> --url https://staging.example.com --path /api/products --path /api/cart --vcpus 2',
    '<%= config.bin %> <%= command.id %> --url http://10.0.1.20:8080/health --instance-class m7g.large --write-spec scaleplan.yaml --yes',
  ]

  static override flags = {
    url: Flags.string({
      description:
        'http(s)://host[:port][/path] of a staging app server or load balancer (credentials in it are never shown)',
      env: 'SCALEPLAN_APP_URL',
      required: true,
      helpValue: 'URL',
    }),
    path: Flags.string({
      description: "a path to request, in turn with the others (default: the URL's own path)",
      multiple: true,
      helpValue: 'PATH',
    }),
    header: Flags.string({
      description: 'a header sent with every request, "Name: value" (values are never shown)',
      multiple: true,
      helpValue: 'HEADER',
    }),
    timeout: Flags.string({
      description: 'a request unanswered after this counts as an error',
      default: '10s',
      helpValue: 'TIME',
    }),
    ...calibrateFlags(DEFAULTS),
  }

  async run(): Promise<CalibrationResult> {
    const {flags} = await this.parse(CalibrateApp)
    const problems: string[] = []
    const common = this.parseCommon(flags, DEFAULTS, problems)
    const url = parseHttpUrl(flags.url, problems)
    const headers = parseHeaders(flags.header ?? [], problems)
    const timeout = parseDuration(flags.timeout, {min: 100, max: 120_000})
    if (!timeout.ok) problems.push(`--timeout: ${timeout.message}`)
    if (common.size.vcpus === null) {
      problems.push(
        "--vcpus: required: how many vCPUs serve --url (the app server's or container's size), so that the rate can be given per vCPU; or --instance-class like m7g.large",
      )
    }

    await this.checkSpecFile(flags['write-spec'], problems)
    const paths = (flags.path ?? [url?.pathname + (url?.search ?? '')]).map((p) => (p.startsWith('/') ? p : `/${p}`))
    if (problems.length > 0) throw new UsageError(problems)
    const origin = url!.origin
    const secrets = [...secretsOf(flags.url), ...Object.values(headers)]
    const check = await checkPaths(origin, paths, headers, secrets)
    if (!check.ok)
      throw check.kind === 'usage' ? new UsageError([check.problem]) : new TargetFailedError([check.problem])
    const {server} = check

    const target = new HttpTarget({origin, paths, headers, timeoutSeconds: timeout.ok ? timeout.value / 1000 : 10})
    const plan = [
      `Calibrate ${redactUrl(flags.url)}: ${server}, ${common.size.vcpus} vCPUs (${common.size.instanceClass ?? '--vcpus'})`,
      `  sends GET ${paths.join(', ')} in turn over keep-alive connections${Object.keys(headers).length > 0 ? `, with headers ${Object.keys(headers).join(', ')}` : ''}; only 2xx responses count as served`,
      ...boundsLines(common.sweep, 1, 'requests/s'),
    ]
    const warnings: string[] = []
    if (common.size.burstable) {
      warnings.push(
        `${common.size.instanceClass} is burstable: once its CPU credits run out it slows down, so a long run measures less than a short one`,
      )
    }

    if (flags['dry-run']) {
      this.note([...plan, '', 'Dry run: no load was sent.'].join('\n'))
      return this.result(flags.url, server, common, [], [], warnings)
    }

    await this.confirmLoad(plan, flags.yes)
    const measuredAt = new Date().toISOString()
    const sweep = await this.interruptible(
      async (signal) => {
        try {
          return await runSweep(
            target,
            common.sweep,
            signal,
            this.progress('http', target.description, common.sweep.p99TargetMs),
          )
        } catch (error) {
          throw new TargetFailedError([
            `the load failed: ${redactSecrets(error instanceof Error ? error.message : String(error), secrets)}`,
          ])
        }
      },
      () => null,
    )
    const sweeps: NamedSweep[] = [{name: 'http', description: target.description, unit: 'requests/s', ...sweep}]
    const thresholds = appThresholds(sweeps[0]!, common.size.vcpus!)
    const bytes = responseSizeNote(sweeps[0]!)
    if (bytes) warnings.push(bytes)
    const measured = {...this.result(flags.url, server, common, sweeps, thresholds, warnings), measuredAt}
    return this.complete(measured, flags['write-spec'], flags.color)
  }

  private result(
    url: string,
    server: string,
    common: ParsedCommon,
    sweeps: NamedSweep[],
    thresholds: MeasuredThreshold[],
    warnings: string[],
  ): CalibrationResult {
    return {
      schemaVersion: 1,
      kind: 'app',
      measuredAt: new Date().toISOString(),
      target: {
        url: redactUrl(url),
        server,
        vcpus: common.size.vcpus,
        vcpusFrom: common.size.vcpusFrom,
        instanceClass: common.size.instanceClass,
      },
      settings: common.settings,
      sweeps,
      thresholds,
      warnings,
      specFile: null,
    }
  }
}
