import {afterAll, describe, expect, it} from '@jest/globals'
import {build} from 'esbuild'
import {spawnSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, rmSync} from 'node:fs'
import {join} from 'node:path'

import {ROOT} from '../helpers/cli.js'

// jest keeps a module registry of its own, where require.cache does nothing: the loader runs in
// a plain Node process instead, bundled from source into node_modules/.cache so that cdktf resolves.
const cacheDir = join(ROOT, 'node_modules/.cache')
mkdirSync(cacheDir, {recursive: true})
const work = mkdtempSync(join(cacheDir, 'scaleplan-cdktf-loader-'))
afterAll(() => rmSync(work, {recursive: true, force: true}))

describe('infra/cdktf.ts', () => {
  it('loads cdktf without archiver, and loads archiver the first time something zips', async () => {
    const loader = join(work, 'cdktf.mjs')
    await build({
      entryPoints: [join(ROOT, 'src/infra/cdktf.ts')],
      outfile: loader,
      bundle: true,
      format: 'esm',
      platform: 'node',
      packages: 'external',
      logLevel: 'warning',
    })
    const script = `
      import {createRequire} from 'node:module'
      const {App} = await import(${JSON.stringify(loader)})
      const require = createRequire(${JSON.stringify(loader)})
      const loaded = () => Object.keys(require.cache).some((path) => path.includes('/archiver-utils/'))
      const before = loaded()
      const archiver = createRequire(require.resolve('cdktf'))('archiver')
      const archive = archiver('zip', {zlib: {level: 9}})
      console.log(JSON.stringify({app: typeof App, before, after: loaded(), append: typeof archive.append, create: typeof archiver.create}))
    `
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {encoding: 'utf8', cwd: work})
    expect(result.stderr).toBe('')
    expect(JSON.parse(result.stdout)).toEqual({
      app: 'function',
      before: false,
      after: true,
      append: 'function',
      create: 'function',
    })
  })
})
