/** A GitHub-flavoured Markdown table; pipes and line breaks inside cells would break the row. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const cell = (text: string) => text.replaceAll('|', String.raw`\|`).replaceAll(/\r?\n/g, ' ')
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`
  return [line(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(line)]
}
