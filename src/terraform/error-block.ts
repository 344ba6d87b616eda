/**
 * Terraform's own words for why a call failed, as it would show them at a terminal: the summary
 * and detail of each error diagnostic of a `-json` stream, or else the last error block of its
 * plain output (`Error: <summary>`, a blank line, the detail; in a box when colour is on).
 * scaleplan shows these rather than a line of its own, so the cause ("could not connect to
 * registry.terraform.io") is on the screen, not only in the log.
 */
import type {Diagnostic} from './messages.js'

export interface ErrorBlock {
  /** One line: the first error's summary, or the last line of output when there is no block. */
  readonly summary: string
  /** Everything else Terraform said about it, line by line, without box drawing or colour. */
  readonly detail: readonly string[]
}

/** The error block of a failed call, from its diagnostics or its plain stdout and stderr. */
export function errorBlock(diagnostics: readonly Diagnostic[], stderr: string, stdout: string): ErrorBlock {
  const errors = diagnostics.filter((d) => d.severity === 'error')
  if (errors.length > 0) {
    const [first, ...rest] = errors.map((d) => ({
      summary: d.summary + (d.address ? ` (${d.address})` : ''),
      detail: d.detail.trim() === '' ? [] : d.detail.trimEnd().split('\n'),
    }))
    return {
      summary: first!.summary,
      detail: [
        ...first!.detail,
        ...rest.flatMap((d) => ['', `Error: ${d.summary}`, ...(d.detail.length > 0 ? ['', ...d.detail] : [])]),
      ],
    }
  }

  return lastPlainBlock(stderr) ?? lastPlainBlock(stdout) ?? {summary: lastLine(stderr || stdout), detail: []}
}

/** The last `Error:` block of plain output, boxed (`│ Error: ...` up to `╵`) or not (up to the end). */
function lastPlainBlock(text: string): ErrorBlock | undefined {
  const lines = text.replaceAll('\r', '').split('\n').map(unbox)
  const start = lines.findLastIndex((line) => /^Error: /.test(line.text))
  if (start === -1) return undefined
  const block: string[] = []
  for (const line of lines.slice(start + 1)) {
    if (line.closesBox) break
    // Another box (a warning that follows) ends this block too.
    if (line.opensBox) break
    block.push(line.text)
  }

  const detail = trimBlank(block)
  return {summary: lines[start]!.text.replace(/^Error: /, '').trim(), detail}
}

/** A line without Terraform's box drawing (`╷`, `│ `, `╵`) and colour codes. */
function unbox(raw: string): {text: string; opensBox: boolean; closesBox: boolean} {
  // eslint-disable-next-line no-control-regex -- colour codes from a run without -no-color
  const line = raw.replaceAll(/\u001B\[[0-9;]*m/g, '').trimEnd()
  return {text: line.replace(/^│ ?/, ''), opensBox: line === '╷', closesBox: line === '╵'}
}

function trimBlank(lines: readonly string[]): string[] {
  let [start, end] = [0, lines.length]
  while (start < end && lines[start]!.trim() === '') start++
  while (end > start && lines[end - 1]!.trim() === '') end--
  return lines.slice(start, end)
}

const lastLine = (text: string) => text.trim().split('\n').filter(Boolean).at(-1)?.trim() ?? 'no output'
