#!/usr/bin/env node
import module from 'node:module'
import {fileURLToPath} from 'node:url'

import {requireWithCodeCache} from './code-cache.js'

// The chunks other than the core load with require(): Node 22.1+ caches their compilation between
// runs (a no-op on 20). The core has a cache of its own (code-cache.js).
module.enableCompileCache?.()
const root = fileURLToPath(new URL('..', import.meta.url))
const core = `${root}dist/bundle/core.cjs`
const argv = process.argv.slice(2)
// The cache is kept per command (what a run compiles depends on it); help, the version and a bare
// `scaleplan` share one.
const word = argv[0] !== undefined && !argv[0].startsWith('-') ? argv[0] : 'root'
// dist/ is a bundle: stack traces name src/ lines through its source maps. Reading the maps costs
// start-up time, so only when a trace is printed (DEBUG) or asked for (--enable-source-maps); and
// then the core is loaded with require(), whose files Node maps.
if (process.env.DEBUG) process.setSourceMapsEnabled(true)
const {main} = process.sourceMapsEnabled
  ? module.createRequire(import.meta.url)(core)
  : requireWithCodeCache(core, {key: word, keep: ({COMMANDS}) => word === 'root' || ownWord(word, COMMANDS)})

await main(argv, root)

/** True when `word` is one of scaleplan's commands or topics (`recommend`, `calibrate`). */
function ownWord(word, commands) {
  return Object.keys(commands).some((id) => id.split(':')[0] === word)
}
