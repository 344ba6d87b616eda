import * as Flags from '../../cli/flags.js'

import {calibrateDatabase, DATABASE_DEFAULTS} from '../../calibrate/database/calibrate-database.js'
import {PARAM_FORMS} from '../../calibrate/database/param-generator.js'
import type {CalibrationResult} from '../../calibrate/result.js'
import {CalibrateCommand, calibrateFlags} from '../../cli/calibrate-command.js'

export default class CalibrateDatabase extends CalibrateCommand {
  static override summary = 'Measure a PostgreSQL server: reads/s and writes/s it sustains under a p99 latency target.'
  static override description =
    'Creates a scratch schema (scaleplan_calibrate_<random>), fills it to --size, then sends a read mix and a write mix ' +
    'at rising concurrency until p99 latency passes --p99, and drops the schema at the end, also on Ctrl-C and on error. ' +
    'With --read-query / --write-query it measures your own statements instead (read-only sessions unless --allow-writes). ' +
    'Point it at staging, never production. It prints the plan and asks first; --yes in CI.'

  static override examples = [
    '<%= config.bin %> <%= command.id %> --url postgres://app@staging-db:5432/app --instance-class db.r7g.large',
    'PGPASSWORD=... <%= config.bin %> <%= command.id %> --url postgres://app@staging-db/app --vcpus 4 --write-spec scaleplan.yaml --yes',
    '<%= config.bin %> <%= command.id %> --url postgres://app@staging-db/app --read-query "SELECT * FROM orders WHERE id = $1" --read-param int:1..1000000 --vcpus 8',
  ]

  static override flags = {
    url: Flags.string({
      description:
        'postgres://user@host:port/database of a staging server (a password here is never shown; PGPASSWORD or ~/.pgpass keep it off the command line)',
      env: 'SCALEPLAN_DATABASE_URL',
      required: true,
      helpValue: 'URL',
    }),
    size: Flags.string({
      description: 'size of the scratch table to create and fill, like 256MB or 2GB',
      default: '256MB',
      helpValue: 'SIZE',
    }),
    mix: Flags.string({
      description: 'which mixes of the scratch workload to run',
      options: ['both', 'read', 'write'],
      default: 'both',
    }),
    'read-query': Flags.string({
      description: 'your own read statement to measure instead, with $1, $2 ... parameters',
      helpValue: 'SQL',
    }),
    'read-param': Flags.string({
      description: `generator for the read query's next parameter: ${PARAM_FORMS}`,
      multiple: true,
      helpValue: 'GEN',
    }),
    'write-query': Flags.string({
      description: 'your own write statement to measure instead (needs --allow-writes)',
      helpValue: 'SQL',
    }),
    'write-param': Flags.string({
      description: `generator for the write query's next parameter: ${PARAM_FORMS}`,
      multiple: true,
      helpValue: 'GEN',
    }),
    'allow-writes': Flags.boolean({description: 'let --write-query write: its sessions are read-write (staging only)'}),
    'statement-timeout': Flags.string({
      description: 'a statement slower than this is cancelled and counted as an error',
      default: '10s',
      helpValue: 'TIME',
    }),
    ...calibrateFlags(DATABASE_DEFAULTS),
  }

  async run(): Promise<CalibrationResult> {
    const {flags} = await this.parse(CalibrateDatabase)
    return this.calibrate(calibrateDatabase, flags)
  }
}
