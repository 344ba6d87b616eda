/**
 * Golden files: the whole synthesized output of the three spec cases that carry meaning as a
 * whole (the single server, the first stage with every tier and a cache, and three regions of
 * microservices with cross-region replicas), through the planner and synthesis exactly as
 * `scaleplan synth --spec` runs them, checked in under test/golden/synth/<case>/ and compared
 * byte for byte. Every spec case, these included, is also checked resource by resource against
 * its Topology in spec-stacks.test.ts.
 *
 * A difference fails the test. When a change to the generated Terraform is intended (in infra/
 * or in the planner's sizing), rewrite the files and review the diff like any other change:
 *
 *   UPDATE_GOLDEN=1 NODE_OPTIONS=--experimental-vm-modules npx jest test/infra/golden.test.ts
 */
import {mkdirSync, rmSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {recommend} from '../../src/cost/recommend.js'
import {loadSpecFile} from '../../src/cli/load-spec.js'
import {readTree, synthToTemp} from './helpers/synth-output.js'

const SPECS = fileURLToPath(new URL('../fixtures/specs/synth/', import.meta.url))
const GOLDEN_ROOT = fileURLToPath(new URL('../golden/synth/', import.meta.url))
const UPDATE = process.env.UPDATE_GOLDEN === '1'

/** Each case and the stage its spec must land on, so a planner change that moves it says so plainly. */
const CASES = [
  {name: 'stage-1', stage: 1},
  {name: 'stage-5', stage: 5},
  {name: 'stage-7-three-regions', stage: 7},
] as const

describe.each(CASES)('golden $name', ({name, stage}) => {
  test('the spec lands on its stage and synthesizes to the checked-in files', async () => {
    // Spec file only: SCALEPLAN_* variables of the developer's shell must not change goldens.
    const recommendation = recommend(await loadSpecFile(path.join(SPECS, `${name}.yaml`), name))
    expect(recommendation.stage.number).toBe(stage)
    const output = await synthToTemp(recommendation.topology)
    try {
      const goldenDir = path.join(GOLDEN_ROOT, name)
      if (UPDATE) {
        rmSync(goldenDir, {recursive: true, force: true})
        for (const [file, text] of output.files) {
          mkdirSync(path.dirname(path.join(goldenDir, file)), {recursive: true})
          writeFileSync(path.join(goldenDir, file), text)
        }
      }
      const golden = readTree(goldenDir)
      expect([...output.files.keys()]).toEqual([...golden.keys()])
      for (const [file, text] of output.files) expect({file, text}).toEqual({file, text: golden.get(file)})
    } finally {
      output.dispose()
    }
  })
})
