import * as Flags from '../../cli/flags.js'

import {APP_DEFAULTS, calibrateApp} from '../../calibrate/app/calibrate-app.js'
import type {CalibrationResult} from '../../calibrate/result.js'
import {CalibrateCommand, calibrateFlags} from '../../cli/calibrate-command.js'

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
    ...calibrateFlags(APP_DEFAULTS),
  }

  async run(): Promise<CalibrationResult> {
    const {flags} = await this.parse(CalibrateApp)
    return this.calibrate(calibrateApp, flags)
  }
}
