/**
 * The scheduler, driven step by step: each task is a promise the test settles by hand, so what
 * runs when is observed directly, with no clock and no sleeps.
 */
import {describe, expect, it} from '@jest/globals'

import {runStacks, type StackNode} from '../../src/terraform/schedule.js'
import {deferredTasks, settle} from '../helpers/deferred.js'

const independent = (...names: string[]): StackNode[] => names.map((name) => ({name, dependsOn: []}))

describe('runStacks', () => {
  it('runs independent stacks at the same time, up to the parallelism', async () => {
    const tasks = deferredTasks()
    const run = runStacks(independent('a', 'b', 'c', 'd'), tasks.start, {parallelism: 3})
    await settle()
    expect(tasks.running()).toEqual(['a', 'b', 'c'])
    tasks.finish('b')
    await settle()
    expect(tasks.running()).toEqual(['a', 'c', 'd'])
    for (const name of ['a', 'c', 'd']) tasks.finish(name)
    expect((await run).map((o) => o.status)).toEqual(['done', 'done', 'done', 'done'])
  })

  it('never runs more than the parallelism at once', async () => {
    const tasks = deferredTasks()
    const run = runStacks(independent('a', 'b', 'c'), tasks.start, {parallelism: 1})
    for (const name of ['a', 'b', 'c']) {
      await settle()
      expect(tasks.running()).toEqual([name])
      tasks.finish(name)
    }

    await run
    expect(tasks.started).toEqual(['a', 'b', 'c'])
  })

  it('starts a stack only after the stacks it depends on, then its siblings side by side', async () => {
    const tasks = deferredTasks()
    const stacks = [
      {name: 'primary', dependsOn: []},
      {name: 'eu', dependsOn: ['primary']},
      {name: 'ap', dependsOn: ['primary']},
    ]
    const run = runStacks(stacks, tasks.start, {parallelism: 4})
    await settle()
    expect(tasks.running()).toEqual(['primary'])
    tasks.finish('primary')
    await settle()
    expect(tasks.running()).toEqual(['eu', 'ap'])
    tasks.finish('eu')
    tasks.finish('ap')
    expect((await run).map((o) => o.status)).toEqual(['done', 'done', 'done'])
  })

  it('after a failure lets running stacks finish and starts none', async () => {
    const tasks = deferredTasks()
    const run = runStacks(independent('a', 'b', 'c', 'd'), tasks.start, {parallelism: 2})
    await settle()
    tasks.fail('b', new Error('b broke'))
    await settle()
    // a is still running and nothing new has started in b's slot.
    expect(tasks.running()).toEqual(['a'])
    tasks.finish('a')
    const outcomes = await run
    expect(outcomes.map((o) => [o.stack, o.status])).toEqual([
      ['a', 'done'],
      ['b', 'failed'],
      ['c', 'not-started'],
      ['d', 'not-started'],
    ])
    expect(outcomes[1]).toMatchObject({error: new Error('b broke')})
    expect(outcomes[2]).toMatchObject({reason: 'not started after b failed'})
  })

  it('does not start a stack whose dependency failed, and says why', async () => {
    const tasks = deferredTasks()
    const run = runStacks(
      [
        {name: 'primary', dependsOn: []},
        {name: 'eu', dependsOn: ['primary']},
      ],
      tasks.start,
      {parallelism: 4},
    )
    await settle()
    tasks.fail('primary', new Error('no quota'))
    expect((await run)[1]).toEqual({
      stack: 'eu',
      status: 'not-started',
      reason: 'waits for primary, which did not complete',
    })
    expect(tasks.started).toEqual(['primary'])
  })

  it('starts nothing new once stopped, and says so', async () => {
    const tasks = deferredTasks()
    let stop = false
    const run = runStacks(independent('a', 'b'), tasks.start, {parallelism: 1, stopped: () => stop})
    await settle()
    stop = true
    tasks.finish('a')
    const outcomes = await run
    expect(outcomes.map((o) => o.status)).toEqual(['done', 'not-started'])
    expect(outcomes[1]).toMatchObject({reason: 'interrupted before it started'})
  })

  it('refuses a dependency on a stack that is not there', async () => {
    await expect(runStacks([{name: 'eu', dependsOn: ['primary']}], async () => 'x', {parallelism: 1})).rejects.toThrow(
      'stack eu depends on primary, which is not among the stacks',
    )
  })
})
