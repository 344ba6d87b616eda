import {describe, expect, it} from '@jest/globals'

import {topologyLimitProblems, withTopologyLimitWarnings} from '../../src/cli/topology-limits.js'
import {recommend} from '../../src/cost/recommend.js'
import {parseSpecText} from '../../src/spec/read-file.js'
import {resolveSpec} from '../../src/spec/resolve.js'
import type {Spec} from '../../src/spec/schema.js'

function spec(text: string): Spec {
  const result = resolveSpec({file: parseSpecText(text, 'spec.yaml'), env: {}, flags: {}})
  if (!result.ok) throw new Error(result.problems.join('\n'))
  return result.spec
}

describe('topologyLimitProblems', () => {
  it('names the inputs that drove a plan past its bounds: the users, and the thresholds the spec overrides', () => {
    const hostile = spec('users: 10B\nthresholds:\n  dbNodeReadQps: 1\n')
    const problems = topologyLimitProblems(hostile, recommend(hostile).topology)
    expect(problems[0]).toBe(
      'us-east-1 needs 3,472,744 database instances in one region; scaleplan synthesizes at most 200 ' +
        '(RDS allows 40 DB instances per Region by default; 200 is a fivefold quota increase); ' +
        'driven by users 10,000,000,000, thresholds.dbNodeReadQps 1 (default 18,500); ' +
        'plan for less load, or raise the thresholds it is sized by',
    )
  })

  it('has nothing to say about a plan within bounds', () => {
    const example = spec('users: 2.5M\nregions: [us-east-1, eu-west-1]\nservices: [search, payment]\n')
    expect(topologyLimitProblems(example, recommend(example).topology)).toEqual([])
  })

  it('shows a few of many excesses of one bound and counts the rest', () => {
    const regions = 'regions: [us-east-1, eu-west-1, ap-southeast-1, us-west-2, eu-central-1]\n'
    const wide = spec(`users: 10B\n${regions}`)
    const problems = topologyLimitProblems(wide, recommend(wide).topology)
    expect(problems.filter((p) => p.includes('in one region')).length).toBeLessThanOrEqual(6)
    expect(problems).toContain('  and 2 more past the same bound')
  })

  it('adds them to a recommendation as warnings, leaving the plan itself alone', () => {
    const hostile = spec('users: 10B\nthresholds:\n  dbNodeReadQps: 1\n')
    const plain = recommend(hostile)
    const warned = withTopologyLimitWarnings(hostile, plain)
    expect(warned.topology).toBe(plain.topology)
    expect(warned.warnings.slice(plain.warnings.length)[0]).toMatch(
      /^synth would refuse this plan: us-east-1 needs 3,472,744/,
    )
  })
})
