import {describe, expect, it} from '@jest/globals'
import {readFile} from 'node:fs/promises'

import Schema from '../../src/commands/schema.js'
import {runInProcess} from './run-in-process.js'

describe('scaleplan schema', () => {
  it('prints exactly the checked-in templates/schema/scaleplan.schema.json', async () => {
    const run = await runInProcess(Schema, [])
    expect(run.exitCode).toBe(0)
    // `npm run build` generates the file from the spec schema (scripts/generate-schema.mjs).
    expect(run.stdout).toBe(await readFile('templates/schema/scaleplan.schema.json', 'utf8'))
  })
})
