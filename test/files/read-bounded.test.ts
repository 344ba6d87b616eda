import {describe, expect, it} from '@jest/globals'
import {execFileSync} from 'node:child_process'
import {mkdtempSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {FileProblem, asFileProblem, quotePath} from '../../src/files/file-problem.js'
import {readBoundedText} from '../../src/files/read-bounded.js'

const scratch = () => mkdtempSync(join(tmpdir(), 'scaleplan-read-'))
const read = (path: string, maxBytes = 1024) => readBoundedText(path, {maxBytes, what: 'a spec file'})

describe('readBoundedText', () => {
  it('reads a regular file, and one through a symbolic link', () => {
    const dir = scratch()
    writeFileSync(join(dir, 'spec.yaml'), 'users: 5\n')
    symlinkSync(join(dir, 'spec.yaml'), join(dir, 'link.yaml'))
    expect(read(join(dir, 'spec.yaml'))).toBe('users: 5\n')
    expect(read(join(dir, 'link.yaml'))).toBe('users: 5\n')
  })

  it('refuses a FIFO at once instead of waiting for a writer', () => {
    const fifo = join(scratch(), 'pipe')
    execFileSync('mkfifo', [fifo])
    expect(() => read(fifo)).toThrow(`cannot read ${quotePath(fifo)}: it is a FIFO (named pipe); expected a spec file`)
  })

  it.each(['/dev/urandom', '/dev/zero', '/dev/null'])('refuses the device %s without reading it', (device) => {
    expect(() => read(device)).toThrow(`it is a character device; expected a spec file`)
  })

  it('refuses a directory, naming it', () => {
    const dir = scratch()
    expect(() => read(dir)).toThrow(`cannot read ${quotePath(dir)}: it is a directory`)
  })

  it('refuses a file larger than the bound by its size, before reading it', () => {
    const file = join(scratch(), 'big.yaml')
    writeFileSync(file, 'x'.repeat(5000))
    expect(() => read(file)).toThrow('it holds 4.9 KiB; a spec file may hold at most 1 KiB')
  })

  it('stops reading a file that says it is empty but is not (/proc), at the bound', () => {
    // /proc/self/maps reports size 0 and holds a few KiB.
    expect(() => read('/proc/self/maps', 64)).toThrow('it holds more than 64 bytes')
  })

  it('refuses text that is not UTF-8', () => {
    const file = join(scratch(), 'latin1.yaml')
    writeFileSync(file, Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xe9, 0x0a]))
    expect(() => read(file)).toThrow('not UTF-8 text')
  })

  it('says what is wrong with a path the user can fix, with the errno', () => {
    const dir = scratch()
    writeFileSync(join(dir, 'file'), '')
    const missing = () => read(join(dir, 'missing.yaml'))
    expect(missing).toThrow(FileProblem)
    expect(missing).toThrow('no such file or directory (ENOENT)')
    expect(() => read(join(dir, 'file', 'spec.yaml'))).toThrow(
      'a part of the path is a file, not a directory (ENOTDIR)',
    )
    expect(() => read(join(dir, 'x'.repeat(300)))).toThrow('the path is too long for the file system (ENAMETOOLONG)')
  })
})

describe('asFileProblem', () => {
  it('leaves errors that are not a user-fixable file system problem alone', () => {
    const bug = new TypeError('x is undefined')
    expect(asFileProblem(bug, 'p', 'read')).toBe(bug)
    const badDescriptor = Object.assign(new Error('bad file descriptor'), {code: 'EBADF'})
    expect(asFileProblem(badDescriptor, 'p', 'read')).toBe(badDescriptor)
  })

  it('cuts a very long path in the middle', () => {
    expect(quotePath('a'.repeat(1000)).length).toBeLessThan(200)
  })
})
