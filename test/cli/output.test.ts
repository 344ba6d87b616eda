/**
 * DescriptorOutput, on real descriptors: a file, a FIFO whose reader went away (EPIPE), a
 * non-blocking FIFO that fills up (EAGAIN), and a character device that is not a terminal.
 */
import {describe, expect, it} from '@jest/globals'
import {execFileSync} from 'node:child_process'
import {closeSync, constants, mkdtempSync, openSync, readFileSync, readSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {Writable} from 'node:stream'

import {DescriptorOutput} from '../../src/cli/output.js'

const scratch = () => mkdtempSync(join(tmpdir(), 'scaleplan-output-'))

/** A stand-in for process.stdout that records what it is given, or refuses to be used at all. */
class RecordingStream extends Writable {
  readonly chunks: Buffer[] = []
  constructor(
    readonly isTTY = false,
    readonly columns?: number,
  ) {
    super()
  }

  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.chunks.push(Buffer.from(chunk))
    done()
  }
}

const untouchable = (): never => {
  throw new Error('the stream was created')
}

/** A FIFO with a non-blocking reader and a writer opened with `writeFlags`. */
function fifo(writeFlags = constants.O_WRONLY): {reader: number; writer: number} {
  const path = join(scratch(), 'pipe')
  execFileSync('mkfifo', [path])
  const reader = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK)
  return {reader, writer: openSync(path, writeFlags)}
}

/** Whatever the FIFO holds now. */
function drain(reader: number): Buffer {
  const parts: Buffer[] = []
  const buffer = Buffer.alloc(64 * 1024)
  for (;;) {
    let n: number
    try {
      n = readSync(reader, buffer)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EAGAIN') break
      throw error
    }

    if (n === 0) break
    parts.push(Buffer.from(buffer.subarray(0, n)))
  }

  return Buffer.concat(parts)
}

describe('DescriptorOutput', () => {
  it('writes to a file through its descriptor without creating the stream', () => {
    const file = join(scratch(), 'out.txt')
    const fd = openSync(file, 'w')
    const output = new DescriptorOutput(fd, untouchable)
    output.write('stage 4 → CDN\n')
    output.write('second line\n')
    expect(output.terminal()).toBeUndefined()
    closeSync(fd)
    expect(readFileSync(file, 'utf8')).toBe('stage 4 → CDN\nsecond line\n')
  })

  it('ends the output quietly when the reader went away (EPIPE)', () => {
    const {reader, writer} = fifo()
    closeSync(reader)
    const output = new DescriptorOutput(writer, untouchable)
    expect(() => output.write('nobody reads this\n')).not.toThrow()
    expect(() => output.write('nor this\n')).not.toThrow()
    closeSync(writer)
  })

  it('hands the rest to the stream when a non-blocking pipe is full (EAGAIN), and keeps the order', () => {
    const {reader, writer} = fifo(constants.O_WRONLY | constants.O_NONBLOCK)
    const stream = new RecordingStream()
    const output = new DescriptorOutput(writer, () => stream)
    // Larger than a pipe's buffer (64 KiB on Linux): the first write fills it.
    const first = 'a'.repeat(100_000)
    output.write(first)
    output.write('after\n')
    const direct = drain(reader)
    expect(direct.length).toBeGreaterThan(0)
    expect(direct.length).toBeLessThan(first.length)
    expect(Buffer.concat([direct, ...stream.chunks]).toString()).toBe(`${first}after\n`)
    closeSync(reader)
    closeSync(writer)
  })

  it('writes directly to a character device that is not a terminal (/dev/null)', () => {
    const fd = openSync('/dev/null', 'w')
    const stream = new RecordingStream(false)
    const output = new DescriptorOutput(fd, () => stream)
    output.write('discarded\n')
    expect(stream.chunks).toEqual([])
    expect(output.terminal()).toBeUndefined()
    closeSync(fd)
  })

  it('leaves a terminal to the stream, which knows its width', () => {
    const fd = openSync('/dev/null', 'w')
    // /dev/null stands in for a terminal's character device; the stream says it is a terminal.
    const stream = new RecordingStream(true, 132)
    const output = new DescriptorOutput(fd, () => stream)
    output.write('at the terminal\n')
    expect(Buffer.concat(stream.chunks).toString()).toBe('at the terminal\n')
    expect(output.terminal()).toEqual({columns: 132})
    closeSync(fd)
  })
})
