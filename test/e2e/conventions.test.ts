/**
 * The conventions of an oclif CLI, as a user meets them in the built binary: `help <command>`
 * and `-h`, `version --json`, shell completion, "did you mean" for commands (asked at a terminal,
 * suggested in a pipe) and flags, one error style, help in one voice with examples, commands
 * in the order of the work. And the price of it: a plain `recommend` loads none of the plugins.
 */
import {beforeAll, describe, expect, it} from '@jest/globals'
import {Config} from '@oclif/core/config'
import {execFileSync, spawnSync} from 'node:child_process'
import {closeSync, constants, mkdtempSync, openSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {WORKFLOW} from '../../src/cli/help-groups.js'
import {ROOT} from '../helpers/cli.js'
import {KEY, assertBuilt, runInPty, runPiped} from '../helpers/pty.js'

const scratch = () => mkdtempSync(join(tmpdir(), 'scaleplan-conventions-'))
const run = (...args: string[]) => runPiped(args, {cwd: scratch(), env: {COLUMNS: '100'}})

let config: Config
beforeAll(async () => {
  assertBuilt()
  config = await Config.load({root: ROOT})
})

describe('help', () => {
  it('`help synth`, `synth --help` and `synth -h` print the same help', () => {
    const help = run('help', 'synth')
    expect(help.status).toBe(0)
    expect(help.stdout).toMatch(/^Write the Terraform \(CDKTF\)/)
    expect(run('synth', '--help').stdout).toBe(help.stdout)
    expect(run('synth', '-h').stdout).toBe(help.stdout)
  })

  it('lists the commands grouped in the order of the work, then what the plugins add', () => {
    const {stdout} = run('--help')
    const listed = [...stdout.matchAll(/^ {2}([a-z]+(?: [a-z]+)?) {2,}/gm)].map((match) => match[1])
    const ours = WORKFLOW.flatMap((step) => step.commands.map((id) => id.replace(':', ' ')))
    expect(listed.slice(0, ours.length)).toEqual(ours)
    expect(listed.slice(ours.length).sort()).toEqual(['autocomplete', 'help', 'version'])
    expect(stdout.indexOf('PLAN COMMANDS')).toBeLessThan(stdout.indexOf('BUILD AND RUN COMMANDS'))
  })

  it('every command speaks in one voice: a sentence for a summary, examples, flags described in lower case', () => {
    const ours = config.commands.filter((command) => command.pluginName === 'scaleplan')
    expect(ours.length).toBeGreaterThanOrEqual(11)
    for (const command of ours) {
      const where = `${command.id}`
      expect({where, summary: /^[A-Z][^\n]*\.$/.test(command.summary ?? '')}).toEqual({where, summary: true})
      expect({where, examples: (command.examples ?? []).length > 0}).toEqual({where, examples: true})
      for (const [name, flag] of Object.entries(command.flags)) {
        const description = (flag.description ?? '').replace(/^\[[^\]]*\] /, '')
        expect({where: `${where} --${name}`, voice: /^([a-z"]|[A-Z]{2,}\b)/.test(description)}).toEqual({
          where: `${where} --${name}`,
          voice: true,
        })
      }
    }
  })

  it('--out names a file everywhere, and the stacks directory is --out-dir', () => {
    for (const command of config.commands.filter((c) => c.pluginName === 'scaleplan')) {
      const helpValue = (name: string) => (command.flags[name] as {helpValue?: string} | undefined)?.helpValue
      if (command.flags.out)
        expect({command: command.id, out: helpValue('out')}).toEqual({command: command.id, out: 'FILE'})
      if (command.flags['out-dir'])
        expect({command: command.id, dir: helpValue('out-dir')}).toEqual({command: command.id, dir: 'DIR'})
    }
  })
})

describe('version and completion', () => {
  it('`version --json` and `--version` name scaleplan and its version', () => {
    const {version} = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {version: string}
    const json = run('version', '--json')
    expect(json.status).toBe(0)
    expect(JSON.parse(json.stdout)).toMatchObject({cliVersion: `scaleplan/${version}`})
    expect(run('--version').stdout).toMatch(new RegExp(`^scaleplan/${version.replaceAll('.', '\\.')} `))
  })

  it('`autocomplete bash` explains how to install completion for scaleplan', () => {
    const result = run('autocomplete', 'bash')
    expect(result.status).toBe(0)
    expect(result.stdout).toContain('scaleplan')
    expect(result.stdout).toMatch(/bashrc/)
  })
})

describe('did you mean', () => {
  it('in a pipe, a mistyped command is one error line with the suggestion, exit 2', () => {
    const result = run('recomend', '--users', '10k')
    expect(result.status).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toBe(
      'Error: "recomend" is not a scaleplan command; did you mean "recommend"? Run `scaleplan help` for the list.\n',
    )
  })

  it('at a terminal, the plugin asks, and a yes runs the command', () => {
    const result = runInPty(
      ['recomend', '--users', '10k'],
      [{expect: 'Did you mean recommend', send: `y${KEY.enter}`}],
      {
        cwd: scratch(),
      },
    )
    expect(result.error).toBeNull()
    expect(result.exitCode).toBe(0)
    expect(result.output).toMatch(/app: stage \d of 7/)
  })

  it('a stray word after a command is named as an argument, not as an unknown command', () => {
    expect(run('recommend', 'now', '--users', '10k').stderr).toBe(
      'Error: recommend takes no argument "now"; see `scaleplan recommend --help`\n',
    )
  })

  it('errors look alike whoever raises them: oclif, its plugins, or scaleplan', () => {
    for (const args of [['help', 'nosuch'], ['recommend', '--user', '5'], ['synth', '--stage', '9'], ['plna']]) {
      const result = run(...args)
      expect({args, status: result.status}).toEqual({args, status: 2})
      for (const line of result.stderr.trimEnd().split('\n'))
        expect({args, line}).toEqual({args, line: expect.stringMatching(/^Error: \S/)})
      expect(result.stderr).not.toMatch(/›|\bat .*\.js:\d+/)
    }
  })
})

describe('output', () => {
  const spec = join(ROOT, 'templates/specs/example.yaml')

  it('into a file is byte for byte what goes into a pipe', () => {
    const file = join(scratch(), 'out.json')
    const fd = openSync(file, 'w')
    const toFile = spawnSync(process.execPath, [join(ROOT, 'bin/run.js'), 'recommend', '--spec', spec, '--json'], {
      stdio: ['ignore', fd, 'pipe'],
      encoding: 'utf8',
    })
    closeSync(fd)
    expect(toFile.status).toBe(0)
    const piped = run('recommend', '--spec', spec, '--json')
    expect(piped.status).toBe(0)
    expect(readFileSync(file, 'utf8')).toBe(piped.stdout)
    expect(JSON.parse(piped.stdout)).toHaveProperty('stage')
  })

  it('ends quietly when its reader has gone (`| head`): exit 0, no error, no trace', () => {
    // A pipe whose only reader is closed before the CLI writes: every write fails with EPIPE.
    const fifo = join(scratch(), 'pipe')
    execFileSync('mkfifo', [fifo])
    const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK)
    const writer = openSync(fifo, constants.O_WRONLY)
    closeSync(reader)
    for (const args of [['schema'], ['recommend', '--spec', spec, '--json']]) {
      const result = spawnSync(process.execPath, [join(ROOT, 'bin/run.js'), ...args], {
        stdio: ['ignore', writer, 'pipe'],
        encoding: 'utf8',
      })
      expect({args, status: result.status, stderr: result.stderr}).toEqual({
        args,
        status: 0,
        stderr: expect.not.stringMatching(/EPIPE|Error|at /),
      })
    }

    closeSync(writer)
  })
})

describe('start-up', () => {
  it('a plain `recommend` loads none of the plugins; `help` does', () => {
    const dir = scratch()
    const trace = join(dir, 'imports.txt')
    const traced = (...args: string[]) => {
      writeFileSync(trace, '')
      const result = runPiped(args, {
        cwd: dir,
        env: {TRACE_IMPORTS_FILE: trace},
        nodeOptions: ['--import', join(ROOT, 'test/fixtures/trace-imports.mjs')],
      })
      expect(result.status).toBe(0)
      return readFileSync(trace, 'utf8')
    }

    const recommend = traced('recommend', '--users', '10k')
    expect(recommend).toContain('/dist/bundle/core.cjs')
    expect(recommend).not.toMatch(/@oclif\/plugin-/)
    expect(traced('help', 'recommend')).toMatch(/@oclif\/plugin-help/)
  })
})
