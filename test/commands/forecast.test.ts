/**
 * The commands with ranges and growth: recommend's JSON and text, the report's sections, diff's
 * section and exit code, and synth building (and tagging) the percentile asked for. Points are
 * covered by every other suite, unchanged.
 */
import {describe, expect, it, jest} from '@jest/globals'
import {mkdtemp, readFile, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import Diff from '../../src/commands/diff.js'
import Recommend, {type RecommendResult} from '../../src/commands/recommend.js'
import Report from '../../src/commands/report.js'
import Synth, {type SynthResult} from '../../src/commands/synth.js'
import {recommend} from '../../src/cost/recommend.js'
import type {ForecastChange} from '../../src/forecast/compare.js'
import {specOf} from '../helpers/spec.js'
import {runInProcess} from './run-in-process.js'

// Each sample is a whole plan; on a shared 2-core machine a few hundred of them take seconds.
jest.setTimeout(60_000)

const RANGES = ['--users', '1M..5M', '--requests-per-user', '20..80', '--peak-factor', '1.5..4', '--samples', '300']

describe('recommend with ranges and growth', () => {
  it('prints the recommendation at the median with the forecast in --json', async () => {
    const run = await runInProcess<RecommendResult>(Recommend, [...RANGES, '--json'])
    expect(run.exitCode).toBe(0)
    const result = JSON.parse(run.stdout) as RecommendResult
    expect(result.forecast).toMatchObject({percentile: 50, samples: 300, seed: 1})
    expect(result.cost.monthlyUsd).toBe(result.forecast!.cost.p50)
    expect(result.forecast!.sensitivity.map((s) => s.name).sort()).toEqual(['peakFactor', 'requestsPerUser', 'users'])
    expect(result).not.toHaveProperty('timeline')
  })

  it('prints a point spec exactly as before: no forecast, no timeline', async () => {
    const run = await runInProcess(Recommend, ['--users', '2.5M', '--json'])
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(JSON.stringify(recommend(specOf({users: '2.5M'})))))
  })

  it('adds the sensitivity table and the timeline to the text', async () => {
    const run = await runInProcess(Recommend, [...RANGES, '--growth', '5%/month', '--horizon', '12', '--no-color'])
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toMatch(/Under uncertainty: 300 samples, seed 1/)
    expect(run.stdout).toMatch(/monthly cost: P10 \$[\d,.]+, P50 \$[\d,.]+, P90 \$[\d,.]+/)
    expect(run.stdout).toMatch(/Which input matters most[^\n]*\n\s+input\s+low\.\.high/)
    expect(run.stdout).toMatch(/Timeline: users 5%\/month, data 0%\/month, 12 months\n\s+month\s+users/)
    // The timeline plans the median users (2.24M, the geometric mean of 1M and 5M) grown 5% a month.
    expect(run.stdout).toMatch(/\n\s+12\s+4\.02M\s/)
  })
})

describe('report with ranges and growth', () => {
  it('adds odds, percentiles, a tornado and xychart timelines', async () => {
    const run = await runInProcess(Report, [...RANGES, '--growth', '2x/year', '--data-growth', '50GB/month'])
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toContain('## Under uncertainty')
    expect(run.stdout).toMatch(/\| stage \| odds \|/)
    expect(run.stdout).toMatch(/### Which input matters most[\s\S]*█{20}/)
    expect(run.stdout).toContain('```mermaid\nxychart-beta\n  title "Monthly cost (USD)"\n  x-axis "month" [0, 1,')
    expect(run.stdout).toContain('title "Daily active users"')
    expect(run.stdout).toContain('### When to act')
  })
})

describe('diff with ranges', () => {
  async function files(base: string, head: string) {
    const dir = await mkdtemp(join(tmpdir(), 'scaleplan-forecast-diff-'))
    await writeFile(join(dir, 'base.yaml'), base)
    await writeFile(join(dir, 'head.yaml'), head)
    return [join(dir, 'base.yaml'), join(dir, 'head.yaml'), '--samples', '300']
  }

  it('says when the P90 cost moves, even where the median plan does not', async () => {
    const args = await files('users: 1M..4M\n', 'users: 1M..12M\n')
    const run = await runInProcess<{forecast: ForecastChange}>(Diff, [...args, '--json'])
    expect(run.exitCode).toBe(2)
    const diff = JSON.parse(run.stdout) as {forecast: ForecastChange}
    expect(diff.forecast.p90Moved).toBe(true)
    expect(diff.forecast.cost.p90.head).toBeGreaterThan(diff.forecast.cost.p90.base)
    const text = await runInProcess(Diff, args)
    expect(text.stdout).toMatch(
      /#### Under uncertainty: cost percentiles and stage odds\n\n\*\*The P90 cost moves \+\$/,
    )
  })

  it('exits 0 when neither the plan nor the forecast moves', async () => {
    const run = await runInProcess(Diff, await files('users: 1M..4M\n', '# same\nusers: 1M..4M\n'))
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toContain('Neither the P90 cost nor the stage odds move.')
  })
})

describe('synth --percentile', () => {
  it('builds the percentile asked for, says so, and tags every resource with it', async () => {
    const out = await mkdtemp(join(tmpdir(), 'scaleplan-forecast-synth-'))
    const run = await runInProcess<SynthResult>(Synth, [...RANGES, '--percentile', '90', '--out-dir', out])
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toMatch(
      /built at the 90th percentile of monthly cost \(\$[\d,.]+; P10 .*tagged scaleplan-percentile=p90/,
    )
    expect(run.result?.percentile).toBe(90)
    const stack = JSON.parse(await readFile(join(out, 'stacks', 'app-us-east-1', 'cdk.tf.json'), 'utf8'))
    expect(stack.provider.aws[0].default_tags[0].tags).toMatchObject({'scaleplan-percentile': 'p90'})
  }, 60_000)
})
