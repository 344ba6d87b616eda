/**
 * The inputs every calibration takes (bounds of the run, the latency target, the server's size),
 * checked at once: problems come back as lines naming the flag, for one report with the others.
 */
import {parseDuration} from './durations.js'
import {instanceClassInfo} from './instance-class.js'
import type {CalibrationSettings, SizeInfo, TargetInfo} from './result.js'
import type {SweepSettings} from './sweep.js'
import {concurrencyLevels} from './verdict.js'

/** What every calibration is given, as the flags give it. */
export interface CommonOptions {
  /** The server under test; may hold a password, which is never shown. */
  readonly url: string
  readonly duration: string
  readonly warmup: string
  readonly p99: string
  readonly 'max-clients': number
  readonly 'max-rate': number
  readonly vcpus?: number
  readonly 'instance-class'?: string
  /** The spec file the measured thresholds go into: checked before any load is sent. */
  readonly 'write-spec'?: string
  /** Consent given up front: no confirmation is asked. */
  readonly yes: boolean
  /** Check the target and say what would be sent; send nothing. */
  readonly 'dry-run': boolean
}

/** What differs between the kinds of server in the common inputs: their defaults, and the classes they take. */
export interface CalibrateDefaults {
  readonly maxClients: number
  readonly maxRate: number
  readonly p99: string
  /** Instance class prefix accepted: "db.", "cache." or "" for EC2. */
  readonly classPrefix: string
}

/** The common inputs, checked: how to sweep, the settings as the result records them, and the server's size. */
export interface CommonSettings {
  readonly sweep: SweepSettings
  readonly settings: CalibrationSettings
  readonly size: SizeInfo
}

/** Share of failed operations above which a step fails. */
const MAX_ERROR_RATE = 0.01

/** Checks the common inputs; problems go into `problems`, reported at once by the caller. */
export function parseCommon(options: CommonOptions, defaults: CalibrateDefaults, problems: string[]): CommonSettings {
  const value = (result: ReturnType<typeof parseDuration>, flag: string, fallback: number) => {
    if (result.ok) return result.value
    problems.push(`--${flag}: ${result.message}`)
    return fallback
  }

  const stepMs = value(parseDuration(options.duration, {min: 1000, max: 600_000}), 'duration', 30_000)
  const warmupMs = value(parseDuration(options.warmup, {min: 0, max: 600_000}), 'warmup', 0)
  const p99TargetMs = value(parseDuration(options.p99, {min: 0.1, max: 60_000, bareUnit: 'ms'}), 'p99', 50)
  let instanceClass: string | null = null
  let vcpus: number | null = options.vcpus ?? null
  let vcpusFrom: TargetInfo['vcpusFrom'] = vcpus === null ? null : 'flag'
  let burstable = false
  if (options['instance-class'] !== undefined) {
    const info = instanceClassInfo(options['instance-class'])
    if (
      !info ||
      !info.name.startsWith(defaults.classPrefix) ||
      (defaults.classPrefix === '' && /^(db|cache)\./.test(info.name))
    ) {
      problems.push(
        `--instance-class: expected an instance class like ${defaults.classPrefix}r7g.xlarge or ${defaults.classPrefix}m7g.large (family.size), got "${options['instance-class']}"`,
      )
    } else {
      instanceClass = info.name
      burstable = info.burstable
      if (vcpus !== null && vcpus !== info.vcpus) {
        problems.push(
          `--vcpus: ${vcpus} contradicts --instance-class ${info.name}, which has ${info.vcpus} vCPUs; give one of them`,
        )
      }

      vcpus = info.vcpus
      vcpusFrom = options.vcpus === undefined ? 'instance-class' : 'flag'
    }
  }

  const maxClients = options['max-clients']
  const maxRate = options['max-rate']
  const levels = concurrencyLevels(maxClients)
  const warmupConcurrency = levels[Math.floor((levels.length - 1) / 2)]!
  return {
    sweep: {levels, stepMs, warmupMs, warmupConcurrency, maxRate, p99TargetMs, maxErrorRate: MAX_ERROR_RATE},
    settings: {
      stepSeconds: stepMs / 1000,
      warmupSeconds: warmupMs / 1000,
      p99TargetMs,
      maxErrorRate: MAX_ERROR_RATE,
      maxClients,
      maxRate,
      levels,
    },
    size: {vcpus, vcpusFrom, instanceClass, burstable},
  }
}
