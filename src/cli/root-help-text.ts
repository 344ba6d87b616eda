/**
 * The root help's text, laid out as oclif's Help lays it out (its HelpFormatter and RootHelp in
 * @oclif/core 4, and ScaleplanHelp's sections), for text that is printable ASCII: one column per
 * character, no escape codes. root-help.ts makes sure of that before it calls this, and leaves
 * anything else to oclif; test/cli/root-help.test.ts compares the two byte for byte.
 *
 * Why a copy of oclif's layout: the oclif chunk and @oclif/core's modules are what `--help` spent
 * most of its start-up on. What is copied is small and fixed: wrap-ansi 7 (hard wrap, trimmed),
 * indent-string 4, widest-line 3 and string-width 4, each reduced to what they do to plain ASCII.
 * Those four are MIT-licensed, Copyright (c) Sindre Sorhus <sindresorhus@gmail.com>
 * (https://sindresorhus.com); the licence is in each package's `license` file.
 */
import {groupCommands, listedSummary} from './help-groups.js'

/** What the root help says. Texts are printable ASCII, templates already rendered. */
export interface RootHelpContent {
  /** The CLI's description (package.json's `oclif.description` or `description`). */
  readonly description: string
  /** `scaleplan/0.1.0 linux-x64 node-v20.20.2`, oclif's `userAgent`. */
  readonly userAgent: string
  readonly bin: string
  readonly topicSeparator: ' ' | ':'
  /**
   * The commands oclif's Help lists: visible ones, sorted by id; `summary` as its `summary()`
   * gives it (undefined for a command with neither summary nor description).
   */
  readonly commands: readonly {readonly id: string; readonly summary: string | undefined}[]
}

/** How the help is printed: oclif's `maxWidth` and whether its section headers are bold. */
export interface RootHelpScreen {
  readonly width: number
  readonly bold: boolean
}

/** The root help, every byte oclif's Help writes to stdout for it (newlines included). */
export function renderRootHelp(content: RootHelpContent, screen: RootHelpScreen): string {
  const layout = new Layout(screen)
  const blocks = [layout.root(content)]
  for (const {header, commands} of groupCommands(content.commands)) {
    const rows = commands.map(({id, summary}): Row => [
      id.replaceAll(':', content.topicSeparator),
      listedSummary(id, summary),
    ])
    blocks.push(layout.section(header, layout.list(rows)))
  }
  // Each block is logged, then an empty line.
  return blocks.map((block) => `${block}\n\n`).join('')
}

type Row = readonly [left: string, right: string]

/** oclif's HelpFormatter, for plain ASCII text. */
class Layout {
  constructor(private readonly screen: RootHelpScreen) {}

  /** RootHelp.root(): the description's first line, VERSION, USAGE, and DESCRIPTION for the rest. */
  root({description, userAgent, bin}: RootHelpContent): string {
    const [first = '', ...rest] = description.split('\n')
    const more = rest.join('\n')
    return [
      first,
      this.section('VERSION', this.wrap(userAgent)),
      this.section('USAGE', this.wrap(`$ ${bin} [COMMAND]`)),
      more && this.section('DESCRIPTION', this.wrap(more)),
    ]
      .filter(Boolean)
      .join('\n\n')
  }

  section(header: string, body: string): string {
    const title = this.screen.bold ? `\u001B[1m${header}\u001B[22m` : header
    return `${title}\n${indent(body, 2)}`
  }

  /** renderList with `{indentation: 2, spacer: '\n'}`: two columns, or one when a summary runs long. */
  list(rows: readonly Row[]): string {
    const indentation = 2
    const widest = Math.max(0, ...rows.flatMap(([left]) => left.split('\n').map((line) => line.length)))
    let output = ''
    let current = ''
    for (const [left, right] of rows) {
      if (current) output += `\n${current}`
      current = left
      if (!right) {
        current = current.trim()
        continue
      }

      const [first, ...lines] = this.wrap(right.trim(), indentation + widest + 2)
        .split('\n')
        .map((line) => line.trim())
      current += ' '.repeat(widest - current.length + 2) + first
      if (lines.length === 0) continue
      // oclif's rule: a summary longer than five lines turns the whole list into one column.
      if (lines.length > 4) return this.multiline(rows, indentation)
      current += `\n${indent(lines.join('\n'), widest + 2)}`
    }

    if (current) output += `\n${current}`
    return output.trim()
  }

  private multiline(rows: readonly Row[], indentation: number): string {
    let output = ''
    for (const [left, right] of rows) {
      if (!left && !right) continue
      if (left) output += this.wrap(left.trim(), indentation)
      if (right) output += `\n${indent(this.wrap(right.trim(), indentation + 2), 4)}`
      output += '\n\n'
    }

    return output.trim()
  }

  /** Wraps to the width less `spacing`, as oclif does (wrap-ansi with `hard: true`). */
  private wrap(text: string, spacing = 2): string {
    return wrapHard(text, this.screen.width - spacing)
  }
}

/** indent-string 4: `count` spaces before every line that is not blank. */
function indent(text: string, count: number): string {
  return count === 0 ? text : text.replaceAll(/^(?!\s*$)/gm, ' '.repeat(count))
}

/**
 * wrap-ansi 7 with `{hard: true}` (and its defaults `trim: true`, `wordWrap: true`), for plain
 * ASCII: words move to the next row when they do not fit, words longer than a row are cut. Kept
 * close to its source, edge cases included (a width of zero or less), so that it answers as it does.
 */
export function wrapHard(text: string, columns: number): string {
  return text
    .split('\n')
    .map((line) => wrapLine(line, columns))
    .join('\n')
}

function wrapLine(line: string, columns: number): string {
  if (line.trim() === '') return ''
  const rows = ['']
  const last = () => rows.length - 1
  for (const [index, word] of line.split(' ').entries()) {
    rows[last()] = rows[last()]!.trimStart()
    let rowLength = rows[last()]!.length
    if (index !== 0 && rowLength > 0) {
      rows[last()] += ' '
      rowLength++
    }

    if (word.length > columns) {
      const remainingColumns = columns - rowLength
      const breaksStartingThisLine = 1 + Math.floor((word.length - remainingColumns - 1) / columns)
      const breaksStartingNextLine = Math.floor((word.length - 1) / columns)
      if (breaksStartingNextLine < breaksStartingThisLine) rows.push('')
      wrapWord(rows, word, columns)
      continue
    }

    if (rowLength + word.length > columns && rowLength > 0 && word.length > 0) rows.push('')
    rows[last()] += word
  }

  return rows.map((row) => row.replace(/ +$/, '')).join('\n')
}

/** Cuts a word too long for a row across rows, the first part after what the row holds. */
function wrapWord(rows: string[], word: string, columns: number): void {
  let visible = rows.at(-1)!.length
  for (let index = 0; index < word.length; index++) {
    const character = word[index]!
    if (visible + 1 <= columns) rows[rows.length - 1] += character
    else {
      rows.push(character)
      visible = 0
    }

    visible += 1
    if (visible === columns && index < word.length - 1) {
      rows.push('')
      visible = 0
    }
  }

  if (!visible && rows.at(-1)!.length > 0 && rows.length > 1) rows[rows.length - 2] += rows.pop()!
}
