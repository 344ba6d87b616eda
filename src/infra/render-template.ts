import {readFileSync} from 'node:fs'

/** templates/ at the package root, found from this module so it works from src/ and dist/. */
const TEMPLATES_ROOT = new URL('../../templates/', import.meta.url)

/**
 * Reads `templates/<relativePath>` and fills its `{{key}}` placeholders.
 *
 * Fails on a placeholder without a value (or a value without a placeholder) rather than
 * writing a half-rendered file into the generated Terraform. The result is escaped for a
 * Terraform string literal: `${` and `%{` in the template are meant for the shell, not for
 * Terraform's template engine.
 */
export function renderTemplate(relativePath: string, values: Readonly<Record<string, string>>): string {
  const text = readFileSync(new URL(relativePath, TEMPLATES_ROOT), 'utf8')
  const used = new Set<string>()
  const rendered = text.replaceAll(/\{\{\s*([a-zA-Z][\w]*)\s*\}\}/g, (_match, key: string) => {
    const value = values[key]
    if (value === undefined) throw new Error(`templates/${relativePath}: no value for placeholder {{${key}}}`)
    used.add(key)
    return value
  })
  const unused = Object.keys(values).filter((key) => !used.has(key))
  if (unused.length > 0)
    throw new Error(`templates/${relativePath}: values given for missing placeholders: ${unused.join(', ')}`)
  return escapeTerraformTemplate(rendered)
}

/** Escapes Terraform's interpolation (`${`) and directive (`%{`) openers in a string literal. */
export function escapeTerraformTemplate(text: string): string {
  return text.replaceAll('${', '$${').replaceAll('%{', '%%{')
}
