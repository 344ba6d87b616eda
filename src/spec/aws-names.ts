/**
 * Values that scaleplan writes verbatim into generated Terraform besides the spec's own fields:
 * the S3 state bucket, the state key prefix, ACM certificate ARNs. Each is checked by AWS's own
 * rules (sources in docs/sources.md), so that a typo fails here with a sentence instead of in
 * `terraform init` with a stack trace, and so that nothing a template or Terraform string would
 * read as an expression (`${`, `%{`) or a path (`../`) gets through.
 */
import {isRegion} from './regions.js'

/**
 * Why `name` is not a general purpose S3 bucket name, or undefined when it is one. The rules of
 * "General purpose bucket naming rules" in the Amazon S3 user guide.
 */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return 'a bucket name has 3 to 63 characters'
  if (!/^[a-z0-9.-]+$/.test(name)) return 'a bucket name holds only lower-case letters, digits, dots and hyphens'
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return 'a bucket name begins and ends with a letter or digit'
  if (name.includes('..')) return 'a bucket name has no two dots in a row'
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return 'a bucket name is not formatted as an IP address'
  const prefix = ['xn--', 'sthree-', 'amzn-s3-demo-'].find((reserved) => name.startsWith(reserved))
  if (prefix) return `AWS reserves the prefix "${prefix}"`
  const suffix = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'].find((reserved) => name.endsWith(reserved))
  if (suffix) return `AWS reserves the suffix "${suffix}"`
  return undefined
}

/** The longest state key prefix accepted; S3 keys hold up to 1,024 bytes, the stack name follows. */
export const MAX_KEY_PREFIX = 256

/**
 * Why `prefix` is not a safe relative S3 key prefix, or undefined when it is one: segments of
 * letters, digits, `.`, `_` and `-` (a subset of the characters S3 calls safe in object keys)
 * separated by single slashes, none of them `.` or `..`, no leading or trailing slash.
 */
export function keyPrefixProblem(prefix: string): string | undefined {
  if (prefix.length === 0) return 'an empty prefix; leave the option out for none'
  if (prefix.length > MAX_KEY_PREFIX) return `a key prefix has at most ${MAX_KEY_PREFIX} characters`
  if (!/^[A-Za-z0-9._/-]+$/.test(prefix)) {
    return 'a key prefix holds only letters, digits, ".", "_", "-" and "/" between parts'
  }

  const segments = prefix.split('/')
  if (segments.some((segment) => segment === '')) return 'a key prefix has no leading, trailing or double "/"'
  if (segments.some((segment) => segment === '.' || segment === '..')) return 'a key prefix has no "." or ".." parts'
  return undefined
}

/** The partition of the regions scaleplan plans for (`regions.ts` lists the commercial ones). */
const PARTITION = 'aws'

/**
 * The region an ACM certificate ARN names (`arn:aws:acm:<region>:<account>:certificate/<id>`), or
 * undefined when `arn` is not one, or names a region outside scaleplan's region list.
 */
export function certificateRegion(arn: string): string | undefined {
  const match = /^arn:([a-z-]+):acm:([a-z0-9-]+):(\d{12}):certificate\/([0-9a-f-]{1,128})$/.exec(arn)
  if (!match || match[1] !== PARTITION || !isRegion(match[2]!)) return undefined
  return match[2]
}

/** The form of an ACM certificate ARN, for messages. */
export const CERTIFICATE_ARN_FORM = 'arn:aws:acm:<region>:<12-digit account>:certificate/<id>'
