// bench/install: what installing the published package costs. Packs the package (`npm pack`, after
// `npm run build`), then installs the tarball into fresh directories, RUNS times (default 3):
// tarball size, install wall time (median), node_modules size and package count, and a check that
// the installed CLI runs. npm reads the registry through its cache (--prefer-offline), so the
// figure is install work, not download speed. Target: only what running needs (no test tooling,
// no mermaid, no playwright, no provider bindings).
import {execFileSync, spawnSync} from 'node:child_process'
import {mkdtempSync, readdirSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

import {median} from './lib.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const runs = Number(process.env.RUNS ?? 3)
const work = mkdtempSync(join(tmpdir(), 'scaleplan-bench-install-'))

/** Bytes under `dir` and the packages in it (directories holding a package.json under node_modules). */
function treeSize(dir) {
  let bytes = 0
  let packages = 0
  const walk = (path) => {
    for (const entry of readdirSync(path, {withFileTypes: true})) {
      const child = join(path, entry.name)
      if (entry.isDirectory()) {
        if (path.endsWith('node_modules') || path.includes('node_modules/@')) {
          if (!entry.name.startsWith('@') && !entry.name.startsWith('.')) packages++
        }
        walk(child)
      } else if (entry.isFile()) bytes += statSync(child).size
    }
  }
  walk(dir)
  return {bytes, packages}
}

try {
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', work], {cwd: root, encoding: 'utf8'}),
  )
  const tarball = join(work, packed.filename)
  const forbidden = [
    'jest',
    'ts-jest',
    'typescript',
    'eslint',
    'mermaid',
    'playwright-core',
    '@cdktf/provider-aws',
    'zod',
    'esbuild',
  ]
  const times = []
  let tree
  for (let i = 0; i < runs; i++) {
    const dir = join(work, `install-${i}`)
    execFileSync('mkdir', ['-p', dir])
    writeFileSync(join(dir, 'package.json'), '{"name": "fresh", "private": true}\n')
    const start = process.hrtime.bigint()
    execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], {
      cwd: dir,
      stdio: 'ignore',
    })
    times.push(Number(process.hrtime.bigint() - start) / 1e9)
    tree = treeSize(join(dir, 'node_modules'))
    const run = spawnSync(join(dir, 'node_modules/.bin/scaleplan'), ['recommend', '--users', '1M', '--json'], {
      encoding: 'utf8',
    })
    if (run.status !== 0) throw new Error(`the installed CLI failed: ${run.stderr}`)
    const present = forbidden.filter((name) => {
      try {
        statSync(join(dir, 'node_modules', name))
        return true
      } catch {
        return false
      }
    })
    if (present.length > 0)
      throw new Error(`installed with the package, though running never needs them: ${present.join(', ')}`)
    if (i < runs - 1) rmSync(dir, {recursive: true, force: true})
  }

  const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`
  console.log(
    `install on Node ${process.version}, npm ${execFileSync('npm', ['--version'], {encoding: 'utf8'}).trim()}`,
  )
  console.log(
    `  tarball ${packed.filename}: ${mb(packed.size)} packed, ${mb(packed.unpackedSize)} unpacked, ${packed.entryCount} files`,
  )
  console.log(
    `  npm install of the tarball in a fresh directory: ${median(times).toFixed(1)} s (median of ${runs}: ${times.map((t) => t.toFixed(1)).join(', ')} s)`,
  )
  console.log(
    `  node_modules: ${mb(tree.bytes)}, ${tree.packages} packages; the installed CLI runs; no test or build tooling installed`,
  )
} finally {
  rmSync(work, {recursive: true, force: true})
}
