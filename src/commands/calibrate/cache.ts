import * as Flags from '../../cli/flags.js'

import {CACHE_DEFAULTS, calibrateCache} from '../../calibrate/cache/calibrate-cache.js'
import type {CalibrationResult} from '../../calibrate/result.js'
import {CalibrateCommand, calibrateFlags} from '../../cli/calibrate-command.js'

export default class CalibrateCache extends CalibrateCommand {
  static override summary = 'Measure a Redis or Valkey node: GET/SET operations/s it serves under a p99 latency target.'
  static override description =
    'Writes scratch keys under a random prefix (scaleplan:calibrate:<random>:, each with a TTL), sends 80% GET and ' +
    '20% SET at rising concurrency until p99 latency passes --p99, and deletes exactly those keys at the end, also on ' +
    'Ctrl-C and on error. Point it at a staging node, never production. It prints the plan and asks first; --yes in CI.'

  static override examples = [
    '<%= config.bin %> <%= command.id %> --url redis://staging-cache:6379 --instance-class cache.r7g.large',
    'REDISCLI_AUTH=... <%= config.bin %> <%= command.id %> --url rediss://:$TOKEN@staging-cache:6379 --write-spec scaleplan.yaml --yes',
  ]

  static override flags = {
    url: Flags.string({
      description: 'redis:// or rediss:// URL of one staging node (a password here is never shown)',
      env: 'SCALEPLAN_CACHE_URL',
      required: true,
      helpValue: 'URL',
    }),
    keys: Flags.string({description: 'scratch keys to write and read, like 100k', default: '100k', helpValue: 'N'}),
    'value-size': Flags.integer({description: 'bytes per value', default: 100, min: 1, max: 1_000_000}),
    ...calibrateFlags(CACHE_DEFAULTS),
  }

  async run(): Promise<CalibrationResult> {
    const {flags} = await this.parse(CalibrateCache)
    return this.calibrate(calibrateCache, flags)
  }
}
