/**
 * The body of the one pull-request comment scaleplan keeps up to date: a hidden marker (how the
 * comment is found again on the next push), the review (the diff), the full report collapsed,
 * and a footer. GitHub refuses a body over 65,536 characters; a longer one is cut between
 * blocks, never inside a code fence (a Mermaid diagram) or a <details> element, which is closed
 * where it is cut, and ends with a note pointing at the full text.
 */

/** GitHub's limit on a comment body, in characters. */
export const GITHUB_COMMENT_LIMIT = 65_536

export interface CommentParts {
  /** Identifies scaleplan's comment among the others; several projects in one repository each keep their own. */
  readonly marker: string
  /** The review: what `scaleplan diff` prints. */
  readonly review: string
  /** The full report, collapsed under the review. */
  readonly report?: string
  /** Where the whole text can be read when the comment is cut (the workflow run). */
  readonly fullTextUrl?: string
  /** What the comment is about, for the footer, like a commit SHA. */
  readonly revision?: string
}

/** The hidden line that marks the comment. */
export function markerLine(marker: string): string {
  return `<!-- ${marker.replaceAll('--', '- -')} -->`
}

/** The comment's body, cut on a block boundary to fit `limit` characters. */
export function commentBody(parts: CommentParts, limit = GITHUB_COMMENT_LIMIT): {body: string; cut: boolean} {
  const head = `${markerLine(parts.marker)}\n`
  const footer = [
    '',
    `<sub>${parts.revision ? `For ${parts.revision}. ` : ''}This comment is updated in place on every push.</sub>`,
    '',
  ].join('\n')
  const sections = [
    parts.review.trim(),
    ...(parts.report
      ? [['<details>', '<summary>Capacity report</summary>', '', parts.report.trim(), '', '</details>'].join('\n')]
      : []),
  ].join('\n\n')
  const whole = `${head}${sections}\n${footer}`
  if (whole.length <= limit) return {body: whole, cut: false}

  const note =
    '\n\n---\n' +
    `_Cut to fit GitHub's ${limit.toLocaleString('en-US')}-character limit` +
    (parts.fullTextUrl ? `; the full text is in the [workflow run](${parts.fullTextUrl})._` : '._')
  const room = limit - head.length - footer.length - note.length - 1
  return {body: `${head}${cutBlocks(sections, room)}${note}\n${footer}`, cut: true}
}

/**
 * Markdown as blocks: a fenced code block, a <details> element (with everything nested in it), or
 * a run of lines up to a blank line. Cutting between two blocks leaves valid Markdown.
 */
export function markdownBlocks(markdown: string): string[] {
  const lines = markdown.split('\n')
  const blocks: string[] = []
  let i = 0
  while (i < lines.length) {
    if (lines[i]!.trim() === '') {
      i++
      continue
    }

    const end = blockEnd(lines, i)
    blocks.push(lines.slice(i, end + 1).join('\n'))
    i = end + 1
  }

  return blocks
}

/** The index of the last line of the block starting at `start`. */
function blockEnd(lines: readonly string[], start: number): number {
  const fence = /^\s*(`{3,}|~{3,})/.exec(lines[start]!)?.[1]
  if (fence) {
    for (let i = start + 1; i < lines.length; i++) if (lines[i]!.trim().startsWith(fence)) return i
    return lines.length - 1
  }

  if (/^\s*<details>/.test(lines[start]!)) {
    let depth = 0
    for (let i = start; i < lines.length; i++) {
      // Fences inside hold text, not tags.
      const inner = /^\s*(`{3,}|~{3,})/.exec(lines[i]!)?.[1]
      if (inner && i !== start) {
        i = blockEnd(lines, i)
        continue
      }

      depth += (lines[i]!.match(/<details>/g) ?? []).length - (lines[i]!.match(/<\/details>/g) ?? []).length
      if (depth <= 0) return i
    }

    return lines.length - 1
  }

  let i = start
  while (i + 1 < lines.length && lines[i + 1]!.trim() !== '' && !/^\s*(`{3,}|~{3,}|<details>)/.test(lines[i + 1]!)) i++
  return i
}

/** The leading blocks of `markdown` that fit in `room` characters; a <details> that does not fit is cut inside and closed. */
function cutBlocks(markdown: string, room: number): string {
  const kept: string[] = []
  let used = 0
  for (const block of markdownBlocks(markdown)) {
    const cost = block.length + 2
    if (used + cost <= room) {
      kept.push(block)
      used += cost
      continue
    }

    const details = /^<details>\n(<summary>.*<\/summary>)\n([\s\S]*)\n<\/details>$/.exec(block.trim())
    const shell = `<details>\n${details?.[1] ?? ''}\n\n\n\n</details>`.length + 2
    if (details && room - used > shell + 100) {
      const inner = cutBlocks(details[2]!, room - used - shell)
      if (inner !== '') kept.push(`<details>\n${details[1]}\n\n${inner}\n\n</details>`)
    }

    break
  }

  return kept.join('\n\n')
}
