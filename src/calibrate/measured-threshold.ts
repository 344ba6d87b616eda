import {THRESHOLDS, type ThresholdName} from '../spec/thresholds.js'
import type {Scaled} from './reference.js'
import type {MeasuredThreshold, NamedSweep} from './result.js'
import type {Capacity} from './verdict.js'

/** A sweep in which some step met the latency target. */
export type MeasuredSweep = NamedSweep & {readonly capacity: Capacity}

export const hasCapacity = (sweep: NamedSweep): sweep is MeasuredSweep => sweep.capacity !== null

/**
 * The threshold `name` set by a sweep's capacity, scaled to its reference size; `measuredUnit`
 * names what the unscaled figure counts ("statements/s", "requests/s on 2 vCPUs").
 */
export function measuredThreshold(
  name: ThresholdName,
  scaled: Scaled,
  sweep: MeasuredSweep,
  measuredUnit: string,
): MeasuredThreshold {
  return {
    name,
    value: scaled.value,
    unit: THRESHOLDS[name].unit,
    referenceClass: scaled.referenceClass,
    factor: scaled.factor,
    how: scaled.how,
    measured: sweep.capacity.rate,
    measuredUnit,
    lowerBound: sweep.capacity.lowerBound,
    sweep: sweep.name,
    atClients: sweep.capacity.concurrency,
  }
}
