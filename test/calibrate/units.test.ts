/** The pure parts of calibration: judging steps, percentiles, scaling, parsing, redaction. */
import {parseParamGenerator} from '../../src/calibrate/database/param-generator.js'
import {parseDuration} from '../../src/calibrate/durations.js'
import {instanceClassInfo} from '../../src/calibrate/instance-class.js'
import {LatencyHistogram} from '../../src/calibrate/latency-histogram.js'
import {RateCap} from '../../src/calibrate/rate-cap.js'
import {redactSecrets, redactUrl, secretsOf} from '../../src/calibrate/redact.js'
import {STEP_HEADER, stepCells} from '../../src/calibrate/render.js'
import {scaleApp, scaleCache, scaleDatabase} from '../../src/calibrate/reference.js'
import type {StepMeasurement} from '../../src/calibrate/step-recorder.js'
import {StepRecorder} from '../../src/calibrate/step-recorder.js'
import {capacityOf, concurrencyLevels, judgeStep, stopReason, type StepResult} from '../../src/calibrate/verdict.js'

const LIMITS = {p99TargetMs: 50, maxErrorRate: 0.01, maxRate: Number.POSITIVE_INFINITY}
const IDLE = {cpu: 0.2, eventLoopUtilization: 0.2, eventLoopDelayP99Ms: 1}

function measurement(throughput: number, p99Ms: number, errors = 0, rateCapWaitShare = 0): StepMeasurement {
  const operations = Math.round(throughput * 10)
  return {
    throughput,
    latency: {
      p50Ms: p99Ms / 3,
      p95Ms: p99Ms / 2,
      p99Ms,
      maxMs: p99Ms * 2,
      rawP99Ms: p99Ms,
      correctionIntervalMs: p99Ms / 3,
      samples: operations,
    },
    operations,
    errors,
    errorRate: errors / (operations + errors),
    windowThroughput: [throughput, throughput],
    throughputVariation: 0,
    meanBytes: null,
    errorSamples: [],
    measuredSeconds: 10,
    rateCapWaitShare,
  }
}

const step = (c: number, throughput: number, p99Ms: number, errors = 0): StepResult =>
  judgeStep(c, measurement(throughput, p99Ms, errors), IDLE, LIMITS)

describe('judging a sweep', () => {
  test.each([
    ['p99 under the target passes', step(4, 1000, 20), true, 'ok'],
    ['p99 over the target fails', step(8, 1100, 61.24), false, 'p99 61.2 ms > 50.0 ms'],
    ['too many errors fail whatever the latency', step(2, 500, 5, 100), false, 'errors 2.0% > 1.0%'],
  ])('%s', (_, result, passed, verdict) => {
    expect(result.passed).toBe(passed)
    expect(result.verdict).toBe(verdict)
  })

  test('the capacity is the best passing step; a failed step after it makes it exact', () => {
    const steps = [step(1, 300, 5), step(2, 580, 8), step(4, 1000, 20), step(8, 1100, 61)]
    expect(stopReason(steps, false)).toBe('latency')
    expect(capacityOf(steps, 'latency')).toEqual({
      rate: 1000,
      concurrency: 4,
      p99Ms: 20,
      lowerBound: false,
      stoppedBecause: 'latency',
    })
  })

  test('two doublings that add under 5% mean saturation: stop rising', () => {
    const steps = [step(1, 195, 6), step(2, 200, 11), step(4, 202, 21)]
    expect(stopReason(steps, false)).toBe('saturated')
    expect(capacityOf(steps, 'saturated')?.rate).toBe(202)
  })

  test('reaching --max-clients without a miss gives a lower bound', () => {
    const steps = [step(1, 300, 5), step(2, 600, 6)]
    expect(stopReason(steps, true)).toBe('max-clients')
    expect(capacityOf(steps, 'max-clients')?.lowerBound).toBe(true)
  })

  test('a load generator whose event loop is never idle stops the sweep, with a lower bound', () => {
    const busy = {cpu: 0.97, eventLoopUtilization: 0.95, eventLoopDelayP99Ms: 12}
    const bound = judgeStep(8, measurement(9000, 3), busy, LIMITS)
    expect(bound.generator.bound).toBe(true)
    expect(stopReason([bound], false)).toBe('generator')
    expect(capacityOf([bound], 'generator')?.lowerBound).toBe(true)
  })

  test("other threads' CPU (the garbage collector's, on other cores) does not make an idle generator the limit", () => {
    const collecting = {cpu: 1.4, eventLoopUtilization: 0.1, eventLoopDelayP99Ms: 1}
    const step = judgeStep(8, measurement(9000, 3), collecting, LIMITS)
    expect(step.generator.bound).toBe(false)
    expect(stopReason([step], true)).toBe('max-clients')
  })

  test("the table shows the generator's busy share, what decides, not the process's CPU", () => {
    const collecting = {cpu: 1.4, eventLoopUtilization: 0.1, eventLoopDelayP99Ms: 1}
    const cells = stepCells(judgeStep(8, measurement(9000, 3), collecting, LIMITS))
    expect(cells[STEP_HEADER.indexOf('gen busy')]).toBe('10%')
  })

  test('no passing step: no capacity', () => {
    expect(capacityOf([step(1, 10, 400)], 'latency')).toBeNull()
  })

  test('levels double from 1 and end at the maximum', () => {
    expect(concurrencyLevels(64)).toEqual([1, 2, 4, 8, 16, 32, 64])
    expect(concurrencyLevels(48)).toEqual([1, 2, 4, 8, 16, 32, 48])
    expect(concurrencyLevels(1)).toEqual([1])
  })
})

describe('latency percentiles', () => {
  test('a stall a closed loop recorded once shows in the corrected p99', () => {
    const histogram = new LatencyHistogram()
    for (let i = 0; i < 1000; i++) histogram.record(1)
    histogram.record(1000) // one client waited 1 s; 999 requests that would have been sent meanwhile were not
    const summary = histogram.summarise()
    expect(summary.rawP99Ms).toBeCloseTo(1, 1)
    expect(summary.p99Ms).toBeGreaterThan(900)
    expect(summary.samples).toBe(1001)
  })

  test('steady latencies are left as they are', () => {
    const histogram = new LatencyHistogram()
    for (let i = 0; i < 1000; i++) histogram.record(10 + (i % 10) / 10)
    const summary = histogram.summarise()
    expect(summary.p99Ms).toBeCloseTo(summary.rawP99Ms, 1)
  })

  test('the recorder counts only the measurement window, in one-second windows', () => {
    let now = 0
    const recorder = new StepRecorder(1, 1000, 4000, () => now)
    const at = (t: number, n: number) => {
      now = t
      for (let i = 0; i < n; i++) recorder.success(2)
    }

    at(500, 100) // settling: not counted
    at(1500, 100)
    at(2500, 100)
    at(3500, 130)
    at(4200, 100) // after the window
    const m = recorder.finish(4200)
    expect(m.operations).toBe(330)
    expect(m.throughput).toBeCloseTo(110, 6)
    expect(m.windowThroughput).toEqual([100, 100, 130])
    expect(m.throughputVariation).toBeGreaterThan(0.15)
  })
})

/** A simulated clock for one client at a time: a sleep moves it on at once, by the time asked and `lateMs` more. */
function simulatedClock(lateMs = 0) {
  const clock = {
    t: 0,
    slept: [] as number[],
    now: () => clock.t,
    async sleep(ms: number) {
      clock.slept.push(ms)
      clock.t += ms + lateMs
    },
  }
  return clock
}

/**
 * A step of `clients` closed-loop clients against a server that answers each operation in
 * `serviceMs`, paced by a RateCap of `maxRate`, on a simulated clock: each client, in turn of the
 * time it is ready, asks the cap, waits as told, sends, and is ready again once answered. The
 * whole step is measured.
 */
async function pacedStep(clients: number, serviceMs: number, maxRate: number, seconds = 10): Promise<StepResult> {
  const clock = simulatedClock()
  const recorder = new StepRecorder(clients, 0, seconds * 1000, clock.now)
  const cap = new RateCap(maxRate, recorder, clock)
  const signal = new AbortController().signal
  const ready = Array.from({length: clients}, () => 0)
  for (;;) {
    const client = ready.indexOf(Math.min(...ready))
    clock.t = ready[client]!
    if (clock.t >= seconds * 1000) break
    if (clock.t > 0) recorder.success(serviceMs)
    await cap.take(signal)
    ready[client] = clock.t + serviceMs
  }

  // A latency target every such step meets: only the cap is judged here.
  return judgeStep(clients, recorder.finish(seconds * 1000), IDLE, {...LIMITS, p99TargetMs: 1000, maxRate})
}

describe('the rate cap', () => {
  test('lets operations through below the rate and makes the excess wait', () => {
    // Clients that ask in the same instant: the clock stands still while they wait.
    let now = 0
    const slept: number[] = []
    const clock = {now: () => now, sleep: async (ms: number) => void slept.push(ms)}
    const cap = new RateCap(100, {heldByCap: () => undefined}, clock)
    const signal = new AbortController().signal
    // 100/s is one every 10 ms: the first goes at once, the others at once in the same instant wait their turn.
    const waits = Array.from({length: 5}, () => cap.take(signal) !== undefined)
    expect(waits).toEqual([false, true, true, true, true])
    expect(slept).toEqual([10, 20, 30, 40])
    // After a pause the clients are behind the rate again: no wait.
    now = 1000
    expect(cap.take(signal)).toBeUndefined()
    expect(cap.take(signal)).toBeUndefined()
  })

  test('reports the time a client actually waited, late timer included, not the time it asked for', async () => {
    const clock = simulatedClock(1)
    const held: [number, number][] = []
    const cap = new RateCap(10_000, {heldByCap: (from, until) => held.push([from, until])}, clock)
    const signal = new AbortController().signal
    expect(cap.take(signal)).toBeUndefined()
    // The next operation is due 0.1 ms later: the client asks for 0.1 ms and the timer fires 1 ms late.
    await cap.take(signal)
    expect(clock.slept).toEqual([0.1])
    expect(held).toHaveLength(1)
    expect(held[0]![0]).toBe(0)
    expect(held[0]![1]).toBeCloseTo(1.1, 9)
  })

  test("the recorder counts the waits inside the measurement window only, as a share of the clients' time", () => {
    let now = 0
    const recorder = new StepRecorder(2, 1000, 3000, () => now)
    recorder.heldByCap(0, 1500) // settling until 1000: only 500 ms count
    recorder.heldByCap(2000, 2400)
    recorder.heldByCap(2900, 3600) // past the window: 100 ms count
    now = 3000
    // 1000 ms held of 2 clients x 2 s.
    expect(recorder.finish(3000).rateCapWaitShare).toBeCloseTo(0.25, 9)
  })

  test('one burst of waits does not make a step capped: a server at 80% of the cap stops for its own reasons', async () => {
    // 50 clients starting together under 1000/s: 49 of them wait (up to 49 ms) once, then the
    // server's 62.5 ms per operation keeps them at 800/s, under the cap, without another wait.
    const step = await pacedStep(50, 62.5, 1000)
    expect(step.throughput).toBeGreaterThan(780)
    expect(step.throughput).toBeLessThan(810)
    expect(step.rateCapWaitShare).toBeGreaterThan(0)
    expect(step.rateCapWaitShare).toBeLessThan(0.01)
    expect(step.capped).toBe(false)
    expect(stopReason([step], false)).toBeNull()
  })

  test('sustained waiting makes a step capped: a server 25% faster than the cap waits a fifth of the time', async () => {
    // 50 clients at 40 ms per operation could send 1250/s; the cap lets 1000/s through.
    const step = await pacedStep(50, 40, 1000)
    expect(step.throughput).toBeCloseTo(1000, -1)
    expect(step.rateCapWaitShare).toBeCloseTo(0.2, 1)
    expect(step.capped).toBe(true)
    expect(stopReason([step], false)).toBe('max-rate')
    expect(capacityOf([step], 'max-rate')?.lowerBound).toBe(true)
  })

  test.each([
    ['clients waited a tenth of their time, throughput well under the cap', 800, 0.1, true],
    ['throughput within 10% of the cap, however little the clients waited', 900, 0, true],
    ['throughput at 81% of the cap, a few waits', 810, 0.002, false],
  ])('against a cap of 1000/s: %s', (_, throughput, share, capped) => {
    const result = judgeStep(8, measurement(throughput, 3, 0, share), IDLE, {...LIMITS, maxRate: 1000})
    expect(result.capped).toBe(capped)
  })
})

describe('scaling to the catalog reference', () => {
  test('a rated database class by its rating, so plans give the measured rate back', () => {
    const scaled = scaleDatabase(3000, {vcpus: 16, instanceClass: 'db.r7g.4xlarge'})!
    expect(scaled.value).toBe(1500)
    expect(scaled.referenceClass).toBe('db.r7g.xlarge')
  })

  test('other sizes linearly by vCPUs; unknown size: not scaled at all', () => {
    expect(scaleDatabase(2000, {vcpus: 2, instanceClass: null})!.value).toBe(4000)
    expect(scaleDatabase(2000, {vcpus: null, instanceClass: null})).toBeNull()
  })

  test('app rates per vCPU onto the app server and a service task', () => {
    expect(scaleApp(150, 4, 2, 'm7g.large').value).toBe(300)
    expect(scaleApp(150, 4, 1, 'task').value).toBe(150)
  })

  test('cache: not scaled by vCPUs, only by the catalog rating of a known node type', () => {
    expect(scaleCache(80_000, {vcpus: 8, instanceClass: null}).value).toBe(80_000)
    expect(scaleCache(80_000, {vcpus: 4, instanceClass: 'cache.r7g.xlarge'}).value).toBe(40_000)
  })
})

describe('parsing', () => {
  test.each([
    ['db.r7g.xlarge', 4, false],
    ['db.r7g.large', 2, false],
    ['db.r6i.12xlarge', 48, false],
    ['db.t4g.medium', 2, true],
    ['m7g.medium', 1, false],
    ['cache.t4g.micro', 2, true],
    ['t2.micro', 1, true],
  ])('%s has %i vCPUs', (name, vcpus, burstable) => {
    expect(instanceClassInfo(name)).toEqual({name, vcpus, burstable})
  })

  test.each(['r7g', 'db.r7g.metal', 'db.r7g.huge', ''])('"%s" is not a class it can size', (name) => {
    expect(instanceClassInfo(name)).toBeNull()
  })

  test('durations', () => {
    expect(parseDuration('30s', {min: 1000, max: 600_000})).toEqual({ok: true, value: 30_000})
    expect(parseDuration('2m', {min: 1000, max: 600_000})).toEqual({ok: true, value: 120_000})
    expect(parseDuration('45', {min: 1000, max: 600_000})).toEqual({ok: true, value: 45_000})
    expect(parseDuration('50', {min: 0.1, max: 60_000, bareUnit: 'ms'})).toEqual({ok: true, value: 50})
    expect(parseDuration('0.2s', {min: 0.1, max: 60_000, bareUnit: 'ms'})).toEqual({ok: true, value: 200})
    expect(parseDuration('soon', {min: 1000, max: 600_000})).toEqual({
      ok: false,
      message: 'expected a duration from 1s to 10m, like 30s, 2m or 45, got "soon"',
    })
  })

  test('parameter generators', () => {
    const int = parseParamGenerator('int:5..7') as () => number
    for (let i = 0; i < 100; i++) expect([5, 6, 7]).toContain(int())
    const seq = parseParamGenerator('seq:10') as () => number
    expect([seq(), seq(), seq()]).toEqual([10, 11, 12])
    expect((parseParamGenerator('text:12') as () => string)()).toMatch(/^[A-Za-z0-9]{12}$/)
    expect((parseParamGenerator('uuid') as () => string)()).toMatch(/^[0-9a-f-]{36}$/)
    expect(['a', 'b']).toContain((parseParamGenerator('pick:a,b') as () => string)())
    expect((parseParamGenerator('value:x:y') as () => string)()).toBe('x:y')
    expect(parseParamGenerator('int:9..1')).toBe(
      'expected int:MIN..MAX with whole numbers, MIN <= MAX, like int:1..100000, got "int:9..1"',
    )
    expect(parseParamGenerator('random')).toMatch(/^expected one of int:MIN..MAX, seq\[:START\]/)
  })
})

describe('secrets in URLs', () => {
  test.each([
    ['postgres://app:s3cret@db:5432/app', 'postgres://app:***@db:5432/app'],
    ['postgres://app@db/app', 'postgres://app@db/app'],
    ['redis://:tok%40en@cache:6379', 'redis://:***@cache:6379'],
    ['postgres://db/app?password=hunter2&sslmode=require', 'postgres://db/app?password=***&sslmode=require'],
    ['not a url with pw', '***'],
  ])('%s shows as %s', (raw, shown) => {
    expect(redactUrl(raw)).toBe(shown)
  })

  test('a driver message quoting the password, raw or decoded, is redacted', () => {
    const secrets = secretsOf('redis://:tok%40en@cache:6379')
    expect(redactSecrets('auth failed for tok@en (tok%40en)', secrets)).toBe('auth failed for *** (***)')
  })
})
