/**
 * Terraform string templates, as Terraform's JSON syntax writes them (every string in an
 * expression position is a template: `"arn:${data.aws_partition.p.partition}:..."`), turned into
 * HCL: an interpolation-only string becomes the bare expression, anything else a quoted template
 * whose literal text is escaped for HCL and whose `${...}` parts are kept as written.
 *
 * Spec: https://developer.hashicorp.com/terraform/language/expressions/strings and
 * https://developer.hashicorp.com/terraform/language/syntax/json#expression-mapping
 */

type Part = {readonly kind: 'literal'; readonly text: string} | {readonly kind: 'sequence'; readonly source: string}

/** Splits a template into literal text and `${...}` / `%{...}` sequences (kept verbatim, braces included). */
export function templateParts(template: string): Part[] {
  const parts: Part[] = []
  let literal = ''
  let i = 0
  while (i < template.length) {
    // `$${` and `%%{` are escapes for a literal `${` and `%{`: they stay as written.
    if (template.startsWith('$${', i) || template.startsWith('%%{', i)) {
      literal += template.slice(i, i + 3)
      i += 3
      continue
    }
    if (template.startsWith('${', i) || template.startsWith('%{', i)) {
      if (literal !== '') parts.push({kind: 'literal', text: literal})
      literal = ''
      const end = endOfSequence(template, i + 2)
      parts.push({kind: 'sequence', source: template.slice(i, end)})
      i = end
      continue
    }
    literal += template[i]
    i++
  }
  if (literal !== '') parts.push({kind: 'literal', text: literal})
  return parts
}

/** The expression of a template that is one interpolation and nothing else (`"${x.y}"` is `x.y`). */
export function onlyInterpolation(template: string): string | undefined {
  const parts = templateParts(template)
  const [part] = parts
  if (parts.length !== 1 || part?.kind !== 'sequence' || !part.source.startsWith('${')) return undefined
  const inner = part.source.slice(2, -1)
  // Strip markers (`${~ x ~}`) trim the literal text around them; with no text around, drop them.
  return inner.replace(/^~/, '').replace(/~$/, '').trim()
}

/** A template as an HCL quoted string: literal text escaped, sequences as written. */
export function quoteTemplate(template: string): string {
  const body = templateParts(template)
    .map((part) => (part.kind === 'literal' ? escapeLiteral(part.text) : part.source))
    .join('')
  return `"${body}"`
}

/** A string taken literally (no interpolation), as an HCL quoted string. */
export function quoteLiteral(text: string): string {
  // Replacer functions: in a replacement string, `$$` would mean one `$`.
  return `"${escapeLiteral(text.replaceAll('${', () => '$${').replaceAll('%{', () => '%%{'))}"`
}

/**
 * Multi-line templates read better as heredocs. An indented heredoc (`<<-EOT`) lets the text
 * follow the block's indentation: Terraform strips the smallest indentation of its non-blank
 * lines, so the text comes back exactly when one of its lines starts at column 0. Otherwise,
 * or without a final newline (a heredoc always ends with one), there is no exact heredoc.
 */
export function heredocTemplate(template: string, marker = 'EOT'): string | undefined {
  const lines = template.slice(0, -1).split('\n')
  const exact =
    template.endsWith('\n') &&
    lines.some((line) => line !== '' && !/^\s/.test(line)) &&
    !lines.some((line) => line.trim() === marker || /^\s*\t/.test(line))
  // Heredocs interpret no backslash escapes, so the template goes in as it is.
  return exact ? `<<-${marker}\n${template}${marker}` : undefined
}

function escapeLiteral(text: string): string {
  let escaped = ''
  for (const char of text) {
    const code = char.codePointAt(0)!
    if (char === '\\') escaped += '\\\\'
    else if (char === '"') escaped += '\\"'
    else if (char === '\n') escaped += '\\n'
    else if (char === '\r') escaped += '\\r'
    else if (char === '\t') escaped += '\\t'
    else if (code < 0x20 || code === 0x7f) escaped += `\\u${code.toString(16).padStart(4, '0')}`
    else escaped += char
  }
  return escaped
}

/**
 * The index just past the `}` that closes a sequence whose body starts at `start`: braces nest,
 * and quoted strings inside the expression (with their own escapes and templates) are skipped.
 */
function endOfSequence(template: string, start: number): number {
  let depth = 1
  let i = start
  while (i < template.length) {
    const char = template[i]
    if (char === '"') {
      i = endOfQuoted(template, i + 1)
      continue
    }
    if (char === '{') depth++
    if (char === '}' && --depth === 0) return i + 1
    i++
  }
  throw new Error(`unterminated template sequence in ${JSON.stringify(template)}`)
}

function endOfQuoted(template: string, start: number): number {
  let i = start
  while (i < template.length) {
    if (template[i] === '\\') i += 2
    else if (template[i] === '"') return i + 1
    else if (template.startsWith('$${', i) || template.startsWith('%%{', i)) i += 3
    else if (template.startsWith('${', i) || template.startsWith('%{', i)) i = endOfSequence(template, i + 2)
    else i++
  }
  throw new Error(`unterminated string in template ${JSON.stringify(template)}`)
}
