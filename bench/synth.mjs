// bench/synth: wall time and peak RSS of `scaleplan synth` (the whole CLI process) for stage 7,
// against the floor, a hand-written CDKTF program building the same stacks from deep imports
// (bench/synth-floor.mjs), in the same run, median of RUNS runs each (default 7), interleaved.
// Run `npm run build` first.
//
// Targets: 3 regions x 5 services within 1.5x the floor's wall time and peak RSS (and under 1 s
// and 250 MB); 10 regions x 20 services with cost growing no faster than linearly in the
// resources written (the marginal time and memory per resource must not grow with size).
// A last case runs synthesize() in a bare script, to separate infra/ from CLI start-up.
import {mkdtempSync, readFileSync, readdirSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

import {moduleCase} from './bundle-source.mjs'
import {compare, report, requireGnuTime} from './lib.mjs'

requireGnuTime()
const root = fileURLToPath(new URL('..', import.meta.url))
const runs = Number(process.env.RUNS ?? 7)
const node = process.execPath
const work = mkdtempSync(join(tmpdir(), 'scaleplan-bench-synth-'))

const REGIONS = [
  'us-east-1',
  'eu-west-1',
  'ap-southeast-1',
  'us-west-2',
  'eu-central-1',
  'ap-northeast-1',
  'sa-east-1',
  'ca-central-1',
  'eu-north-1',
  'ap-south-1',
]
const sizes = [
  {name: 'synth stage 7, 1 region x 1 service', regions: 1, services: 1},
  {name: 'synth stage 7, 3 regions x 5 services', regions: 3, services: 5},
  {name: 'synth stage 7, 10 regions x 20 services', regions: 10, services: 20},
]
const synthCase = ({name, regions, services}) => ({
  name,
  command: node,
  args: [
    'bin/run.js',
    'synth',
    '--stage',
    '7',
    '--users',
    '20M',
    '--data-size',
    '2TB',
    '--availability',
    '99.9',
    '--regions',
    REGIONS.slice(0, regions).join(','),
    '--services',
    Array.from({length: services}, (_, i) => `svc${i + 1}`).join(','),
    '--out',
    join(work, `${regions}x${services}`),
  ],
  options: {cwd: root},
})

const floorCase = (regions, services) => ({
  name: `floor: hand-written CDKTF, ${regions} regions x ${services} services`,
  command: node,
  args: [
    'bench/synth-floor.mjs',
    join(work, `floor-${regions}x${services}`),
    REGIONS.slice(0, regions).join(','),
    Array.from({length: services}, (_, i) => `svc${i + 1}`).join(','),
  ],
  options: {cwd: root},
})

// The same 3x5 synthesis without the CLI around it (flag parsing, the spec): the cost of infra/ alone.
const library = await moduleCase({
  name: 'synthesize() alone, 3 regions x 5 services',
  node,
  exports: {
    resolveSpec: 'src/spec/resolve.ts',
    recommend: 'src/cost/recommend.ts',
    synthesize: 'src/infra/synthesize.ts',
  },
  script: `const flags = {users: '20M', dataSize: '2TB', availability: '99.9', regions: '${REGIONS.slice(0, 3).join(',')}', services: 'svc1,svc2,svc3,svc4,svc5'}
     const spec = resolveSpec({file: undefined, env: {}, flags}).spec
     await synthesize(recommend(spec, {stage: 7}).topology, {outDir: ${JSON.stringify(join(work, 'library'))}})`,
  options: {cwd: root},
})

const floor = floorCase(3, 5)
let rows
try {
  rows = compare([floor, ...sizes.map(synthCase), library.case], runs)
} finally {
  library.cleanup()
}

/** Resources written across all stacks of one output directory. */
function resourceCount(dir) {
  let count = 0
  for (const stack of readdirSync(join(dir, 'stacks'))) {
    const config = JSON.parse(readFileSync(join(dir, 'stacks', stack, 'cdk.tf.json'), 'utf8'))
    for (const byName of Object.values(config.resource ?? {})) count += Object.keys(byName).length
  }
  return count
}
const resources = sizes.map((size) => resourceCount(join(work, `${size.regions}x${size.services}`)))
const floorResources = resourceCount(join(work, 'floor-3x5'))
rmSync(work, {recursive: true, force: true})

report(`synth on Node ${process.version}, median of ${runs} runs`, rows, floor.name)
const [baseline, small, mid, large] = rows
console.log(
  `  resources written: ${sizes.map((s, i) => `${s.regions}x${s.services} = ${resources[i]}`).join(', ')}; the floor's 3x5 = ${floorResources}`,
)

// Marginal cost per resource from 1x1 to 3x5 and from 3x5 to 10x20; linear means the second is not larger.
const perResource = (a, b, ra, rb, key) => (b[key] - a[key]) / (rb - ra)
const timeGrowth =
  perResource(mid, large, resources[1], resources[2], 'wall') /
  perResource(small, mid, resources[0], resources[1], 'wall')
const rssGrowth =
  perResource(mid, large, resources[1], resources[2], 'rssMB') /
  perResource(small, mid, resources[0], resources[1], 'rssMB')
console.log(
  `  marginal cost per resource, 3x5->10x20 vs 1x1->3x5: ${timeGrowth.toFixed(2)}x time, ${rssGrowth.toFixed(2)}x RSS` +
    ` (${(perResource(mid, large, resources[1], resources[2], 'wall') * 1000).toFixed(2)} ms and` +
    ` ${perResource(mid, large, resources[1], resources[2], 'rssMB').toFixed(2)} MB per resource)`,
)

const checks = [
  [
    `3x5 within 1.5x the floor's wall time (${(mid.wall / baseline.wall).toFixed(2)}x)`,
    mid.wall / baseline.wall <= 1.5,
  ],
  [
    `3x5 within 1.5x the floor's peak RSS (${(mid.rssMB / baseline.rssMB).toFixed(2)}x)`,
    mid.rssMB / baseline.rssMB <= 1.5,
  ],
  [`3x5 under 1 s (${mid.wall.toFixed(2)} s)`, mid.wall < 1],
  [`3x5 under 250 MB (${mid.rssMB.toFixed(0)} MB)`, mid.rssMB < 250],
  // 1.25 allows for noise in a difference of medians; quadratic growth would show as several x.
  [`10x20 no worse than linear (marginal time ${timeGrowth.toFixed(2)}x)`, timeGrowth <= 1.25],
]
for (const [label, ok] of checks) console.log(`${ok ? 'OK  ' : 'MISS'} ${label}`)
