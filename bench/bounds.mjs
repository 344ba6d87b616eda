// bench/bounds: what the largest topology scaleplan synthesizes costs (src/topology/bounds.ts),
// against the 3 regions x 5 services case of bench/synth.mjs, and what refusing one past the
// bounds costs, against refusing a plain bad input. Whole processes (wall time, peak RSS by GNU
// time), median of RUNS runs each (default 5), interleaved. Run `npm run build` first.
//
// The largest topology: 5 regions (200 service deployments: 40 services each) and 1,000 database
// instances (200 per region: 40 shards of a primary and 4 replicas, or of 5 cross-region
// replicas), every count at its bound. Targets: synthesized within 10 s and 1 GB; refused past
// the bounds no slower than a plain bad input (1.25x), since it is refused before cdktf loads.
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

import {compare, report, requireGnuTime} from './lib.mjs'

requireGnuTime()
const root = fileURLToPath(new URL('..', import.meta.url))
const runs = Number(process.env.RUNS ?? 5)
const node = process.execPath
const work = mkdtempSync(join(tmpdir(), 'scaleplan-bench-bounds-'))

const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-1', 'us-west-2', 'eu-central-1']
const base = JSON.parse(readFileSync(join(root, 'test/fixtures/topologies/stage-7-three-regions.json'), 'utf8'))

/** stage-7-three-regions widened to `regions` regions of `services` services and `shards` database shards. */
function topology(regions, services, shards) {
  const replica = base.regions.find((region) => region.region !== base.primaryRegion)
  const withCounts = (region) => {
    const service = region.components.find((c) => c.kind === 'service')
    const others = region.components.filter((c) => c.kind !== 'service' && c.kind !== 'database')
    const database = region.components.find((c) => c.kind === 'database')
    return {
      ...region,
      components: [
        ...others,
        {...database, shards, replicasPerShard: database.role === 'primary' ? 4 : 5},
        ...Array.from({length: services}, (_, i) => ({...service, name: `svc${i}`, path: `/svc${i}/*`})),
      ],
    }
  }

  return {
    ...base,
    regions: REGIONS.slice(0, regions).map((name, index) =>
      withCounts(index === 0 ? base.regions[0] : {...JSON.parse(JSON.stringify(replica)), region: name}),
    ),
  }
}

const largestFile = join(work, 'largest.json')
writeFileSync(largestFile, JSON.stringify(topology(5, 40, 40)))
const smallFile = join(work, 'small.json')
writeFileSync(smallFile, JSON.stringify(topology(3, 5, 1)))

const synthesizeCase = (name, file) => ({
  name,
  command: node,
  args: [
    '--input-type=module',
    '-e',
    `import {readFileSync, rmSync} from 'node:fs'
     import {topologyExcesses} from './dist/topology/bounds.js'
     import {synthesize} from './dist/infra/synthesize.js'
     const topology = JSON.parse(readFileSync('${file}', 'utf8'))
     if (topologyExcesses(topology).length > 0) throw new Error('past the bounds: ' + topologyExcesses(topology)[0].message)
     const outDir = '${file}.out'
     rmSync(outDir, {recursive: true, force: true})
     await synthesize(topology, {outDir})`,
  ],
  options: {cwd: root},
})

const hostile = join(work, 'hostile.yaml')
writeFileSync(hostile, 'users: 10B\nthresholds:\n  dbNodeReadQps: 1\n')
const refused = (name, args) => ({
  name,
  command: 'sh',
  // Exit 2 is the expected outcome here; measure() wants 0.
  args: ['-c', `"${node}" bin/run.js ${args} >/dev/null 2>&1; test $? -eq 2`],
  options: {cwd: root},
})

const rows = compare(
  [
    synthesizeCase('synthesize() 3 regions x 5 services', smallFile),
    synthesizeCase('synthesize() the largest topology', largestFile),
    refused('synth --users lots (bad input)', `synth --users lots --out ${join(work, 'a')}`),
    refused('synth past the bounds (10B users)', `synth --spec ${hostile} --out ${join(work, 'b')}`),
  ],
  runs,
)
rmSync(work, {recursive: true, force: true})

report(`bounds, median of ${runs} runs`, rows, 'synthesize() 3 regions x 5 services')
const [, largest, bad, past] = rows
const checks = [
  [`the largest topology within 10 s (${largest.wall.toFixed(2)} s)`, largest.wall < 10],
  [`the largest topology within 1 GB (${largest.rssMB.toFixed(0)} MB)`, largest.rssMB < 1024],
  [
    `refused past the bounds as fast as a plain bad input (${(past.wall / bad.wall).toFixed(2)}x time, ` +
      `${(past.rssMB / bad.rssMB).toFixed(2)}x RSS)`,
    past.wall / bad.wall <= 1.25,
  ],
]
for (const [label, ok] of checks) console.log(`${ok ? 'OK  ' : 'MISS'} ${label}`)
