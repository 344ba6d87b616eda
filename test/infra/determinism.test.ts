import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {synthesize} from '../../src/infra/synthesize.js'
import {loadTopology} from './helpers/fixtures.js'
import {readTree} from './helpers/synth-output.js'

/** Synthesizes into `./cdktf.out` with `cwd` as the working directory, returns the files. */
async function synthFrom(cwd: string, hcl: boolean): Promise<Map<string, string>> {
  const previous = process.cwd()
  process.chdir(cwd)
  try {
    await synthesize(loadTopology('stage-7-three-regions'), {outDir: 'cdktf.out', hcl})
  } finally {
    process.chdir(previous)
  }
  return readTree(path.join(cwd, 'cdktf.out'))
}

describe('determinism', () => {
  const dirs: string[] = []
  const freshDir = (label: string) => {
    const dir = mkdtempSync(path.join(tmpdir(), `scaleplan-${label}-`))
    dirs.push(dir)
    return dir
  }
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, {recursive: true, force: true})
  })

  test.each([false, true])(
    'hcl=%s: the same topology gives byte-identical files from two working directories',
    async (hcl) => {
      const first = await synthFrom(freshDir('first'), hcl)
      const second = await synthFrom(freshDir('second-with-a-longer-name'), hcl)
      expect([...second.keys()]).toEqual([...first.keys()])
      for (const [file, text] of first) expect({file, same: second.get(file) === text}).toEqual({file, same: true})
      expect(first.size).toBeGreaterThanOrEqual(4)
    },
  )
})
