// Shared measurement for benchmarks: whole-process wall time and peak RSS, measured with GNU time
// (Debian package "time") so the child's own peak is read by the kernel, not estimated from outside.
import {spawnSync} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

const TIME = '/usr/bin/time'

export function requireGnuTime() {
  if (!existsSync(TIME)) {
    console.error('bench: /usr/bin/time is missing; install it with: apt-get install -y time')
    process.exit(1)
  }
}

/** One run: wall seconds (high-resolution, around the whole process) and peak RSS in MB. */
export function measure(command, args, options = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'scaleplan-bench-'))
  const out = join(dir, 'time.txt')
  const start = process.hrtime.bigint()
  const result = spawnSync(TIME, ['-f', '%M', '-o', out, command, ...args], {encoding: 'utf8', ...options})
  const wall = Number(process.hrtime.bigint() - start) / 1e9
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr}`)
  }

  const rssMB = Number(readFileSync(out, 'utf8').trim().split('\n').at(-1)) / 1024
  rmSync(dir, {recursive: true, force: true})
  return {wall, rssMB}
}

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/** Runs each case `runs` times, interleaved so that machine noise hits all cases alike. */
export function compare(cases, runs) {
  const samples = Object.fromEntries(cases.map((c) => [c.name, []]))
  for (const c of cases) measure(c.command, c.args, c.options) // warm the file cache
  for (let i = 0; i < runs; i++) {
    for (const c of cases) samples[c.name].push(measure(c.command, c.args, c.options))
  }

  return cases.map((c) => ({
    name: c.name,
    wall: median(samples[c.name].map((s) => s.wall)),
    rssMB: median(samples[c.name].map((s) => s.rssMB)),
  }))
}

export function report(title, rows, baselineName) {
  const baseline = rows.find((r) => r.name === baselineName)
  console.log(title)
  const width = Math.max(34, ...rows.map((row) => row.name.length))
  for (const row of rows) {
    const ratio = `${(row.wall / baseline.wall).toFixed(2)}x time, ${(row.rssMB / baseline.rssMB).toFixed(2)}x RSS`
    console.log(
      `  ${row.name.padEnd(width)} ${(row.wall * 1000).toFixed(0).padStart(6)} ms ${row.rssMB.toFixed(1).padStart(7)} MB   ${ratio}`,
    )
  }
}
