import {describe, expect, it} from '@jest/globals'
import {execFileSync} from 'node:child_process'
import {lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {FileExistsError, writeFileAtomic} from '../../src/cli/write-file-atomic.js'

const scratch = () => mkdtempSync(join(tmpdir(), 'scaleplan-write-'))

describe('writeFileAtomic', () => {
  it('writes a new file and leaves no temporary file behind', async () => {
    const dir = scratch()
    await writeFileAtomic(join(dir, 'spec.yaml'), 'users: 1\n', {overwrite: false})
    expect(readFileSync(join(dir, 'spec.yaml'), 'utf8')).toBe('users: 1\n')
    expect(readdirSync(dir)).toEqual(['spec.yaml'])
  })

  it('refuses to replace an existing file without overwrite, leaving it byte-identical', async () => {
    const dir = scratch()
    const original = Buffer.from('# hand-written\r\nusers: 7\n\u00e9')
    writeFileSync(join(dir, 'spec.yaml'), original)
    await expect(writeFileAtomic(join(dir, 'spec.yaml'), 'users: 1\n', {overwrite: false})).rejects.toBeInstanceOf(
      FileExistsError,
    )
    expect(readFileSync(join(dir, 'spec.yaml')).equals(original)).toBe(true)
    expect(readdirSync(dir)).toEqual(['spec.yaml'])
  })

  it('replaces an existing file with overwrite', async () => {
    const dir = scratch()
    writeFileSync(join(dir, 'spec.yaml'), 'old')
    await writeFileAtomic(join(dir, 'spec.yaml'), 'new', {overwrite: true})
    expect(readFileSync(join(dir, 'spec.yaml'), 'utf8')).toBe('new')
    expect(readdirSync(dir)).toEqual(['spec.yaml'])
  })

  it('fails with ENOENT, writing nothing, when the folder does not exist', async () => {
    const dir = scratch()
    await expect(writeFileAtomic(join(dir, 'missing', 'spec.yaml'), 'x', {overwrite: false})).rejects.toMatchObject({
      code: 'ENOENT',
    })
    expect(readdirSync(dir)).toEqual([])
  })
})

describe('writeFileAtomic over what is not a regular file', () => {
  it('refuses a FIFO or a directory even with overwrite, leaving it as it was', async () => {
    const dir = scratch()
    execFileSync('mkfifo', [join(dir, 'pipe')])
    mkdirSync(join(dir, 'folder'))
    await expect(writeFileAtomic(join(dir, 'pipe'), 'x', {overwrite: true})).rejects.toThrow(
      'it is a FIFO (named pipe), not a regular file',
    )
    await expect(writeFileAtomic(join(dir, 'folder'), 'x', {overwrite: true})).rejects.toThrow('it is a directory')
    expect(lstatSync(join(dir, 'pipe')).isFIFO()).toBe(true)
    expect(readdirSync(dir).sort()).toEqual(['folder', 'pipe'])
  })
})
