// jest replaces the global console with one that annotates every line; commands under test
// must write to the real streams so that @oclif/test's runCommand can capture them.
import {Console} from 'node:console'

globalThis.console = new Console({stdout: process.stdout, stderr: process.stderr})
