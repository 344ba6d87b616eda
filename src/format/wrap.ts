/**
 * Text that fits the terminal: lines wrapped at word boundaries to a width, each continuing
 * under its own text rather than at the left edge, the way `gh` and `terraform` wrap. Colour codes
 * pass through (wrap-ansi counts only what is visible).
 */
import {stripVTControlCharacters} from 'node:util'
import type wrapAnsiType from 'wrap-ansi'

/** A line whose `body` wraps under itself, after a `prefix` (an indent, a label, table cells) printed once. */
export interface Para {
  readonly prefix: string
  readonly body: string
}

/** Narrower than this, continuations go under the indent instead of under the body. */
const MIN_BODY = 24

/** Lays a para out as lines. */
export type Wrap = (para: Para) => string[]

/** No wrapping: a para is one line, as off a terminal. */
export const unwrapped: Wrap = ({prefix, body}) => [prefix + body]

/**
 * The wrapping to `width` columns: none for Infinity (a pipe), where wrap-ansi is not even loaded
 * (its string-width builds an `Intl.Segmenter` as it loads, a tenth of a text run).
 */
export async function wrapping(width: number): Promise<Wrap> {
  if (!Number.isFinite(width)) return unwrapped
  const {default: wrapAnsi} = await import('wrap-ansi')
  return (para) => wrapPara(para, width, wrapAnsi)
}

/** A para as lines of at most `width` columns. */
function wrapPara({prefix, body}: Para, width: number, wrapAnsi: typeof wrapAnsiType): string[] {
  const line = prefix + body
  if (visibleWidth(line) <= width) return [line]
  const hang = visibleWidth(prefix)
  if (width - hang >= MIN_BODY) {
    const [first = '', ...rest] = wrapAnsi(body, width - hang, {hard: true, trim: true}).split('\n')
    return [prefix + first, ...rest.map((part) => ' '.repeat(hang) + part)]
  }

  // A prefix too wide for the body beside it: wrap the whole line, continuing under its indent + 2.
  const indent = line.length - line.trimStart().length + 2
  const [first = '', ...rest] = wrapAnsi(line.trimStart(), width - indent + 2, {hard: true, trim: true}).split('\n')
  return [' '.repeat(indent - 2) + first, ...rest.map((part) => ' '.repeat(indent) + part)]
}

/** Plain text wrapped line by line, each continuing under its own indent + `hang`. */
export function wrapText(text: string, wrap: Wrap, hang = 2): string {
  return text
    .split('\n')
    .flatMap((line) => {
      const indent = line.length - line.trimStart().length
      return wrap({prefix: line.slice(0, indent), body: line.slice(indent)}).map((part, i) =>
        i === 0 ? part : ' '.repeat(hang) + part,
      )
    })
    .join('\n')
}

/** Columns a string takes on screen, colour codes aside. */
export function visibleWidth(text: string): number {
  return stripVTControlCharacters(text).length
}

/**
 * Rows in aligned columns; the last column wraps under itself when a row is wider than `width`.
 * Returns paras so the caller decides the width.
 */
export function tableParas(rows: readonly (readonly string[])[], indent = '  '): Para[] {
  const columns = Math.max(0, ...rows.map((row) => row.length))
  const widths = Array.from({length: columns - 1}, (_, i) =>
    Math.max(0, ...rows.map((row) => visibleWidth(row[i] ?? ''))),
  )
  return rows.map((row) => ({
    prefix:
      indent +
      row
        .slice(0, -1)
        .map((cell, i) => cell + ' '.repeat(widths[i]! - visibleWidth(cell) + 2))
        .join(''),
    body: row.at(-1) ?? '',
  }))
}
