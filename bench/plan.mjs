// bench/plan: plans per second in process, the rate the forecast (thousands of plans per run) and
// the wizard (a plan per answer) depend on. Two planning functions, each from a spec to its plan:
// - recommend(spec): load, stage, sizing, cost, and what explains them (reasons, next-stage
//   triggers, quotas, availability, assumptions, the bill's details): what `recommend` prints;
// - samplePlan(spec): the same stage, topology and monthly cost without the explanations: what
//   the forecast computes for each of its samples.
// Specs are resolved once beforehand, 64 of them with users and data size varied around the named
// load so no input repeats back to back (nothing is cached between plans: each builds its planner).
// Median of ROUNDS rounds (default 7) of SECONDS each (default 1), after a warm-up.
// Target: over 20,000 plans a second for the three-region stage-7 spec. `node bench/plan.mjs`
// (no build needed: the sources are bundled on the fly).
import {performance} from 'node:perf_hooks'

import {importSource} from './bundle-source.mjs'
import {median} from './lib.mjs'

const rounds = Number(process.env.ROUNDS ?? 7)
const seconds = Number(process.env.SECONDS ?? 1)
const {module, cleanup} = await importSource({
  resolveSpec: 'src/spec/resolve.ts',
  recommend: 'src/cost/recommend.ts',
  samplePlan: 'src/cost/recommend.ts',
})
const {resolveSpec, recommend, samplePlan} = module
const planners = [
  {name: 'recommend', plan: recommend, stageOf: (plan) => plan.stage.number},
  {name: 'samplePlan', plan: samplePlan, stageOf: (plan) => plan.stage},
]

const cases = [
  {
    name: 'stage 7: 3 regions, 5 services, 20M users',
    target: 20_000,
    flags: {regions: 'us-east-1,eu-west-1,ap-southeast-1', services: 'svc1,svc2,svc3,svc4,svc5', users: 20e6, tb: 2},
  },
  {
    name: 'stage 4 (the example, with next-stage triggers): 2 regions, 2.5M users',
    flags: {regions: 'us-east-1,eu-west-1', users: 2.5e6, tb: 0.5},
  },
]

/** 64 specs around the case's load: users and data size within +-20%. */
function specsOf({regions, services, users, tb}) {
  return Array.from({length: 64}, (_, i) => {
    const scale = 0.8 + (0.4 * i) / 63
    const flags = {regions, users: String(Math.round(users * scale)), dataSize: `${Math.round(tb * scale * 1000)}GB`}
    if (services) flags.services = services
    const result = resolveSpec({file: undefined, env: {}, flags})
    if (!result.ok) throw new Error(result.problems.join('; '))
    return result.spec
  })
}

/** Plans per second over `seconds`, cycling through the specs. */
function rate({plan, stageOf}, specs) {
  let plans = 0
  let stages = 0
  const end = performance.now() + seconds * 1000
  const start = performance.now()
  while (performance.now() < end) {
    for (let i = 0; i < 64; i++) stages += stageOf(plan(specs[(plans + i) % 64]))
    plans += 64
  }
  if (stages === 0) throw new Error('no plans') // keeps the results in use
  return plans / ((performance.now() - start) / 1000)
}

console.log(`plan: in process, median of ${rounds} rounds of ${seconds} s, Node ${process.version}`)
for (const c of cases) {
  const specs = specsOf(c.flags)
  console.log(`${c.name}: stage ${recommend(specs[32]).stage.number}`)
  for (const planner of planners) {
    rate(planner, specs) // warm-up: the first calls run before the optimising compiler has seen them
    const rates = Array.from({length: rounds}, () => rate(planner, specs))
    const plansPerSecond = median(rates)
    const line = `${planner.name.padEnd(10)} ${Math.round(plansPerSecond).toLocaleString('en')} plans/s (${(1e6 / plansPerSecond).toFixed(1)} us each; rounds ${Math.round(Math.min(...rates)).toLocaleString('en')}-${Math.round(Math.max(...rates)).toLocaleString('en')})`
    console.log(
      c.target === undefined
        ? `       ${line}`
        : `  ${plansPerSecond > c.target ? 'OK  ' : 'MISS'} ${line}, target over ${c.target.toLocaleString('en')}`,
    )
  }
}
cleanup()
