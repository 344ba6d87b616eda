// bench/apply: three region stacks whose stand-in `terraform apply` takes T each, applied at the
// default parallelism. Target: the three applies finish within 1.5 T of the first one starting.
// Day-two changes (the primary's database already exists), so no stack waits for another.
// Run `npm run build` first. T defaults to 3000 ms (APPLY_MS).
import {spawnSync} from 'node:child_process'
import {mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const T = Number(process.env.APPLY_MS ?? 3000)
const dir = mkdtempSync(join(tmpdir(), 'scaleplan-bench-apply-'))
const calls = join(dir, 'calls.jsonl')
const env = {...process.env, PATH: `${root}test/fixtures/terraform:/usr/bin:/bin`, FAKE_TF_CALLS: calls}
const regions = ['--name', 'bench', '--regions', 'us-east-1,eu-west-1,ap-southeast-1']
const apply = (users, extra = {}) => {
  const start = process.hrtime.bigint()
  const result = spawnSync(
    process.execPath,
    [`${root}bin/run.js`, 'apply', '--users', users, ...regions, '--auto-approve', '--json'],
    {
      cwd: dir,
      env: {...env, ...extra},
      encoding: 'utf8',
    },
  )
  if (result.status !== 0) throw new Error(`apply failed (${result.status}): ${result.stderr}`)
  return Number(process.hrtime.bigint() - start) / 1e6
}

apply('1000') // day one: creates everything
const firstCalls = readFileSync(calls, 'utf8').trim().split('\n').length
const wall = apply('3M', {FAKE_TF_APPLY_MS: String(T)}) // day two: every region grows
const applies = readFileSync(calls, 'utf8')
  .trim()
  .split('\n')
  .slice(firstCalls)
  .map((line) => JSON.parse(line))
  .filter((call) => call.argv.includes('apply'))
if (applies.length !== 3) throw new Error(`expected 3 applies, saw ${applies.length}`)
const span = Math.max(...applies.map((c) => c.end)) - Math.min(...applies.map((c) => c.start))
console.log(`apply: 3 stacks, stand-in apply T = ${T} ms each, default parallelism`)
console.log(`  applies span     ${span} ms = ${(span / T).toFixed(2)} T  (target < 1.5 T)`)
console.log(`  whole command    ${wall.toFixed(0)} ms = ${(wall / T).toFixed(2)} T  (includes synth, init, plan, show)`)
console.log(span < 1.5 * T ? 'OK' : 'OVER TARGET')
