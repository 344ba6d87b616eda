import {describe, expect, it} from '@jest/globals'

import {Interrupts, type StopSignal} from '../../src/terraform/interrupts.js'
import type {RunningProcess} from '../../src/terraform/process.js'

/** A running Terraform that records what it was sent. */
function terraform(pid: number) {
  const received: string[] = []
  const child: RunningProcess = {pid, interrupt: () => received.push('SIGINT'), kill: () => received.push('SIGKILL')}
  return {child, received}
}

function setup(killAfterMs = 60_000) {
  const notes: string[] = []
  const gaveUp: StopSignal[] = []
  const interrupts = new Interrupts(
    (signal) => gaveUp.push(signal),
    (note) => notes.push(note),
    killAfterMs,
  )
  return {interrupts, notes, gaveUp}
}

describe('Interrupts', () => {
  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)(
    'forwards one interrupt to each running terraform on the first %s, and keeps waiting',
    (signal) => {
      const {interrupts, notes, gaveUp} = setup()
      const a = terraform(1)
      const b = terraform(2)
      interrupts.track(a.child)
      interrupts.track(b.child)
      interrupts.onSignal(signal)
      expect([a.received, b.received]).toEqual([['SIGINT'], ['SIGINT']])
      expect(interrupts.signal).toBe(signal)
      expect(interrupts.interrupted).toBe(true)
      expect(gaveUp).toEqual([])
      expect(notes[0]).toMatch(new RegExp(`^${signal}: asked 2 running terraform process\\(es\\) to stop cleanly`))
    },
  )

  it('on the second signal tells terraform to stop at once, and gives up when the last one has exited', () => {
    const {interrupts, gaveUp} = setup()
    const a = terraform(1)
    const untrack = interrupts.track(a.child)
    interrupts.onSignal('SIGTERM')
    interrupts.onSignal('SIGINT')
    expect(a.received).toEqual(['SIGINT', 'SIGINT'])
    expect(gaveUp).toEqual([])
    untrack()
    // The exit code is the first signal's.
    expect(gaveUp).toEqual(['SIGTERM'])
  })

  it('kills what is still running when it gives up, so nothing outlives scaleplan', async () => {
    const {interrupts, gaveUp} = setup(10)
    const stuck = terraform(1)
    interrupts.track(stuck.child)
    interrupts.onSignal('SIGHUP')
    interrupts.onSignal('SIGHUP')
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(stuck.received).toEqual(['SIGINT', 'SIGINT', 'SIGKILL'])
    expect(gaveUp).toEqual(['SIGHUP'])
  })

  it('gives up at once on a third signal', () => {
    const {interrupts, gaveUp} = setup()
    const stuck = terraform(1)
    interrupts.track(stuck.child)
    for (let i = 0; i < 3; i++) interrupts.onSignal('SIGINT')
    expect(stuck.received).toEqual(['SIGINT', 'SIGINT', 'SIGKILL'])
    expect(gaveUp).toEqual(['SIGINT'])
  })
})
