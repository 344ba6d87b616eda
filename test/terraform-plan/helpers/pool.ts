import {availableParallelism} from 'node:os'

/**
 * How many terraform processes run at once: SCALEPLAN_PLAN_CONCURRENCY, else one per core.
 * Each `terraform test` spends most of its time starting the AWS provider, which is CPU-bound,
 * so more processes than cores only queue.
 */
export function planConcurrency(env: NodeJS.ProcessEnv = process.env): number {
  const named = Number(env.SCALEPLAN_PLAN_CONCURRENCY)
  return Number.isInteger(named) && named > 0 ? named : availableParallelism()
}

/** `items.map(fn)` with at most `limit` calls in flight; results keep the input order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await fn(items[index]!, index)
    }
  }
  await Promise.all(Array.from({length: Math.min(limit, items.length)}, worker))
  return results
}
