/**
 * Runs one task per stack, up to `parallelism` at once, each after the stacks it depends on.
 * After the first failure (or an interrupt) running tasks finish and no new one starts, so the
 * outcome says per stack what ran, what failed and what never started.
 */

export interface StackNode {
  readonly name: string
  readonly dependsOn: readonly string[]
}

export type StackOutcome<T> =
  | {readonly stack: string; readonly status: 'done'; readonly value: T}
  | {readonly stack: string; readonly status: 'failed'; readonly error: Error}
  | {readonly stack: string; readonly status: 'not-started'; readonly reason: string}

export interface ScheduleOptions {
  readonly parallelism: number
  /** Checked before each start: true stops new starts (Ctrl-C). */
  readonly stopped?: () => boolean
}

export async function runStacks<T>(
  stacks: readonly StackNode[],
  task: (stack: string) => Promise<T>,
  options: ScheduleOptions,
): Promise<StackOutcome<T>[]> {
  const names = new Set(stacks.map((s) => s.name))
  for (const stack of stacks) {
    const unknown = stack.dependsOn.find((d) => !names.has(d))
    if (unknown) throw new Error(`stack ${stack.name} depends on ${unknown}, which is not among the stacks`)
  }

  const outcomes = new Map<string, StackOutcome<T>>()
  const running = new Map<string, Promise<void>>()
  let failed: string | undefined

  const ready = () =>
    stacks.filter(
      (s) =>
        !outcomes.has(s.name) && !running.has(s.name) && s.dependsOn.every((d) => outcomes.get(d)?.status === 'done'),
    )

  const start = (name: string) => {
    const promise = task(name).then(
      (value) => {
        outcomes.set(name, {stack: name, status: 'done', value})
      },
      (error: unknown) => {
        failed ??= name
        outcomes.set(name, {
          stack: name,
          status: 'failed',
          error: error instanceof Error ? error : new Error(String(error)),
        })
      },
    )
    running.set(
      name,
      promise.finally(() => running.delete(name)),
    )
  }

  for (;;) {
    const halted = failed !== undefined || Boolean(options.stopped?.())
    if (!halted) {
      for (const stack of ready()) {
        if (running.size >= options.parallelism) break
        start(stack.name)
      }
    }

    if (running.size === 0) break
    // eslint-disable-next-line no-await-in-loop -- wait for any running stack, then fill its slot
    await Promise.race(running.values())
  }

  return stacks.map(
    (stack) =>
      outcomes.get(stack.name) ?? {
        stack: stack.name,
        status: 'not-started',
        reason: notStartedReason(stack, outcomes, failed, options.stopped?.() ?? false),
      },
  )
}

function notStartedReason<T>(
  stack: StackNode,
  outcomes: Map<string, StackOutcome<T>>,
  failed: string | undefined,
  stopped: boolean,
): string {
  const blocked = stack.dependsOn.find((d) => outcomes.get(d)?.status !== 'done')
  if (blocked) return `waits for ${blocked}, which did not complete`
  if (stopped) return 'interrupted before it started'
  return `not started after ${failed} failed`
}
