import {describe, expect, it} from '@jest/globals'

import {UsageError} from '../../src/cli/errors.js'
import * as Flags from '../../src/cli/flags.js'
import {parseCommandLine} from '../../src/cli/parse-command-line.js'

const flags = {
  users: Flags.string({description: 'users', helpValue: 'N', env: 'TEST_USERS'}),
  stage: Flags.integer({description: 'stage', min: 1, max: 7, env: 'TEST_STAGE'}),
  samples: Flags.integer({description: 'samples', default: 1000}),
  mix: Flags.string({description: 'mix', options: ['both', 'read', 'write'], default: 'both'}),
  header: Flags.string({description: 'header', multiple: true}),
  out: Flags.string({description: 'out', char: 'o', helpValue: 'FILE'}),
  'out-dir': Flags.string({description: 'dir', aliases: ['dir'], deprecateAliases: true}),
  force: Flags.boolean({description: 'force', dependsOn: ['out']}),
  yes: Flags.boolean({description: 'yes', char: 'y'}),
  color: Flags.boolean({description: 'color', allowNo: true}),
  url: Flags.string({description: 'url', required: true, helpValue: 'URL', env: 'TEST_URL'}),
}
const args = {base: Flags.arg({description: 'base'}), head: Flags.arg({description: 'head'})}
const line = {flags, args, help: 'see `scaleplan test --help`'}
const parse = (argv: string[], env: NodeJS.ProcessEnv = {}) => parseCommandLine(['--url', 'u', ...argv], line, env)

/** The problems a command line is refused with. */
function problems(argv: string[], env: NodeJS.ProcessEnv = {}): string[] {
  try {
    parseCommandLine(argv, line, env)
  } catch (error) {
    if (error instanceof UsageError) return [...error.problems]
    throw error
  }

  throw new Error(`${argv.join(' ')} parsed`)
}

describe('parseCommandLine', () => {
  it('reads --name value, --name=value, -c value and -cvalue, and -- ends the flags', () => {
    const parsed = parse(['--users', '2.5M', '--stage=3', '-o', 'a.yaml', 'old.yaml', '--', '--mix'])
    expect(parsed.flags).toMatchObject({users: '2.5M', stage: 3, out: 'a.yaml'})
    expect(parsed.args).toEqual({base: 'old.yaml', head: '--mix'})
    expect(parse(['-ob.yaml']).flags.out).toBe('b.yaml')
  })

  it('takes a value that looks like a letter flag, "-" or a negative number as the value it is', () => {
    // "lots" begins like -o's letter after its first: only a word with a dash is a flag.
    expect(parse(['--users', 'lots', '--out', '-']).flags).toMatchObject({users: 'lots', out: '-'})
    expect(problems(['--url', 'u', '--stage', '-3'])).toEqual([
      '--stage: expected a whole number from 1 to 7, got "-3"',
    ])
  })

  it('fills what is not given from the environment, then the default; switches are off unless given', () => {
    const parsed = parse([], {TEST_USERS: '10k', TEST_STAGE: '2'})
    expect(parsed.flags).toMatchObject({users: '10k', stage: 2, samples: 1000, mix: 'both', yes: false})
    expect(parsed.flags.header).toBeUndefined()
    // A negatable switch not given is "not said", distinct from --no-color.
    expect(parsed.flags.color).toBeUndefined()
    expect(parse(['--no-color']).flags.color).toBe(false)
    expect(parse(['--color', '-y']).flags).toMatchObject({color: true, yes: true})
    expect(parse(['--users', '5k'], {TEST_USERS: '10k'}).flags.users).toBe('5k')
  })

  it('collects a repeatable flag in order', () => {
    expect(parse(['--header', 'A: 1', '--header', 'B: 2']).flags.header).toEqual(['A: 1', 'B: 2'])
  })

  it('warns when a flag is given by its deprecated name, and takes it', () => {
    const parsed = parse(['--dir', 'out'])
    expect(parsed.flags['out-dir']).toBe('out')
    expect(parsed.warnings).toEqual(['"--dir" is deprecated: use "--out-dir" instead'])
  })

  it('names each problem by the flag, or by the variable the value came from, all at once', () => {
    expect(problems(['--url', 'u', '--stage', '9', '--mix', 'all'])).toEqual([
      '--stage: expected a whole number from 1 to 7, got "9"',
      '--mix: expected one of both, read, write, got "all"',
    ])
    expect(problems(['--url', 'u'], {TEST_STAGE: 'two'})).toEqual([
      'TEST_STAGE: expected a whole number from 1 to 7, got "two"',
    ])
  })

  it('refuses unknown flags with a suggestion, flags without values, and repeated single flags', () => {
    expect(problems(['--user', '5', '--bogus', '--url'])).toEqual([
      '--user: not a flag of this command (did you mean --users?); see `scaleplan test --help`',
      '--bogus: not a flag of this command; see `scaleplan test --help`',
      '--url: needs a value, like --url URL',
    ])
    expect(problems(['--url', 'u', '--users', '--yes'])).toEqual(['--users: needs a value, like --users N'])
    expect(problems(['--url', 'u', '--mix'])).toEqual(['--mix: needs a value, one of both, read, write'])
    expect(problems(['--url', 'u', '--users', '1', '--users', '2'])).toEqual([
      '--users: given more than once; it takes one value',
    ])
    expect(problems(['--url', 'u', '--yes=true'])).toEqual(['--yes: takes no value, got "true"'])
  })

  it('refuses a missing required flag, a flag without the one it needs, and stray arguments', () => {
    expect(problems([])).toEqual(['--url: required, like --url URL (or set TEST_URL)'])
    expect(problems(['--url', 'u', '--force', 'a', 'b', 'c', 'd'])).toEqual([
      '--force: needs --out too',
      'unexpected arguments "c", "d"; see `scaleplan test --help`',
    ])
    expect(parse(['--force', '--out', 'x']).flags.force).toBe(true)
  })
})
