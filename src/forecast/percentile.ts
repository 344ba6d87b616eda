/**
 * The p-th percentile of sorted values by the nearest-rank method: always a value that occurred,
 * so the percentile's topology is the plan of an actual sample, and P10 <= P50 <= P90 by
 * construction.
 */
export function nearestRank(count: number, percentile: number): number {
  return Math.min(count - 1, Math.max(0, Math.ceil((percentile / 100) * count) - 1))
}
