import {existsSync, readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'

const PACKAGE = /node_modules\/((?:@[^/]+\/)?[^/]+)\//g
const SOURCE_FOLDER = /(?:^|\/)(src\/[^/]+)\/[^/]+$/

/**
 * The packages a traced run loaded (a file written by test/fixtures/trace-imports.mjs): those read
 * from node_modules, and those bundled into the dist/ files it loaded, read from each file's
 * source map. A bundled package leaves no node_modules path in the trace, so a test that asks
 * "did it load yaml?" must look inside the bundle too. scaleplan's own folders the bundle came
 * from count as `src/<folder>` ("src/infra").
 */
export function loadedPackages(trace: string): Set<string> {
  const packages = new Set<string>()
  for (const url of trace.split('\n').filter((line) => line.startsWith('file://'))) {
    const path = fileURLToPath(url)
    const inBundle = /\/dist\/.*\.c?js$/.test(path) && !path.includes('/node_modules/') && existsSync(`${path}.map`)
    const sources = inBundle ? (JSON.parse(readFileSync(`${path}.map`, 'utf8')) as {sources: string[]}).sources : [path]
    for (const source of sources) {
      for (const match of source.matchAll(PACKAGE)) packages.add(match[1]!)
      const folder = inBundle && !source.includes('/node_modules/') ? SOURCE_FOLDER.exec(source) : null
      if (folder) packages.add(folder[1]!)
    }
  }
  return packages
}
