#!/usr/bin/env node
import module from 'node:module'
import {fileURLToPath} from 'node:url'

// Start-up is mostly compiling modules; Node 22.1+ can cache that between runs (a no-op on 20).
module.enableCompileCache?.()
// dist/ is a bundle: stack traces name src/ lines through its source maps. Reading the maps costs
// start-up time, so only when a trace is printed (DEBUG) or asked for (--enable-source-maps).
if (process.env.DEBUG) process.setSourceMapsEnabled(true)

const {main} = await import('../dist/main.js')

await main(process.argv.slice(2), fileURLToPath(new URL('..', import.meta.url)))
