import {describe, expect, it} from '@jest/globals'
import {readdirSync} from 'node:fs'
import {join, relative} from 'node:path'
import {fileURLToPath} from 'node:url'

import {BaseCommand} from '../src/cli/base-command.js'
import type {CommandConfig} from '../src/cli/manifest-config.js'
import {COMMANDS, lazyCommand} from '../src/command-table.js'

const COMMANDS_DIR = fileURLToPath(new URL('../src/commands', import.meta.url))

/** Command ids as oclif's pattern discovery would name the files under src/commands/. */
function commandIds(dir = COMMANDS_DIR): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap((entry) =>
    entry.isDirectory()
      ? commandIds(join(dir, entry.name))
      : [relative(COMMANDS_DIR, join(dir, entry.name)).replace(/\.ts$/, '').split('/').join(':')],
  )
}

describe('the explicit command table', () => {
  it('names every command file under src/commands/, and nothing else', () => {
    expect(Object.keys(COMMANDS).sort()).toEqual(commandIds().sort())
  })

  const calls: {how: string; id: string; plugin: unknown; argv: string[] | undefined; config: unknown}[] = []
  class Real extends BaseCommand {
    static override async run(argv?: string[], config?: unknown): Promise<never> {
      calls.push({how: 'run', id: this.id!, plugin: this.plugin, argv, config})
      return 'result' as never
    }

    static override async runWith(argv: string[], config: CommandConfig): Promise<unknown> {
      calls.push({how: 'runWith', id: this.id!, plugin: this.plugin, argv, config})
      return 'result'
    }

    async run(): Promise<void> {}
  }

  it('imports a command only when it runs, then hands it the arguments, id and plugin oclif gave the entry', async () => {
    calls.length = 0

    let imported = 0
    const entry = lazyCommand(async () => {
      imported++
      return {default: Real}
    })
    expect(imported).toBe(0)

    const plugin = {name: 'scaleplan'}
    const config = {} as CommandConfig
    entry.id = 'some:command'
    entry.plugin = plugin
    await expect(entry.run(['--flag'], config)).resolves.toBe('result')
    expect(imported).toBe(1)
    expect(calls).toEqual([{how: 'run', id: 'some:command', plugin, argv: ['--flag'], config}])
  })

  it('runs a command with the Config main.ts gives it through runWith, the same id set', async () => {
    calls.length = 0
    const entry = lazyCommand(async () => ({default: Real}))
    const config = {} as CommandConfig
    entry.id = 'recommend'
    await expect(entry.runWith(['--json'], config)).resolves.toBe('result')
    expect(calls).toEqual([{how: 'runWith', id: 'recommend', plugin: undefined, argv: ['--json'], config}])
  })
})
