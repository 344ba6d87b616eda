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

const LIMITS = {p99TargetMs: 50, maxErrorRate: 0.01}
const IDLE = {cpu: 0.2, eventLoopUtilization: 0.2, eventLoopDelayP99Ms: 1}

function measurement(throughput: number, p99Ms: number, errors = 0): StepMeasurement {
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
  }
}

const step = (c: number, throughput: number, p99Ms: number, errors = 0): StepResult =>
  judgeStep(c, measurement(throughput, p99Ms, errors), IDLE, false, LIMITS)

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
    const bound = judgeStep(8, measurement(9000, 3), busy, false, LIMITS)
    expect(bound.generator.bound).toBe(true)
    expect(stopReason([bound], false)).toBe('generator')
    expect(capacityOf([bound], 'generator')?.lowerBound).toBe(true)
  })

  test("other threads' CPU (the garbage collector's, on other cores) does not make an idle generator the limit", () => {
    const collecting = {cpu: 1.4, eventLoopUtilization: 0.1, eventLoopDelayP99Ms: 1}
    const step = judgeStep(8, measurement(9000, 3), collecting, false, LIMITS)
    expect(step.generator.bound).toBe(false)
    expect(stopReason([step], true)).toBe('max-clients')
  })

  test("the table shows the generator's busy share, what decides, not the process's CPU", () => {
    const collecting = {cpu: 1.4, eventLoopUtilization: 0.1, eventLoopDelayP99Ms: 1}
    const cells = stepCells(judgeStep(8, measurement(9000, 3), collecting, false, LIMITS))
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
    const recorder = new StepRecorder(1000, 4000, () => now)
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

describe('the rate cap', () => {
  test('lets operations through below the rate and makes the excess wait', () => {
    let now = 0
    const cap = new RateCap(100, () => now)
    const signal = new AbortController().signal
    // 100/s is one every 10 ms: the first goes at once, the others at once in the same instant wait their turn.
    const waits = Array.from({length: 5}, () => cap.take(signal) !== undefined)
    expect(waits).toEqual([false, true, true, true, true])
    expect(cap.capped).toBe(true)
    // After a pause the clients are behind the rate again: no wait.
    now = 1000
    expect(cap.take(signal)).toBeUndefined()
    expect(cap.take(signal)).toBeUndefined()
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
