/**
 * The staging directory never exists without the listener that removes it on a signal. A signal
 * that lands in between (a loaded machine can deschedule the process right after mkdir) would meet
 * the default action and leave the directory behind: the moment of creation is watched by wrapping
 * node:fs's mkdirSync, since no signal can be timed to land there.
 */
import {afterEach, beforeEach, expect, it, jest} from '@jest/globals'
import * as fs from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const
/** Listeners per signal at each mkdirSync of a staging directory, less those there before staging. */
const listenersAtCreation: number[][] = []
let baseline: number[] = []
/** Makes creating the staging directory fail, as a full disk would. */
let failStaging = false
const listenerCounts = () => SIGNALS.map((signal) => process.listenerCount(signal))

jest.unstable_mockModule('node:fs', () => ({
  ...fs,
  mkdirSync: (...args: Parameters<typeof fs.mkdirSync>) => {
    if (path.basename(String(args[0])).includes('.tmp-')) {
      listenersAtCreation.push(listenerCounts().map((count, i) => count - baseline[i]!))
      if (failStaging) throw Object.assign(new Error('ENOSPC: no space left on device'), {code: 'ENOSPC'})
    }

    return fs.mkdirSync(...args)
  },
}))

const {stageOutput} = await import('../../src/infra/output-dir.js')

let scratch: string
beforeEach(() => {
  scratch = fs.mkdtempSync(path.join(tmpdir(), 'scaleplan-outdir-signals-'))
  listenersAtCreation.length = 0
  failStaging = false
  baseline = listenerCounts()
})
afterEach(() => fs.rmSync(scratch, {recursive: true, force: true}))

it('listens for SIGINT, SIGTERM and SIGHUP before the staging directory exists, and stops once it is gone', () => {
  const staged = stageOutput(path.join(scratch, 'cdktf.out'))
  expect(listenersAtCreation).toEqual([[1, 1, 1]])
  expect(fs.existsSync(staged.dir)).toBe(true)
  staged.discard()
  expect(fs.existsSync(staged.dir)).toBe(false)
  expect(listenerCounts()).toEqual(baseline)
})

it('leaves no listener behind when the staging directory cannot be created', () => {
  failStaging = true
  expect(() => stageOutput(path.join(scratch, 'cdktf.out'))).toThrow(/no space left on the device \(ENOSPC\)/)
  expect(listenersAtCreation).toHaveLength(1)
  expect(listenerCounts()).toEqual(baseline)
})
