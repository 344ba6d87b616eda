/**
 * Values of an uncertain input: where a probability falls in its range.
 *
 * A range "LOW..HIGH" is a 90% interval: for a log-normal (the default, for quantities that
 * cannot go below zero and whose errors are multiplicative, like user counts) and a normal, LOW
 * is the 5th percentile and HIGH the 95th; a uniform spreads evenly between them. Values are
 * drawn by inverting the distribution at a uniform number (one number per value), so the same
 * random stream gives the same quantiles whatever the distribution.
 */
import type {Range} from '../spec/forms.js'

/** The standard normal's 95th percentile: a 90% interval spans 2 x 1.645 standard deviations. */
export const Z95 = 1.6448536269514722

/**
 * The standard normal's quantile function (Peter Acklam's rational approximation, relative error
 * below 1.2e-9), for 0 < p < 1.
 */
export function normalQuantile(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239,
  ]
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572]
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ]
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416]
  const low = 0.02425
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p))
    return (
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1)
    )
  }

  if (p > 1 - low) return -normalQuantile(1 - p)
  const q = p - 0.5
  const r = q * q
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  )
}

/** The smallest probability drawn: keeps the normal quantile finite for a draw of exactly 0. */
const EPSILON = 2 ** -33

/**
 * The value at probability `p` (0 <= p < 1) of the range's distribution, kept inside what the
 * quantity accepts (a normal's tail can cross 0, or 1 for a share) and whole where it must be.
 */
export function quantile(range: Range, p: number): number {
  const {low, high, distribution, bounds} = range
  if (low === high) return low
  const u = Math.min(Math.max(p, EPSILON), 1 - EPSILON)
  let value: number
  if (distribution === 'uniform') {
    value = low + (high - low) * u
  } else if (distribution === 'normal') {
    value = (low + high) / 2 + ((high - low) / (2 * Z95)) * normalQuantile(u)
  } else {
    const [lnLow, lnHigh] = [Math.log(low), Math.log(high)]
    value = Math.exp((lnLow + lnHigh) / 2 + ((lnHigh - lnLow) / (2 * Z95)) * normalQuantile(u))
  }

  if (bounds.integer) value = Math.round(value)
  // An exclusive minimum (a share above 0) keeps a value a hair above it rather than at it.
  const floor = bounds.exclusiveMin ? bounds.min + (bounds.max - bounds.min) * 1e-9 : bounds.min
  return Math.min(Math.max(value, floor), bounds.max)
}
