// bench/startup: the planning path against bare `node -e ''`: `recommend` on the example spec (text
// and --json) and `--help`, median of RUNS runs each (default 15), interleaved. Targets: within 2x
// bare node's wall time and 1.5x its peak RSS. Run `npm run build` first. NODE=/path/to/node runs
// every case (the baseline too) with another Node, e.g. 22. COMPARE_WITH=/path/to/checkout runs the
// same CLI cases from another built checkout too (say main's, to price a change), in the same run.
// "The work alone" is the floor under the CLI: reading the spec file, validating it and planning,
// with no command line around them (src/ bundled into one file, loaded from CommonJS through the
// code cache as bin/run.js loads the core, printed to the descriptor as the CLI prints into a
// pipe): what any program that does this work costs.
//
// The CLI keeps a code cache per command (bin/code-cache.js), here in a directory of this run's
// that compare's warming run fills: the cases are the runs after the first. One more case prices a
// run without it (NODE_DISABLE_COMPILE_CACHE=1, which turns off Node's compile cache too).
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'

import {moduleCase} from './bundle-source.mjs'
import {compare, report, requireGnuTime} from './lib.mjs'

requireGnuTime()
const root = fileURLToPath(new URL('..', import.meta.url))
const runs = Number(process.env.RUNS ?? 15)
const node = process.env.NODE ?? process.execPath
const other = process.env.COMPARE_WITH ? resolve(process.env.COMPARE_WITH) : undefined
const spec = `${root}templates/specs/example.yaml`
const cacheDir = mkdtempSync(join(tmpdir(), 'scaleplan-bench-cache-'))
const env = {...process.env, SCALEPLAN_CACHE_DIR: cacheDir}
/**
 * The CLI cases of the checkout at `dir`, their names prefixed with `label`. Each checkout has a
 * cache directory of its own: two builds sharing one would replace each other's cache every run.
 */
const cliCases = (dir, label = '') => {
  const cache = join(cacheDir, label ? 'other' : 'this')
  const cli = (name, args, extraEnv = {}) => ({
    name: label + name,
    command: node,
    args: ['bin/run.js', ...args],
    options: {cwd: dir, env: {...env, SCALEPLAN_CACHE_DIR: cache, ...extraEnv}},
  })
  return [
    cli('scaleplan recommend (text)', ['recommend', '--spec', spec]),
    cli('scaleplan recommend --json', ['recommend', '--spec', spec, '--json']),
    cli('scaleplan --help', ['--help']),
    cli('scaleplan recommend --json, no caches', ['recommend', '--spec', spec, '--json'], {
      NODE_DISABLE_COMPILE_CACHE: '1',
    }),
  ]
}
const workAlone = await moduleCase({
  name: 'the work alone: read, validate, plan, print',
  node,
  exports: {
    readSpecFile: 'src/spec/read-file.ts',
    resolveSpec: 'src/spec/resolve.ts',
    recommend: 'src/cost/recommend.ts',
  },
  // Printed as the CLI prints into a pipe: to the descriptor (src/cli/output.ts).
  script: `const result = resolveSpec({file: await readSpecFile(${JSON.stringify(spec)}), env: {}, flags: {}})
     require('node:fs').writeSync(1, JSON.stringify(recommend(result.spec), null, 2))`,
  codeCache: true,
  options: {env},
})
const baselineName = "baseline: node -e ''"
let rows
try {
  rows = compare(
    [
      {name: baselineName, command: node, args: ['-e', '']},
      workAlone.case,
      ...cliCases(root),
      ...(other ? cliCases(other, `${other}: `) : []),
    ],
    runs,
  )
} finally {
  workAlone.cleanup()
  rmSync(cacheDir, {recursive: true, force: true})
}
const version = (await import('node:child_process')).execFileSync(node, ['--version'], {encoding: 'utf8'}).trim()
report(`startup on Node ${version}, median of ${runs} runs`, rows, baselineName)
const [baseline, floor, ...cases] = rows
for (const row of cases.filter((c) => !other || !c.name.startsWith(`${other}: `))) {
  const time = row.wall / baseline.wall
  const rss = row.rssMB / baseline.rssMB
  if (row.name.endsWith('no caches')) {
    console.log(
      `     ${row.name}: ${time.toFixed(2)}x time, ${rss.toFixed(2)}x RSS (a run without the caches; no target)`,
    )
    continue
  }
  const ok = time <= 2 && rss <= 1.5
  console.log(
    `${ok ? 'OK  ' : 'MISS'} ${row.name}: ${time.toFixed(2)}x time (target 2x), ${rss.toFixed(2)}x RSS (target 1.5x)` +
      (row.name.includes('recommend') ? `; ${(row.wall / floor.wall).toFixed(2)}x the work alone` : ''),
  )
}
