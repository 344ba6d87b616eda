import {describe, expect, it} from '@jest/globals'

import {runStacks} from '../../src/terraform/schedule.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A task that records when each stack ran, taking `ms` and failing for the names in `failing`. */
function recorder(ms: number, failing: string[] = [], durations: Record<string, number> = {}) {
  const spans = new Map<string, {start: number; end: number}>()
  const task = async (name: string) => {
    const start = performance.now()
    await sleep(durations[name] ?? ms)
    spans.set(name, {start, end: performance.now()})
    if (failing.includes(name)) throw new Error(`${name} broke`)
    return name
  }

  return {spans, task}
}

const overlap = (a: {start: number; end: number}, b: {start: number; end: number}) =>
  Math.min(a.end, b.end) - Math.max(a.start, b.start)

describe('runStacks', () => {
  it('runs independent stacks at the same time, up to the parallelism', async () => {
    const {spans, task} = recorder(100)
    const stacks = ['a', 'b', 'c'].map((name) => ({name, dependsOn: []}))
    const outcomes = await runStacks(stacks, task, {parallelism: 3})
    expect(outcomes.map((o) => o.status)).toEqual(['done', 'done', 'done'])
    expect(overlap(spans.get('a')!, spans.get('c')!)).toBeGreaterThan(50)
  })

  it('never runs more than the parallelism at once', async () => {
    const {spans, task} = recorder(60)
    await runStacks(
      ['a', 'b', 'c'].map((name) => ({name, dependsOn: []})),
      task,
      {parallelism: 1},
    )
    expect(overlap(spans.get('a')!, spans.get('b')!)).toBeLessThanOrEqual(0)
    expect(overlap(spans.get('b')!, spans.get('c')!)).toBeLessThanOrEqual(0)
  })

  it('starts a stack only after the stacks it depends on', async () => {
    const {spans, task} = recorder(50)
    await runStacks(
      [
        {name: 'primary', dependsOn: []},
        {name: 'eu', dependsOn: ['primary']},
        {name: 'ap', dependsOn: ['primary']},
      ],
      task,
      {parallelism: 4},
    )
    expect(spans.get('eu')!.start).toBeGreaterThanOrEqual(spans.get('primary')!.end)
    expect(spans.get('ap')!.start).toBeGreaterThanOrEqual(spans.get('primary')!.end)
    expect(overlap(spans.get('eu')!, spans.get('ap')!)).toBeGreaterThan(25)
  })

  it('after a failure lets running stacks finish and starts none', async () => {
    // b fails while a is still running: a finishes, c and d never start.
    const {task} = recorder(80, ['b'], {b: 10})
    const outcomes = await runStacks(
      ['a', 'b', 'c', 'd'].map((name) => ({name, dependsOn: []})),
      task,
      {parallelism: 2},
    )
    expect(outcomes.map((o) => [o.stack, o.status])).toEqual([
      ['a', 'done'],
      ['b', 'failed'],
      ['c', 'not-started'],
      ['d', 'not-started'],
    ])
    expect(outcomes[2]).toMatchObject({reason: 'not started after b failed'})
  })

  it('does not start a stack whose dependency failed, and says why', async () => {
    const {task} = recorder(10, ['primary'])
    const outcomes = await runStacks(
      [
        {name: 'primary', dependsOn: []},
        {name: 'eu', dependsOn: ['primary']},
      ],
      task,
      {parallelism: 4},
    )
    expect(outcomes[1]).toEqual({
      stack: 'eu',
      status: 'not-started',
      reason: 'waits for primary, which did not complete',
    })
  })

  it('starts nothing new once stopped', async () => {
    let stop = false
    const outcomes = await runStacks(
      ['a', 'b'].map((name) => ({name, dependsOn: []})),
      async (name) => {
        stop = true
        return name
      },
      {parallelism: 1, stopped: () => stop},
    )
    expect(outcomes.map((o) => o.status)).toEqual(['done', 'not-started'])
  })
})
