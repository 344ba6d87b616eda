/**
 * The two ways out: every byte scaleplan prints goes through one of these, so commands, the
 * progress views and the cdktf app cannot disagree about streams. The stream is looked up at
 * each call, so a test that captures `process.stdout` sees it all.
 *
 * Into a pipe or a file, the CLI's own process writes to the descriptor itself once main.ts has
 * called `writeDirectly()`: Node's `process.stdout` and `process.stderr` are sockets on a pipe,
 * and creating them loads Node's networking and streams, 3 ms of a 60 ms `recommend` on Node 22.
 * At a terminal the streams stay (they know its width, and write UTF-8 to a Windows console).
 */
import {fstatSync, writeSync} from 'node:fs'

/** Results: text, Markdown, JSON. `text` is written as given; add the newline you mean. */
export function writeStdout(text: string): void {
  outputs.stdout.write(text)
}

/** For the person watching: errors, warnings, notes, progress. Written as given. */
export function writeStderr(text: string): void {
  outputs.stderr.write(text)
}

/** The terminal results go to, when they go to one. */
export function stdoutTerminal(): {readonly columns: number} | undefined {
  return outputs.stdout.terminal()
}

/**
 * Writes to stdout and stderr through their descriptors from now on, where they are not a
 * terminal. For the process that owns them (main.ts): Node's streams are no longer in step with
 * what is written, so code that writes to them itself (oclif's help) must not run after it.
 */
export function writeDirectly(): void {
  outputs.stdout = new DescriptorOutput(1, () => process.stdout)
  outputs.stderr = new DescriptorOutput(2, () => process.stderr)
}

interface Output {
  write(text: string): void
  terminal(): {readonly columns: number} | undefined
}

/** Through Node's stream, looked up at each call. */
class StreamOutput implements Output {
  constructor(private readonly stream: () => NodeJS.WriteStream) {}

  write(text: string): void {
    this.stream().write(text)
  }

  terminal(): {readonly columns: number} | undefined {
    const stream = this.stream()
    return stream.isTTY ? {columns: stream.columns} : undefined
  }
}

const outputs: {stdout: Output; stderr: Output} = {
  stdout: new StreamOutput(() => process.stdout),
  stderr: new StreamOutput(() => process.stderr),
}

/**
 * Writes to descriptor `fd` with `writeSync`, unless it is a terminal or a write would wait (a
 * non-blocking pipe that is full): from then on `stream` writes, which waits for the pipe and
 * keeps the order. A reader that went away (`| head`) ends the output quietly, as it ends
 * `grep`'s; it is not an error of the command's.
 */
export class DescriptorOutput implements Output {
  private mode: 'direct' | 'stream' | 'closed' | undefined

  constructor(
    private readonly fd: number,
    private readonly stream: () => NodeJS.WritableStream & {readonly isTTY?: boolean; readonly columns?: number},
  ) {}

  write(text: string): void {
    this.mode ??= this.choose()
    if (this.mode === 'stream') {
      this.stream().write(text)
      return
    }

    const bytes = Buffer.from(text, 'utf8')
    for (let written = 0; this.mode === 'direct' && written < bytes.length;) {
      try {
        written += writeSync(this.fd, bytes, written)
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code
        if (code === 'EPIPE') this.mode = 'closed'
        else if (code === 'EAGAIN') {
          this.mode = 'stream'
          this.stream().write(bytes.subarray(written))
        } else throw error
      }
    }
  }

  terminal(): {readonly columns: number} | undefined {
    this.mode ??= this.choose()
    const stream = this.mode === 'stream' ? this.stream() : undefined
    return stream?.isTTY ? {columns: stream.columns ?? 0} : undefined
  }

  /**
   * The stream for a terminal, the descriptor otherwise. Only a character device can be a
   * terminal; asking Node's stream (which a terminal needs anyway) for that one alone keeps pipes
   * and files from creating it.
   */
  private choose(): 'direct' | 'stream' {
    try {
      if (!fstatSync(this.fd).isCharacterDevice()) return 'direct'
    } catch {
      // A closed or odd descriptor: Node's stream does with it what it does.
      return 'stream'
    }

    return this.stream().isTTY ? 'stream' : 'direct'
  }
}
