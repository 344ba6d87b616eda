// bench/forecast: planning under uncertainty, against the one plan it repeats. Run `npm run build` first
// (the whole-process part runs the built CLI).
//
// 1. Whole process: `scaleplan recommend --json` of a three-region stage-7 spec with ranges on
//    users, requests per user, peak factor and data size (10,000 samples, the default), against
//    the same spec as points, median of RUNS runs each (default 3), interleaved. Target: the
//    samples add under 1 s.
// 2. In process: 10,000 samples through simulate() against 10,000 calls of the sample planner
//    (samplePlan, which the CLI's forecast runs for each sample) alone on the same points: the
//    sampling loop's own overhead (drawing, point specs, percentiles, grouping, sensitivity) as a
//    ratio. Target: within a few percent of the planner.
// 3. In process: a 24-month timeline of the same spec. Target: under 50 ms.
import {performance} from 'node:perf_hooks'
import {fileURLToPath} from 'node:url'

import {importSource} from './bundle-source.mjs'
import {compare, median, report, requireGnuTime} from './lib.mjs'

requireGnuTime()
const root = fileURLToPath(new URL('..', import.meta.url))
const runs = Number(process.env.RUNS ?? 3)
const samples = Number(process.env.SAMPLES ?? 10_000)
const node = process.execPath

// The CLI's bundle keeps no module apart, so the in-process parts import one bundle of the sources.
const {module: sources, cleanup} = await importSource({
  recommend: 'src/cost/recommend.ts',
  samplePlan: 'src/cost/recommend.ts',
  simulate: 'src/forecast/simulate.ts',
  timeline: 'src/forecast/timeline.ts',
  uncertainInputs: 'src/forecast/inputs.ts',
  pointSpec: 'src/forecast/inputs.ts',
  quantile: 'src/forecast/distribution.ts',
  createRandom: 'src/forecast/random.ts',
  resolveSpec: 'src/spec/resolve.ts',
})
process.on('exit', cleanup)
const {recommend, samplePlan, simulate, timeline, uncertainInputs, pointSpec, quantile, createRandom, resolveSpec} =
  sources

const POINT = {
  name: 'shop',
  users: '30M',
  requestsPerUser: '50',
  peakFactor: '2',
  dataSize: '2TB',
  availability: '99.9',
  regions: 'us-east-1,eu-west-1,ap-southeast-1',
  services: 'orders,catalog,users',
}
const RANGES = {users: '10M..60M', requestsPerUser: '20..80', peakFactor: '1.5..4', dataSize: '1TB..4TB'}
const args = (fields) => [
  'bin/run.js',
  'recommend',
  '--json',
  ...Object.entries(fields).flatMap(([k, v]) => [`--${k.replaceAll(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, v]),
]

const rows = compare(
  [
    {name: 'recommend, points', command: node, args: args(POINT), options: {cwd: root}},
    {
      name: `recommend, ranges (${samples} samples)`,
      command: node,
      args: [...args({...POINT, ...RANGES}), '--samples', String(samples)],
      options: {cwd: root},
    },
  ],
  runs,
)
report(`forecast: whole process, median of ${runs}`, rows, 'recommend, points')
console.log(
  `  samples add ${((rows[1].wall - rows[0].wall) * 1000).toFixed(0)} ms to one recommend (target: under 1,000 ms)`,
)

const specOf = (flags) => {
  const result = resolveSpec({env: {}, flags})
  if (!result.ok) throw new Error(result.problems.join('\n'))
  return result.spec
}

const ranged = specOf({...POINT, ...RANGES})
const plan = (spec) => recommend(spec)
const time = (fn) => {
  const start = performance.now()
  fn()
  return performance.now() - start
}

// The same points simulate() draws, planned alone: what the planner costs without the loop around it.
const inputs = uncertainInputs(ranged)
const columns = inputs.map(({name, range}) => {
  const random = createRandom(1, name)
  return Array.from({length: samples}, () => quantile(range, random()))
})
const points = Array.from({length: samples}, (_, i) =>
  pointSpec(ranged, Object.fromEntries(inputs.map(({name}, k) => [name, columns[k][i]]))),
)
// Warm the JIT on both paths first, so that neither pays for compiling the planner.
points.slice(0, 500).forEach((point) => samplePlan(point))
simulate(ranged, {samples: 500, seed: 2, plan, sample: samplePlan})
const plannerAlone = []
const simulated = []
for (let run = 0; run < runs; run++) {
  plannerAlone.push(time(() => points.forEach((point) => samplePlan(point))))
  simulated.push(time(() => simulate(ranged, {samples, seed: 1, plan, sample: samplePlan})))
}

const [alone, loop] = [median(plannerAlone), median(simulated)]
console.log(`forecast: in process, median of ${runs}`)
console.log(
  `  samplePlan alone, ${samples} points     ${alone.toFixed(0).padStart(7)} ms   ${((alone / samples) * 1000).toFixed(0)} µs a plan`,
)
console.log(
  `  simulate(), ${samples} samples       ${loop.toFixed(0).padStart(7)} ms   ${(loop / alone).toFixed(3)}x the planner alone`,
)

const growing = specOf({...POINT, users: '2M', growth: '8%/month', dataGrowth: '50GB/month', horizon: '24'})
const timelines = Array.from({length: Math.max(runs, 5)}, () => time(() => timeline(growing, plan)))
console.log(`  24-month timeline                ${median(timelines).toFixed(1).padStart(7)} ms   (target: under 50 ms)`)
