#!/usr/bin/env node
import module from 'node:module'

// Start-up is mostly compiling modules; Node 22.1+ can cache that between runs (a no-op on 20).
module.enableCompileCache?.()

const {execute} = await import('@oclif/core/execute')

await execute({dir: import.meta.url})
