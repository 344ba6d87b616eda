// bench/synth: wall time and peak RSS of `scaleplan synth` (the whole CLI process) for stage 7,
// against a baseline process that only imports @cdktf/provider-aws from its package root, in
// the same run, median of RUNS runs each (default 7), interleaved. Run `npm run build` first.
//
// Targets: 3 regions x 5 services under 1 s and 250 MB, and at least 5x faster than the
// baseline import; 10 regions x 20 services with cost growing no faster than linearly in the
// resources written (the marginal time and memory per resource must not grow with size).
// A last case runs synthesize() in a bare script, to separate infra/ from CLI start-up.
import {mkdtempSync, readFileSync, readdirSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

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

// The same 3x5 synthesis without the CLI around it (oclif, flag parsing): the cost of infra/ alone.
const libraryCase = {
  name: 'synthesize() alone, 3 regions x 5 services',
  command: node,
  args: [
    '--input-type=module',
    '-e',
    `import {resolveSpec} from './dist/spec/resolve.js'
     import {recommend} from './dist/cost/recommend.js'
     import {synthesize} from './dist/infra/synthesize.js'
     const regions = '${REGIONS.slice(0, 3).join(',')}'
     const flags = {users: '20M', dataSize: '2TB', availability: '99.9', regions, services: 'svc1,svc2,svc3,svc4,svc5'}
     const spec = resolveSpec({file: undefined, env: {}, flags}).spec
     await synthesize(recommend(spec, {stage: 7}).topology, {outDir: '${join(work, 'library')}'})`,
  ],
  options: {cwd: root},
}

const baselineName = 'baseline: import @cdktf/provider-aws (root)'
const rows = compare(
  [
    {
      name: baselineName,
      command: node,
      args: ['--input-type=module', '-e', "await import('@cdktf/provider-aws')"],
      options: {cwd: root},
    },
    ...sizes.map(synthCase),
    libraryCase,
  ],
  runs,
)

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
rmSync(work, {recursive: true, force: true})

report(`synth, median of ${runs} runs`, rows, baselineName)
const [baseline, small, mid, large, library] = rows
console.log(`  resources written: ${sizes.map((s, i) => `${s.regions}x${s.services} = ${resources[i]}`).join(', ')}`)

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
  [`3x5 under 1 s (${mid.wall.toFixed(2)} s)`, mid.wall < 1],
  [`3x5 under 250 MB (${mid.rssMB.toFixed(0)} MB)`, mid.rssMB < 250],
  [
    `3x5 at least 5x faster than the baseline import (${(baseline.wall / mid.wall).toFixed(1)}x)`,
    baseline.wall / mid.wall >= 5,
  ],
  [
    `3x5 synthesize() alone at least 5x faster than the baseline import (${(baseline.wall / library.wall).toFixed(1)}x)`,
    baseline.wall / library.wall >= 5,
  ],
  // 1.25 allows for noise in a difference of medians; quadratic growth would show as several x.
  [`10x20 no worse than linear (marginal time ${timeGrowth.toFixed(2)}x)`, timeGrowth <= 1.25],
]
for (const [label, ok] of checks) console.log(`${ok ? 'OK  ' : 'MISS'} ${label}`)
