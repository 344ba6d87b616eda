// bench/startup-choices: what each start-up choice of the build is worth, measured in one run as
// whole processes against bare `node -e ''`, median of RUNS runs each (default 15), interleaved.
//
// The CLI cases run `recommend --json` on the example spec from a copy of the package built by
// scripts/build.mjs's bundle(), with its code cache (written by compare's warming run) and without;
// the library cases import one small bundle each, to price a library on its own. Needs
// devDependencies (esbuild); `npm run build` is not needed.
import {execFileSync} from 'node:child_process'
import {copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

import {build} from 'esbuild'

import {bundle} from '../scripts/build.mjs'
import {compare, report, requireGnuTime} from './lib.mjs'

requireGnuTime()
const root = fileURLToPath(new URL('..', import.meta.url))
const runs = Number(process.env.RUNS ?? 15)
const node = process.env.NODE ?? process.execPath
const work = mkdtempSync(join(tmpdir(), 'scaleplan-bench-choices-'))

/** A copy of the package (package.json, bin/, manifest; templates and node_modules linked) without dist/. */
function packageCopy(name) {
  const dir = join(work, name)
  mkdirSync(dir)
  for (const file of ['package.json', 'oclif.manifest.json']) copyFileSync(join(root, file), join(dir, file))
  cpSync(join(root, 'bin'), join(dir, 'bin'), {recursive: true})
  for (const link of ['templates', 'node_modules']) symlinkSync(join(root, link), join(dir, link))
  return dir
}

const dir = packageCopy('cli')
await bundle({outdir: join(dir, 'dist')})
const env = {...process.env, SCALEPLAN_CACHE_DIR: join(work, 'cache')}
const asBuilt = {
  name: 'recommend --json: as built',
  command: node,
  args: ['bin/run.js', 'recommend', '--spec', join(root, 'templates/specs/example.yaml'), '--json'],
  options: {cwd: dir, env},
}
const cliCases = [asBuilt]
cliCases.push({
  ...asBuilt,
  name: 'recommend --json: as built, no code cache (NODE_DISABLE_COMPILE_CACHE=1)',
  options: {...asBuilt.options, env: {...env, NODE_DISABLE_COMPILE_CACHE: '1'}},
})
cliCases.push({
  ...asBuilt,
  name: 'recommend --json: as built, --enable-source-maps',
  args: ['--enable-source-maps', ...asBuilt.args],
})
// The same load from flags alone: no spec file, so no YAML parser (it loads only to read one).
const flags = [
  '--users',
  '2.5M',
  '--read-write',
  '90:10',
  '--regions',
  'us-east-1,eu-west-1',
  '--region-shares',
  'us-east-1=60,eu-west-1=40',
  '--data-size',
  '500GB',
]
cliCases.push({
  ...asBuilt,
  name: 'recommend --json: as built, flags instead of the spec file',
  args: ['bin/run.js', 'recommend', ...flags, '--json'],
})

/** A process that imports one bundle of `source` (an ES module using a library) and exits. */
async function libraryCase(name, source) {
  const dir = join(work, `lib-${name.replaceAll(/\W+/g, '-')}`)
  mkdirSync(dir)
  writeFileSync(join(dir, 'entry.mjs'), source)
  await build({
    absWorkingDir: root,
    entryPoints: [join(dir, 'entry.mjs')],
    outfile: join(dir, 'bundle.mjs'),
    bundle: true,
    format: 'esm',
    platform: 'node',
    banner: {
      js: "import {createRequire as __createRequire} from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    nodePaths: [join(root, 'node_modules')],
    logLevel: 'warning',
  })
  return {name, command: node, args: [join(dir, 'bundle.mjs')]}
}
const schema = (z) => `${z}.object({users: ${z}.number().int().min(1), regions: ${z}.array(${z}.string()).min(1)})`
const libraryCases = [
  await libraryCase(
    'zod, import {z} (all of zod)',
    `import {z} from 'zod'\n${schema('z')}.parse({users: 1, regions: ['a']})`,
  ),
  await libraryCase(
    'zod, import * as z (what is used)',
    `import * as z from 'zod'\n${schema('z')}.parse({users: 1, regions: ['a']})`,
  ),
  await libraryCase(
    'zod/mini (another API, for scale)',
    `import * as z from 'zod/mini'\nz.object({users: z.number().check(z.int(), z.minimum(1)), regions: z.array(z.string()).check(z.minLength(1))}).parse({users: 1, regions: ['a']})`,
  ),
  await libraryCase(
    'yaml, parse a spec',
    `import {parseDocument} from 'yaml'\nparseDocument('users: 2.5M\\nregions: [us-east-1]').toJS()`,
  ),
  await libraryCase('chalk, colour off', `import {Chalk} from 'chalk'\nnew Chalk({level: 0}).bold('x')`),
]

const baselineName = "baseline: node -e ''"
try {
  const rows = compare([{name: baselineName, command: node, args: ['-e', '']}, ...cliCases, ...libraryCases], runs)
  const version = execFileSync(node, ['--version'], {encoding: 'utf8'}).trim()
  report(`start-up choices on Node ${version}, median of ${runs} runs`, rows, baselineName)
} finally {
  rmSync(work, {recursive: true, force: true})
}
