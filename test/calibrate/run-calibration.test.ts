/**
 * The flow every calibration shares, with a fake server: what is sent, created and removed in
 * each way a run can end (dry run, declined, --yes, Ctrl-C, a failing server, bad input).
 */
import {Worker} from 'node:worker_threads'

import type {CalibrationIO} from '../../src/calibrate/calibration-io.js'
import type {CommonOptions} from '../../src/calibrate/common-options.js'
import {DeclinedError, InputError, InterruptedRunError} from '../../src/calibrate/errors.js'
import type {LoadTarget, StepRun} from '../../src/calibrate/load-target.js'
import {runCalibration, type Calibrator, type RunPlan} from '../../src/calibrate/run-calibration.js'
import {TargetError} from '../../src/calibrate/target-error.js'

/** Answers every operation in a millisecond; `onStep` runs as each step starts (to interrupt, or to fail). */
class FakeTarget implements LoadTarget {
  readonly description = 'fake operations'
  steps = 0
  closed = 0

  constructor(private readonly onStep: () => void = () => undefined) {}

  async runStep({until, sink, signal}: StepRun): Promise<void> {
    this.steps++
    this.onStep()
    while (!signal.aborted && performance.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 5))
      sink.success(1)
    }
  }

  close(): void {
    this.closed++
  }
}

/** An IO that records what the person would see, answers the confirmation with `answer`, and can press Ctrl-C. */
function fakeIO(answer = true) {
  const controller = new AbortController()
  const seen: string[] = []
  let leftovers: () => string | null = () => null
  const io: CalibrationIO = {
    note: (text) => seen.push(`note: ${text}`),
    warn: (text) => seen.push(`warn: ${text}`),
    progress: () => ({}),
    confirm: async () => {
      seen.push('asked')
      return answer
    },
    interruptible: (work, left) => {
      leftovers = left
      return work(controller.signal)
    },
  }
  return {io, seen, interrupt: () => controller.abort(), leftovers: () => leftovers()}
}

interface Fake {
  /** What the runner asked of the server, in order. */
  readonly calls: string[]
  readonly calibrator: Calibrator<CommonOptions, null, string>
}

function fakeCalibrator(
  target: FakeTarget,
  {problems = [] as string[], plan = {} as Partial<RunPlan>, onCreate = () => undefined as void} = {},
): Fake {
  const calls: string[] = []
  const calibrator: Calibrator<CommonOptions, null, string> = {
    kind: 'cache',
    defaults: {maxClients: 1, maxRate: 1000, p99: '1s', classPrefix: 'cache.'},
    check(_options, _common, found) {
      calls.push('check')
      found.push(...problems)
      return null
    },
    connect: async () => {
      calls.push('connect')
      return 'connection'
    },
    plan: async (connection, _checked, common) => {
      calls.push(`plan on ${connection}`)
      return {
        server: 'fake 1.0',
        size: common.size,
        lines: ['Calibrate fake', '  writes scratch data'],
        warnings: ['a warning'],
        scratch: {
          leftover: 'the scratch data remains',
          create: async (signal, note) => {
            calls.push('create')
            note('Creating scratch data...')
            onCreate()
            if (signal.aborted) calls.push('create stopped early')
          },
          remove: async (note) => {
            calls.push('remove')
            note('Removed scratch data.')
          },
        },
        sweeps: [{name: 'fake', unit: 'operations/s', target}],
        thresholds: (sweeps) =>
          sweeps.map((sweep) => ({
            name: 'cacheNodeOps',
            value: sweep.capacity!.rate,
            unit: 'ops/s',
            referenceClass: 'any',
            factor: 1,
            how: 'not scaled',
            measured: sweep.capacity!.rate,
            measuredUnit: 'operations/s',
            lowerBound: sweep.capacity!.lowerBound,
            sweep: sweep.name,
            atClients: sweep.capacity!.concurrency,
          })),
        ...plan,
      }
    },
    close: async (connection) => {
      calls.push(`close ${connection}`)
    },
  }
  return {calls, calibrator}
}

const OPTIONS: CommonOptions = {
  url: 'fake://calibrate:s3cret@staging:1234',
  duration: '1s',
  warmup: '0',
  p99: '1s',
  'max-clients': 1,
  'max-rate': 1000,
  yes: false,
  'dry-run': false,
}

describe('runCalibration: the flow every kind of server shares', () => {
  test.each([
    ['returns them only', false, []],
    ['prints them after the plan too, for a kind that asks it', true, ['warn: a warning']],
  ])('a dry run connects and plans, then creates and sends nothing; its warnings: %s', async (_, warn, warned) => {
    const target = new FakeTarget()
    const {calls, calibrator} = fakeCalibrator(target, {plan: {warnOnDryRun: warn}})
    const {io, seen} = fakeIO()
    const result = await runCalibration(calibrator, {...OPTIONS, 'dry-run': true}, io)
    expect(calls).toEqual(['check', 'connect', 'plan on connection', 'close connection'])
    expect(target.steps).toBe(0)
    expect(seen).toEqual(['note: Calibrate fake\n  writes scratch data\n\nDry run: no load was sent.', ...warned])
    expect(result).toMatchObject({
      kind: 'cache',
      target: {url: 'fake://calibrate:***@staging:1234', server: 'fake 1.0'},
      sweeps: [],
      thresholds: [],
      warnings: ['a warning'],
      specFile: null,
    })
  })

  test('declined at the confirmation: nothing is created or sent, and the connection is closed', async () => {
    const target = new FakeTarget()
    const {calls, calibrator} = fakeCalibrator(target)
    const {io, seen} = fakeIO(false)
    await expect(runCalibration(calibrator, OPTIONS, io)).rejects.toThrow(DeclinedError)
    expect(calls).toEqual(['check', 'connect', 'plan on connection', 'close connection'])
    expect(seen).toEqual(['note: Calibrate fake\n  writes scratch data', 'asked'])
    expect(target.steps).toBe(0)
  })

  test('with --yes nothing is asked: the scratch data is created, swept, removed, and the thresholds read off', async () => {
    const target = new FakeTarget()
    const {calls, calibrator} = fakeCalibrator(target)
    const {io, seen, leftovers} = fakeIO(false)
    const before = Date.now()
    const result = await runCalibration(calibrator, {...OPTIONS, yes: true}, io)
    expect(seen).not.toContain('asked')
    expect(calls).toEqual(['check', 'connect', 'plan on connection', 'create', 'remove', 'close connection'])
    expect(target.closed).toBe(1)
    expect(leftovers()).toBeNull()
    const [sweep] = result.sweeps
    expect(sweep).toMatchObject({name: 'fake', description: 'fake operations', unit: 'operations/s'})
    expect(sweep!.steps).toHaveLength(1)
    expect(sweep!.stoppedBecause).toBe('max-clients')
    expect(result.thresholds).toEqual([
      expect.objectContaining({name: 'cacheNodeOps', value: sweep!.capacity!.rate, lowerBound: true}),
    ])
    expect(Date.parse(result.measuredAt)).toBeGreaterThanOrEqual(before - 1000)
    expect(result.settings).toMatchObject({stepSeconds: 1, warmupSeconds: 0, p99TargetMs: 1000, levels: [1]})
  })

  test("other threads of the process busy during the step (as V8's garbage collector is after big suites) do not make the generator the limit", async () => {
    // Threads spinning through the whole step keep the process's CPU above a core, while the
    // JavaScript thread that sends the load idles between operations. Eight, so that their share
    // of a shared, loaded 2-core machine still passes one core (measured: 4 gave about 0.9).
    const spin = 'const {workerData: end} = require("node:worker_threads"); while (Date.now() < end);'
    const spinners = Array.from({length: 8}, () => new Worker(spin, {eval: true, workerData: Date.now() + 1500}))
    try {
      const target = new FakeTarget()
      const {calibrator} = fakeCalibrator(target)
      const {io} = fakeIO()
      const result = await runCalibration(calibrator, {...OPTIONS, yes: true}, io)
      const [sweep] = result.sweeps
      expect(sweep!.steps[0]!.generator.bound).toBe(false)
      expect(sweep!.stoppedBecause).toBe('max-clients')
    } finally {
      await Promise.all(spinners.map((spinner) => spinner.terminate()))
    }
  })

  test('Ctrl-C during the load: it stops, the scratch data and the target are removed, then it says interrupted', async () => {
    let leftWhileRunning: string | null = null
    const {io, interrupt, leftovers} = fakeIO()
    const target = new FakeTarget(() => {
      leftWhileRunning = leftovers()
      interrupt()
    })
    const {calls, calibrator} = fakeCalibrator(target)
    await expect(runCalibration(calibrator, OPTIONS, io)).rejects.toThrow(InterruptedRunError)
    expect(leftWhileRunning).toBe('the scratch data remains')
    expect(leftovers()).toBeNull()
    expect(target.steps).toBe(1)
    expect(target.closed).toBe(1)
    expect(calls).toEqual(['check', 'connect', 'plan on connection', 'create', 'remove', 'close connection'])
  })

  test('Ctrl-C while the scratch data is created: no sweep starts, and it is removed', async () => {
    const target = new FakeTarget()
    const {io, interrupt} = fakeIO()
    const {calls, calibrator} = fakeCalibrator(target, {onCreate: interrupt})
    await expect(runCalibration(calibrator, OPTIONS, io)).rejects.toThrow(InterruptedRunError)
    expect(target.steps).toBe(0)
    expect(calls).toEqual([
      'check',
      'connect',
      'plan on connection',
      'create',
      'create stopped early',
      'remove',
      'close connection',
    ])
  })

  test.each([
    ['the target fails under load', () => new FakeTarget(failing), {}],
    ['creating the scratch data fails', () => new FakeTarget(), {onCreate: failing}],
  ])('%s: the scratch data is still removed, and the failure passes through', async (_, newTarget, setup) => {
    const target = newTarget()
    const {calls, calibrator} = fakeCalibrator(target, setup)
    const {io, seen} = fakeIO()
    await expect(runCalibration(calibrator, OPTIONS, io)).rejects.toThrow(TargetError)
    expect(calls.slice(-2)).toEqual(['remove', 'close connection'])
    expect(seen.at(-1)).toBe('note: Removed scratch data.')
  })

  test('bad input: every problem at once, in flag order, the spec file last; nothing connects', async () => {
    const {calls, calibrator} = fakeCalibrator(new FakeTarget(), {problems: ['--keys: a problem of the kind']})
    const {io, seen} = fakeIO()
    const options = {...OPTIONS, duration: 'soon', 'write-spec': '/nonexistent/spec.yaml'}
    const error = await runCalibration(calibrator, options, io).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InputError)
    expect((error as InputError).problems).toEqual([
      expect.stringMatching(/^--duration: expected a duration/),
      '--keys: a problem of the kind',
      expect.stringMatching(/^--write-spec: cannot read "\/nonexistent\/spec\.yaml": no such file/),
    ])
    expect(calls).toEqual(['check'])
    expect(seen).toEqual([])
  })

  test('a server that refuses the plan: nothing is asked, and the connection is closed', async () => {
    const {calls, calibrator} = fakeCalibrator(new FakeTarget())
    calibrator.plan = async () => {
      calls.push('plan refused')
      throw new InputError(['--max-clients: too many for the server'])
    }

    const {io, seen} = fakeIO()
    await expect(runCalibration(calibrator, OPTIONS, io)).rejects.toThrow(InputError)
    expect(calls).toEqual(['check', 'connect', 'plan refused', 'close connection'])
    expect(seen).toEqual([])
  })
})

function failing(): never {
  throw new TargetError('the fake server went away')
}
