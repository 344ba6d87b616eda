/**
 * What a calibration returns: every step of every sweep, the capacity each shows, and the
 * threshold values that follow. This is the `--json` output (`schemaVersion` bumps on any
 * breaking change).
 */
import type {ThresholdName} from '../spec/thresholds.js'
import type {Scaled, ServerSize} from './reference.js'
import type {SweepResult} from './sweep.js'

export type CalibrationKind = 'database' | 'app' | 'cache'

export interface TargetInfo {
  /** The URL with any password replaced by ***. */
  readonly url: string
  /** What answered: "PostgreSQL 15.8", "redis 7.0.15", "HTTP". */
  readonly server: string
  readonly vcpus: number | null
  /** Where `vcpus` came from. */
  readonly vcpusFrom: 'flag' | 'instance-class' | 'loopback' | null
  readonly instanceClass: string | null
}

/** What is known of the measured server's size, and from where. */
export interface SizeInfo extends ServerSize {
  readonly vcpusFrom: TargetInfo['vcpusFrom']
  /** A T-family class: CPU credits run out under sustained load. */
  readonly burstable: boolean
}

export interface CalibrationSettings {
  readonly stepSeconds: number
  readonly warmupSeconds: number
  readonly p99TargetMs: number
  readonly maxErrorRate: number
  readonly maxClients: number
  /** Operations per second all clients together never exceed; null when unbounded. */
  readonly maxRate: number | null
  readonly levels: readonly number[]
}

export interface NamedSweep extends SweepResult {
  /** "read", "write", "http", "cache". */
  readonly name: string
  readonly description: string
  /** What one operation is, per second: "statements/s", "requests/s", "ops/s". */
  readonly unit: string
}

/** One threshold value that follows from the measurement. */
export interface MeasuredThreshold extends Omit<Scaled, 'value'> {
  readonly name: ThresholdName
  readonly value: number
  readonly unit: string
  /** The measured figure before scaling, and its unit. */
  readonly measured: number
  readonly measuredUnit: string
  /** The server never missed the target: the real value is at least this. */
  readonly lowerBound: boolean
  /** The sweep it comes from, and the concurrency of the step that set it. */
  readonly sweep: string
  readonly atClients: number
}

export interface CalibrationResult {
  readonly schemaVersion: 1
  readonly kind: CalibrationKind
  /** ISO 8601, when the measurement started. */
  readonly measuredAt: string
  readonly target: TargetInfo
  readonly settings: CalibrationSettings
  readonly sweeps: readonly NamedSweep[]
  readonly thresholds: readonly MeasuredThreshold[]
  readonly warnings: readonly string[]
  /** The spec file the thresholds went into, if any. */
  readonly specFile: string | null
}
