// bench/calibrate: how close `scaleplan calibrate app` gets to a capacity known by construction.
// Each case starts test/e2e/calibrate/fixtures/queue-app.mjs (W workers, each serving one request at a
// time for exactly S ms, so at most W x 1000 / S req/s) on loopback, calibrates it through the
// built CLI, and reports measured / known. Target: within 0.75-1.25 (the tests' bound).
// Run `npm run build` first. STEP (default 5s) sets --duration.
import {spawnSync} from 'node:child_process'
import {fileURLToPath} from 'node:url'

import {startQueueApp} from '../test/e2e/calibrate/helpers/queue-app.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const step = process.env.STEP ?? '5s'
const cases = [
  {workers: 1, serviceMs: 5},
  {workers: 1, serviceMs: 2},
  {workers: 2, serviceMs: 10},
  {workers: 4, serviceMs: 5},
  {workers: 8, serviceMs: 20},
]

console.log(`calibrate app vs known capacity (--duration ${step}, --p99 200ms, --max-clients 256)`)
console.log('  workers x ms   known req/s   measured req/s   ratio   stopped     wall')
const ratios = []
for (const c of cases) {
  const known = (c.workers * 1000) / c.serviceMs
  const app = await startQueueApp(c)
  const start = process.hrtime.bigint()
  const args = [
    'calibrate',
    'app',
    '--url',
    app.url,
    '--vcpus',
    '1',
    '--duration',
    step,
    '--warmup',
    '2s',
    '--yes',
    '--json',
  ]
  const result = spawnSync(process.execPath, [`${root}bin/run.js`, ...args], {encoding: 'utf8'})
  const wall = Number(process.hrtime.bigint() - start) / 1e9
  await app.stop()
  if (result.status !== 0) throw new Error(`calibrate failed (${result.status}): ${result.stderr}`)
  const sweep = JSON.parse(result.stdout).sweeps[0]
  const measured = sweep.capacity.rate
  ratios.push(measured / known)
  console.log(
    `  ${`${c.workers} x ${c.serviceMs}`.padEnd(12)} ${known.toFixed(0).padStart(11)} ${measured.toFixed(1).padStart(16)} ${(measured / known).toFixed(3).padStart(7)}   ${sweep.stoppedBecause.padEnd(9)} ${wall.toFixed(1).padStart(6)} s`,
  )
}

const worst = ratios.reduce((a, b) => (Math.abs(b - 1) > Math.abs(a - 1) ? b : a))
console.log(`  worst ratio ${worst.toFixed(3)}: ${Math.abs(worst - 1) <= 0.25 ? 'within' : 'OUTSIDE'} the 25% target`)
