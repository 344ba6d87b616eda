/**
 * Connection URLs carry passwords (postgres://app:secret@db/app, redis://:secret@cache); none is
 * ever printed, written to a spec or put in --json. Everything shown goes through these.
 */

/** The URL with its password replaced by `***`; the user name stays, so people know which role ran. */
export function redactUrl(raw: string): string {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    // Not a URL we can take apart: show only up to the scheme, never a possible secret.
    const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(raw)?.[0]
    return scheme ? `${scheme}//***` : '***'
  }

  if (url.password) url.password = '***'
  for (const key of [...url.searchParams.keys()]) {
    if (/pass|secret|token|key/i.test(key)) url.searchParams.set(key, '***')
  }

  return url.toString()
}

/** The secrets inside a URL (password, secret-looking query values), raw and percent-decoded. */
export function secretsOf(raw: string): string[] {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return [raw]
  }

  const secrets = [url.password]
  for (const [key, value] of url.searchParams) if (/pass|secret|token|key/i.test(key)) secrets.push(value)
  return secrets.flatMap((secret) => (secret ? [secret, safeDecode(secret)] : [])).filter((s) => s.length > 0)
}

/** `text` with every given secret replaced by `***`: for error messages from drivers, which may quote what they were given. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) out = out.replaceAll(secret, '***')
  return out
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}
