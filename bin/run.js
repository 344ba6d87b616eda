#!/usr/bin/env node
// CommonJS (bin/package.json), as the chunks it loads are: an ES module here would start Node's
// ES module loader, 2.5-3.5 ms of every run, for nothing the CLI needs to start.
const {enableCompileCache} = require('node:module')
const {join} = require('node:path')

const {requireWithCodeCache} = require('./code-cache.js')

const root = join(__dirname, '..', '/')
const core = `${root}dist/bundle/core.cjs`
const argv = process.argv.slice(2)
// The cache is kept per command (what a run compiles depends on it); the root help, the version and
// a bare `scaleplan` share one, and so does every command's help (`recommend --help` runs oclif's
// help, none of the command: it would leave `recommend` a cache without the planner, and a cache V8
// accepts is never written again). `-h` is package.json's extra help flag.
const options = argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv
const asksHelp = options.some((arg) => arg === '--help' || arg === '-h')
const word = argv[0] === undefined || argv[0].startsWith('-') ? 'root' : asksHelp ? 'help' : argv[0]
// dist/ is a bundle: stack traces name src/ lines through its source maps. Reading the maps costs
// start-up time, so only when a trace is printed (DEBUG) or asked for (--enable-source-maps); and
// then the core is loaded with require(), whose files Node maps.
if (process.env.DEBUG) process.setSourceMapsEnabled(true)

// The chunks other than the core, and the packages they use, load with require(): Node 22.1+
// caches their compilation between runs (a no-op on 20). Turning that on costs about a millisecond,
// so only a run that loads one does. The core has a cache of its own (code-cache.js).
const cacheCompilation = () => enableCompileCache?.()
const {main} = process.sourceMapsEnabled
  ? (cacheCompilation(), require(core))
  : requireWithCodeCache(core, {
      key: word,
      // For the root, help and scaleplan's own words (isOwnWord), not a typo.
      keep: ({isOwnWord}) => word === 'root' || word === 'help' || isOwnWord(word),
      beforeFiles: cacheCompilation,
    })

// main reports every error itself and sets the exit code.
void main(argv, root)
