/**
 * Tasks the test finishes by hand, for code that runs several at once: what started, what is
 * still running, and in what order, without a clock.
 */

interface Deferred<T> {
  readonly promise: Promise<T>
  readonly resolve: (value: T) => void
  readonly reject: (error: Error) => void
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void
  let reject!: (error: Error) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return {promise, resolve, reject}
}

/** Lets every promise callback that is ready run (one turn of the event loop; no timer). */
export const settle = () => new Promise<void>((resolve) => setImmediate(resolve))

export interface DeferredTasks {
  /** The task function to hand to the code under test: one pending promise per name. */
  readonly start: (name: string) => Promise<string>
  /** Names in the order they started. */
  readonly started: readonly string[]
  /** Started and not yet finished or failed, in start order. */
  readonly running: () => string[]
  readonly finish: (name: string) => void
  readonly fail: (name: string, error: Error) => void
}

export function deferredTasks(): DeferredTasks {
  const pending = new Map<string, Deferred<string>>()
  const started: string[] = []
  const take = (name: string) => {
    const task = pending.get(name)
    if (task === undefined) throw new Error(`${name} is not running`)
    pending.delete(name)
    return task
  }

  return {
    start: (name) => {
      const task = deferred<string>()
      pending.set(name, task)
      started.push(name)
      return task.promise
    },
    started,
    running: () => started.filter((name) => pending.has(name)),
    finish: (name) => take(name).resolve(name),
    fail: (name, error) => take(name).reject(error),
  }
}
