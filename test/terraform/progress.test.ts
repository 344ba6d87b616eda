import {describe, expect, it} from '@jest/globals'

import {PlainProgress} from '../../src/terraform/progress.js'

describe('PlainProgress in a CI log', () => {
  it('says a quiet stack is still at work, for how long, and when terraform last reported', () => {
    let now = 0
    const lines: string[] = []
    const progress = new PlainProgress(
      (text) => lines.push(text.trimEnd()),
      () => now,
      undefined,
    )
    progress.phase('shop-us-east-1', 'applying')
    progress.phase('shop-eu-west-1', 'applying')
    now = 30_000
    progress.message('shop-eu-west-1', {
      type: 'unknown',
      originalType: 'apply_progress',
      '@level': 'info',
      '@message': 'x',
    })
    now = 61_000
    progress.heartbeat(60_000)
    now = 3_725_000
    progress.done('shop-eu-west-1', 'applied')
    progress.heartbeat(60_000)
    expect(lines).toEqual([
      '[shop-us-east-1] applying',
      '[shop-eu-west-1] applying',
      '[shop-eu-west-1] x',
      '[shop-us-east-1] still applying after 1m (no output from terraform yet)',
      '[shop-eu-west-1] applied',
      '[shop-us-east-1] still applying after 1h 02m (no output from terraform yet)',
    ])
  })
})
