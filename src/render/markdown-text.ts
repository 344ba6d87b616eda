/**
 * Text from outside (a spec's names, paths, values; messages that quote them) made safe to put in
 * Markdown that GitHub renders: it reads as the same text, and cannot open a comment (`<!--`,
 * which would hide the rest of a PR comment), an HTML tag, a link, a heading, emphasis or a table
 * cell boundary, nor mention a person or team (`@name` notifies them) or reference an issue.
 */

/** Characters GitHub's Markdown gives a meaning to inline; each is escaped with a backslash. */
const INLINE = /[\\`*_[\]#|~]/g

/** `text` as inline Markdown that shows exactly `text`, on one line. */
export function mdText(text: string): string {
  return (
    text
      .replaceAll(/\r?\n|\r/g, ' ')
      // As entities, not backslashes: they hold inside HTML too (<summary>, a table cell).
      .replaceAll('&', '&amp;')
      .replaceAll('<', '&lt;')
      .replaceAll('>', '&gt;')
      .replaceAll(INLINE, (char) => `\\${char}`)
      // A backslash-escaped @ stays visible and notifies no one; # is escaped above (#123 links).
      .replaceAll('@', '\\@')
      // A line may not start a list, quote or numbered item.
      .replace(/^(\s*)([-=>]|\d+[.)])(\s)/, '$1\\$2$3')
  )
}

/** `text` as a code span, fenced with more backticks than it holds, on one line. */
export function mdCode(text: string): string {
  const flat = text.replaceAll(/\r?\n|\r/g, ' ')
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length))
  const fence = '`'.repeat(longest + 1)
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat === '' ? ' ' : ''
  return `${fence}${pad}${flat}${pad}${fence}`
}
