/**
 * ansisLevel against ansis itself: for each environment and command line, a Node process loads
 * the real ansis (the one oclif's help colours with) and shows which level it colours at; ours
 * must say the same. A terminal is what ansis takes PM2's variables for, so pipes suffice.
 */
import {describe, expect, it} from '@jest/globals'
import {spawnSync} from 'node:child_process'
import {platform} from 'node:os'

import {ansisLevel} from '../../src/cli/bold-headers.js'
import {ROOT} from '../helpers/cli.js'

/** Prints the level ansis colours at, read from the codes it writes for a red. */
const SHOW_LEVEL = `
  const {hex} = require('ansis')
  const red = hex('#ff0000')('x')
  process.stdout.write(red === 'x' ? '0' : red.includes('38;2;') ? '3' : red.includes('38;5;') ? '2' : '1')
`

function realLevel(env: Record<string, string>, args: string[]): number {
  const result = spawnSync(process.execPath, ['-e', SHOW_LEVEL, '--', ...args], {cwd: ROOT, env, encoding: 'utf8'})
  expect(result.stderr).toBe('')
  return Number(result.stdout)
}

const TERMINAL = {PM2_HOME: '/pm2', pm_id: '1'}

describe('ansisLevel', () => {
  it.each<[Record<string, string>, string[]]>([
    [{}, []],
    [{FORCE_COLOR: '1'}, []],
    [{FORCE_COLOR: '2'}, []],
    [{FORCE_COLOR: '3'}, []],
    [{FORCE_COLOR: '0'}, []],
    [{FORCE_COLOR: 'false'}, []],
    [{FORCE_COLOR: 'true'}, []],
    [{FORCE_COLOR: ''}, []],
    [{FORCE_COLOR: 'abc'}, []],
    [{FORCE_COLOR: '0x2'}, []],
    [{FORCE_COLOR: '-1'}, []],
    [{FORCE_COLOR: '3', NO_COLOR: '1'}, []],
    [{FORCE_COLOR: '1', NO_COLOR: ''}, []],
    [{...TERMINAL}, []],
    [{...TERMINAL, NO_COLOR: '1'}, []],
    [{...TERMINAL, TERM: 'dumb'}, []],
    [{...TERMINAL, TERM: 'xterm'}, []],
    [{...TERMINAL, TERM: 'xterm-256color'}, []],
    [{...TERMINAL, TERM: 'xterm-mono'}, []],
    [{...TERMINAL, TERM: 'screen'}, []],
    [{...TERMINAL, TERM: 'xterm-kitty'}, []],
    [{...TERMINAL, TERM: 'term-kit'}, []],
    [{...TERMINAL, TERM: 'alacritty'}, []],
    [{...TERMINAL, COLORTERM: 'truecolor', TERM: 'xterm'}, []],
    [{...TERMINAL, COLORTERM: 'ansi'}, []],
    [{COLORTERM: 'toString', FORCE_COLOR: 'true'}, []],
    [{CI: '1'}, []],
    [{CI: '1', GITHUB_ACTIONS: 'true'}, []],
    [{TF_BUILD: 'True'}, []],
    [{TEAMCITY_VERSION: '2024.1'}, []],
    [{NEXT_RUNTIME: 'edge'}, []],
    [{}, ['--color']],
    [{}, ['--color=always']],
    [{FORCE_COLOR: '2'}, ['--no-color']],
    [{...TERMINAL}, ['--color=never']],
  ])('says what ansis says with %j and arguments %j', (variables, args) => {
    const env = {PATH: process.env.PATH ?? '', ...variables}
    expect(ansisLevel(env, [process.execPath, ...args], false, platform())).toBe(realLevel(env, args))
  })
})
