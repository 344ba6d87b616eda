#!/usr/bin/env node
import module from 'node:module'
import {fileURLToPath} from 'node:url'

// Start-up is mostly compiling modules; Node 22.1+ can cache that between runs (a no-op on 20).
module.enableCompileCache?.()

const {main} = await import('../dist/main.js')

await main(process.argv.slice(2), fileURLToPath(new URL('..', import.meta.url)))
