import {describe, expect, it} from '@jest/globals'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {SPEC_FILE_LIMITS, SpecFileError, parseSpecText, readSpecFile} from '../../src/spec/read-file.js'
import {ALIAS_BOMB} from '../helpers/alias-bomb.js'

const parse = (text: string) => () => parseSpecText(text, 'spec.yaml')

describe('readSpecFile', () => {
  it('names the flag or variable the path came from', async () => {
    const missing = join(mkdtempSync(join(tmpdir(), 'scaleplan-spec-')), 'nope.yaml')
    await expect(readSpecFile(missing, 'SCALEPLAN_SPEC')).rejects.toThrow(
      /^SCALEPLAN_SPEC: cannot read ".*nope\.yaml": no such file/,
    )
    await expect(readSpecFile('/dev/urandom')).rejects.toThrow(
      '--spec: cannot read "/dev/urandom": it is a character device',
    )
  })

  it('refuses a file over the size bound without parsing it', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'scaleplan-spec-')), 'big.yaml')
    writeFileSync(file, `# ${'x'.repeat(SPEC_FILE_LIMITS.maxBytes)}\nusers: 5\n`)
    await expect(readSpecFile(file)).rejects.toThrow('a YAML or JSON spec file may hold at most 32 KiB')
  })
})

describe('parseSpecText: hostile YAML is bad input, named by file and line', () => {
  it('takes up to the alias limit and refuses the alias past it, at its line', () => {
    const aliases = (n: number) => `users: &u 5\nservices:\n${'  - *u\n'.repeat(n)}`
    expect(() => parseSpecText(aliases(SPEC_FILE_LIMITS.maxAliases), 'a.yaml')).not.toThrow()
    expect(parse(aliases(SPEC_FILE_LIMITS.maxAliases + 1))).toThrow(
      new SpecFileError(
        `spec.yaml:${SPEC_FILE_LIMITS.maxAliases + 3}: more than 100 YAML aliases (*name); write the values out`,
      ),
    )
  })

  it('refuses an alias bomb by what it expands to', () => {
    expect(parse(ALIAS_BOMB)).toThrow(
      /^spec\.yaml:2: YAML aliases expand to more than 10000 values; write the values out$/,
    )
  })

  it('refuses an alias before its anchor as invalid YAML', () => {
    expect(parse('users: *u\nname: &u app\n')).toThrow(/^spec\.yaml:1: not valid YAML or JSON: Unresolved alias/)
  })

  it.each([
    ['flow lists', `users: 5\nx: ${'['.repeat(40)}${']'.repeat(40)}\n`, 2],
    ['compact block lists', `users: 5\nx:\n  ${'- '.repeat(40)}1\n`, 3],
  ])('refuses %s nested past the depth bound, before the parser sees them', (_, text, line) => {
    expect(parse(text)).toThrow(`spec.yaml:${line}: lists or mappings nested more than 32 deep`)
  })

  it('finds a duplicate key at its line', () => {
    expect(parse('users: 5\nname: a\nusers: 6\n')).toThrow(
      'spec.yaml:3: not valid YAML or JSON: map keys must be unique',
    )
  })

  it('says what a document that is not a mapping is', () => {
    expect(parse('')).toThrow('spec.yaml: expected a mapping of keys like "users: 2.5M", got nothing')
    expect(parse('42')).toThrow('got a number')
  })
})
