/**
 * Golden files: the whole synthesized output of each fixture, checked in under
 * test/golden/synth/<case>/ and compared byte for byte.
 *
 * A difference fails the test. When a change to the generated Terraform is intended, rewrite
 * the files and review the diff like any other code change:
 *
 *   UPDATE_GOLDEN=1 NODE_OPTIONS=--experimental-vm-modules npx jest test/infra/golden.test.ts
 */
import {mkdirSync, rmSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {TOPOLOGY_CASES, loadTopology} from './helpers/fixtures.js'
import {readTree, synthToTemp} from './helpers/synth-output.js'

const GOLDEN_ROOT = fileURLToPath(new URL('../golden/synth/', import.meta.url))
const UPDATE = process.env.UPDATE_GOLDEN === '1'

describe.each(TOPOLOGY_CASES)('golden %s', (name) => {
  test('synthesized files equal the checked-in golden files', async () => {
    const output = await synthToTemp(loadTopology(name))
    try {
      const goldenDir = path.join(GOLDEN_ROOT, name)
      // Stacks' metadata.json is cdktf's, only written for HCL; state files never land here.
      if (UPDATE) {
        rmSync(goldenDir, {recursive: true, force: true})
        for (const [file, text] of output.files) {
          mkdirSync(path.dirname(path.join(goldenDir, file)), {recursive: true})
          writeFileSync(path.join(goldenDir, file), text)
        }
      }
      const golden = readTree(goldenDir)
      expect([...output.files.keys()]).toEqual([...golden.keys()])
      for (const [file, text] of output.files) {
        // toBe on whole files prints a line diff; the flag keeps the failure short to read.
        expect({file, text}).toEqual({file, text: golden.get(file)})
      }
    } finally {
      output.dispose()
    }
  })
})
