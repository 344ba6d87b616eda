import {describe, expect, it} from '@jest/globals'
import {fileURLToPath} from 'node:url'
import type {Command} from '@oclif/core/command'
import type {Manifest, PJSON} from '@oclif/core/interfaces'

import type {BaseCommand} from '../../src/cli/base-command.js'
import {
  ManifestConfig,
  isRootHelpRequest,
  isVersionRequest,
  loadConfig,
  ownCommandId,
  type CommandConfig,
} from '../../src/cli/manifest-config.js'

const command = (id: string, args: Command.Cached['args'] = {}): Command.Cached =>
  ({id, args, flags: {}, strict: true, aliases: []}) as unknown as Command.Cached

const manifest: Manifest = {
  version: '0.1.0',
  commands: {
    recommend: command('recommend'),
    diff: command('diff', {base: {name: 'base'}, head: {name: 'head'}} as unknown as Command.Cached['args']),
    'calibrate:app': command('calibrate:app'),
    'diff:sub': command('diff:sub'),
  },
}

const pjson = {
  name: 'scaleplan',
  version: '0.1.0',
  oclif: {bin: 'scaleplan', topicSeparator: ' ', additionalHelpFlags: ['-h'], hooks: {command_not_found: './x.js'}},
} as unknown as PJSON

describe('ownCommandId: the command lines main.ts runs without oclif', () => {
  /** A command table of the manifest's commands, each loading a class with the manifest's arguments. */
  const table = Object.fromEntries(
    Object.entries(manifest.commands).map(([id, {args, strict}]) => [
      id,
      {runWith: async () => undefined, loadClass: async () => ({args, strict})},
    ]),
  )

  it.each([
    [['recommend'], 'recommend'],
    [['recommend', '--json'], 'recommend'],
    [['recommend', '--users', '5k'], 'recommend'],
    [['diff', 'old.yaml', 'new.yaml'], 'diff'],
    [['recommend', '--', '--help'], 'recommend'],
  ])('%j runs %s', async (argv, id) => {
    await expect(ownCommandId(argv, pjson, table)).resolves.toBe(id)
  })

  it.each([
    [[], 'no command: the command list'],
    [['--help'], 'help'],
    [['recommend', '--help'], "the command's help"],
    [['recommend', '--json', '-h'], "the command's help, by the extra help flag"],
    [['--version'], 'the version'],
    [['help', 'recommend'], "the help plugin's command"],
    [['recomend'], 'a typo, for "did you mean"'],
    [['recommend', 'foo'], 'a stray word, which oclif joins into the command name'],
    [['calibrate', 'app'], 'a topic and its command'],
    [['constructor'], 'a name every object has'],
    [['diff', 'sub'], 'a command of two words that begins with a command taking arguments'],
  ])('%j is left to oclif: %s', async (argv) => {
    await expect(ownCommandId(argv, pjson, table)).resolves.toBeUndefined()
  })

  it('takes a word after a command as its argument only when the class takes arguments', async () => {
    const lax = {...table, recommend: {...table.recommend!, loadClass: async () => ({args: {}, strict: false})}}
    await expect(ownCommandId(['recommend', 'foo'], pjson, lax)).resolves.toBe('recommend')
  })
})

describe('isRootHelpRequest: the command lines oclif answers with the root help', () => {
  it.each([[[]], [['--help']], [['-h']], [['help']]])('%j asks for it', (argv) => {
    expect(isRootHelpRequest(argv, pjson)).toBe(true)
  })

  it.each([
    [['--version'], 'the version'],
    [['-v'], 'not a help flag of this CLI'],
    [['recommend'], 'a command'],
    [['help', 'recommend'], "a command's help"],
    [['--help', 'recommend'], "a command's help, by the flag"],
    [['help', '--help'], 'the root help too, but by a way left to oclif'],
  ])('%j does not: %s', (argv) => {
    expect(isRootHelpRequest(argv, pjson)).toBe(false)
  })

  it('takes the help flags package.json adds, and not one it makes a version flag', () => {
    const oclif = {...pjson.oclif, additionalHelpFlags: ['-h', '-?'], additionalVersionFlags: ['-h']}
    expect(isRootHelpRequest(['-?'], {...pjson, oclif})).toBe(true)
    expect(isRootHelpRequest(['-h'], {...pjson, oclif})).toBe(false)
  })
})

describe('isVersionRequest: the command lines oclif answers with the version line', () => {
  it.each([[['--version']], [['--version', 'recommend']], [['--version', '--help']]])('%j asks for it', (argv) => {
    expect(isVersionRequest(argv, pjson)).toBe(true)
  })

  it.each([[[]], [['version']], [['recommend', '--version']], [['-v']], [['--help', '--version']]])(
    '%j does not',
    (argv) => {
      expect(isVersionRequest(argv, pjson)).toBe(false)
    },
  )

  it('takes the version flags package.json adds', () => {
    const oclif = {...pjson.oclif, additionalVersionFlags: ['-v']}
    expect(isVersionRequest(['-v'], {...pjson, oclif})).toBe(true)
  })
})

describe('ManifestConfig', () => {
  const runs: {id?: string; argv: string[]; config: CommandConfig}[] = []
  const table = {
    recommend: {
      id: undefined as string | undefined,
      async runWith(argv: string[], config: CommandConfig) {
        runs.push({id: this.id, argv, config})
        return 'result'
      },
      loadClass: async () => ({}),
    },
  }
  const config = new ManifestConfig({root: '/pkg', pjson, manifest, table})

  it("names the CLI's variables as oclif does (SCALEPLAN_CONTENT_TYPE=json means --json)", () => {
    expect(config.scopedEnvVarKeys('CONTENT_TYPE')).toEqual(['SCALEPLAN_CONTENT_TYPE'])
    expect(config.bin).toBe('scaleplan')
    expect(config.topicSeparator).toBe(' ')
  })

  it('finds commands in the manifest, and nothing else', () => {
    expect(config.findCommand('diff')?.args).toHaveProperty('base')
    expect(config.findCommand('help')).toBeUndefined()
  })

  it('runs a command of the table with itself as the Config, naming the entry', async () => {
    await expect(config.runCommand('recommend', ['--json'])).resolves.toBe('result')
    expect(runs).toEqual([{id: 'recommend', argv: ['--json'], config}])
    await expect(config.runCommand('synth')).rejects.toThrow('command synth not found')
  })
})

describe('loadConfig: the Config of a package, as tests and `Command.run(argv, root)` read it', () => {
  it("reads the package's name and the built manifest's commands", () => {
    const config = loadConfig(fileURLToPath(new URL('../..', import.meta.url)))
    expect(config.bin).toBe('scaleplan')
    expect(config.findCommand('recommend')).toMatchObject({id: 'recommend'})
  })
})

describe('the built manifest', () => {
  it("lists every command's flags as its class declares them (the build writes it from the classes)", async () => {
    const root = fileURLToPath(new URL('../..', import.meta.url))
    const config = loadConfig(root)
    const {COMMANDS} = await import('../../src/command-table.js')
    for (const id of Object.keys(COMMANDS)) {
      const file = `../../src/commands/${id.replaceAll(':', '/')}.js`
      const {default: command} = (await import(file)) as {default: typeof BaseCommand}
      const declared = Object.keys({...(command.enableJsonFlag ? command.baseFlags : {}), ...command.flags}).sort()
      const cached = config.findCommand(id) as {flags: Record<string, unknown>} | undefined
      expect({id, flags: Object.keys(cached?.flags ?? {}).sort()}).toEqual({id, flags: declared})
    }
  })
})
