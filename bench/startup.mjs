// bench/startup: `scaleplan recommend` on the example spec against bare `node -e ''`, median of
// RUNS runs each (default 15), interleaved. Target: under 3x bare node. Run `npm run build` first.
import {fileURLToPath} from 'node:url'

import {compare, report, requireGnuTime} from './lib.mjs'

requireGnuTime()
const root = fileURLToPath(new URL('..', import.meta.url))
const runs = Number(process.env.RUNS ?? 15)
const node = process.execPath
const rows = compare(
  [
    {name: "baseline: node -e ''", command: node, args: ['-e', '']},
    {
      name: 'scaleplan recommend (text)',
      command: node,
      args: ['bin/run.js', 'recommend', '--spec', 'templates/specs/example.yaml'],
      options: {cwd: root},
    },
    {
      name: 'scaleplan recommend --json',
      command: node,
      args: ['bin/run.js', 'recommend', '--spec', 'templates/specs/example.yaml', '--json'],
      options: {cwd: root},
    },
  ],
  runs,
)
report(`startup, median of ${runs} runs`, rows, "baseline: node -e ''")
const worst = Math.max(...rows.slice(1).map((r) => r.wall / rows[0].wall))
console.log(
  worst < 3 ? `OK: ${worst.toFixed(2)}x, under the 3x target` : `OVER TARGET: ${worst.toFixed(2)}x (target < 3x)`,
)
