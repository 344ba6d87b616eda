/**
 * A GitHub-flavoured Markdown table; pipes and line breaks inside cells would break the row.
 * `align` right-aligns columns of numbers, as money reads best.
 */
export function markdownTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align: readonly ('left' | 'right')[] = [],
): string[] {
  const cell = (text: string) => text.replaceAll(/(?<!\\)\|/g, String.raw`\|`).replaceAll(/\r?\n/g, ' ')
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`
  const rule = header.map((_, i) => (align[i] === 'right' ? '--:' : '---'))
  return [line(header), `|${rule.join('|')}|`, ...rows.map(line)]
}
