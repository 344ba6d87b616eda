import {describe, expect, it} from '@jest/globals'
import {readFileSync} from 'node:fs'

import {THRESHOLDS, THRESHOLD_NAMES} from '../../src/spec/thresholds.js'
import {ROOT} from '../helpers/cli.js'

describe('the README thresholds table', () => {
  const readme = readFileSync(`${ROOT}README.md`, 'utf8')
  const rows = new Map(
    [...readme.matchAll(/^\| `(\w+)` \| ([\d,.]+) \| ([^|]+) \| (.+) \|$/gm)].map((m) => [
      m[1]!,
      {value: m[2]!, unit: m[3]!.trim(), source: m[4]!},
    ]),
  )

  it.each(THRESHOLD_NAMES)('documents %s with its default, unit and estimate mark', (name) => {
    const row = rows.get(name)
    const definition = THRESHOLDS[name]
    expect(row).toBeDefined()
    expect(Number(row!.value.replaceAll(',', ''))).toBe(definition.default)
    expect(row!.unit).toBe(definition.unit)
    expect(row!.source.includes('**estimate**')).toBe(definition.estimate)
  })
})
