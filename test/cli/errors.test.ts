import {describe, expect, it} from '@jest/globals'

import {
  EXIT,
  EXIT_CODES,
  exitCode,
  RefusedError,
  ToolError,
  UsageError,
  InterruptedError,
  type Outcome,
} from '../../src/cli/errors.js'

describe('the exit table', () => {
  it('gives scaleplan its own codes, documented in the README', () => {
    expect(EXIT).toEqual({
      ok: 0,
      changes: 0,
      bug: 1,
      usage: 2,
      terraform: 3,
      refused: 4,
      target: 5,
      interrupted: 130,
      terminated: 143,
      hangup: 129,
    })
  })

  it("gives Terraform's -detailed-exitcode convention 0, 2 for changes, and 1 for every error", () => {
    const outcomes = Object.keys(EXIT_CODES) as Outcome[]
    const terraform = Object.fromEntries(outcomes.map((outcome) => [outcome, exitCode(outcome, 'terraform')]))
    expect(terraform).toEqual({
      ok: 0,
      changes: 2,
      bug: 1,
      usage: 1,
      terraform: 1,
      refused: 1,
      target: 1,
      interrupted: 1,
      terminated: 1,
      hangup: 1,
    })
  })

  it('maps each expected failure to its outcome', () => {
    const outcomes = [UsageError, RefusedError, ToolError, InterruptedError].map((E) => new E(['x']).outcome)
    expect(outcomes).toEqual(['usage', 'refused', 'terraform', 'interrupted'])
  })
})
