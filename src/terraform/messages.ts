/**
 * Terraform's machine-readable UI (`-json`): one JSON object per line, checked against zod
 * schemas of the documented shapes (HashiCorp's machine-readable-ui document and the Go structs in
 * internal/command/views/json; docs/sources.md, terraform-machine-readable-ui). As the document
 * asks of consumers, unknown properties are ignored and unknown message types keep their
 * `@message`. A known type in an unexpected shape (a `null` diagnostic, an action Terraform does
 * not have) is not guessed at: it is a TerraformProtocolError, and the call that printed it fails.
 */
import {z} from 'zod'

/** Actions in `planned_change` and the apply hooks; current Terraform also emits the last five. */
export const CHANGE_ACTIONS = [
  'noop',
  'create',
  'read',
  'update',
  'replace',
  'delete',
  'move',
  'import',
  'remove',
  'open',
  'renew',
  'close',
] as const

const resourceAddrSchema = z.looseObject({
  addr: z.string(),
  module: z.string(),
  resource: z.string(),
  implied_provider: z.string(),
  resource_type: z.string(),
  resource_name: z.string(),
  resource_key: z.union([z.string(), z.number(), z.null()]),
})

const action = z.enum(CHANGE_ACTIONS)

const base = {
  '@level': z.enum(['info', 'warn', 'error', 'trace', 'debug']),
  '@message': z.string(),
  '@module': z.string().optional(),
  '@timestamp': z.string().optional(),
}

const diagnosticSchema = z.looseObject({
  severity: z.enum(['error', 'warning']),
  summary: z.string(),
  detail: z.string(),
  address: z.string().optional(),
})

const versionSchema = z.looseObject({...base, type: z.literal('version'), terraform: z.string(), ui: z.string()})

/** The schema of each message type scaleplan reads; other types pass with their `@message`. */
const KNOWN_SCHEMAS = {
  version: versionSchema,
  planned_change: z.looseObject({
    ...base,
    type: z.literal('planned_change'),
    change: z.looseObject({resource: resourceAddrSchema, action, reason: z.string().optional()}),
  }),
  resource_drift: z.looseObject({
    ...base,
    type: z.literal('resource_drift'),
    change: z.looseObject({resource: resourceAddrSchema, action, reason: z.string().optional()}),
  }),
  change_summary: z.looseObject({
    ...base,
    type: z.literal('change_summary'),
    changes: z.looseObject({
      add: z.number(),
      change: z.number(),
      remove: z.number(),
      import: z.number().optional(),
      operation: z.enum(['plan', 'apply', 'destroy']),
    }),
  }),
  apply_start: z.looseObject({
    ...base,
    type: z.literal('apply_start'),
    hook: z.looseObject({resource: resourceAddrSchema, action}),
  }),
  apply_progress: z.looseObject({
    ...base,
    type: z.literal('apply_progress'),
    hook: z.looseObject({resource: resourceAddrSchema, action, elapsed_seconds: z.number()}),
  }),
  apply_complete: z.looseObject({
    ...base,
    type: z.literal('apply_complete'),
    hook: z.looseObject({resource: resourceAddrSchema, action, elapsed_seconds: z.number()}),
  }),
  apply_errored: z.looseObject({
    ...base,
    type: z.literal('apply_errored'),
    hook: z.looseObject({resource: resourceAddrSchema, action, elapsed_seconds: z.number()}),
  }),
  outputs: z.looseObject({
    ...base,
    type: z.literal('outputs'),
    outputs: z.record(
      z.string(),
      z.looseObject({
        sensitive: z.boolean(),
        value: z.unknown().optional(),
        type: z.unknown().optional(),
        action: z.string().optional(),
      }),
    ),
  }),
  diagnostic: z.looseObject({...base, type: z.literal('diagnostic'), diagnostic: diagnosticSchema}),
} as const

type KnownType = keyof typeof KNOWN_SCHEMAS
type Known = {[T in KnownType]: z.output<(typeof KNOWN_SCHEMAS)[T]>}[KnownType]

export type ChangeAction = (typeof CHANGE_ACTIONS)[number]
export type ResourceAddr = z.output<typeof resourceAddrSchema>
export type Diagnostic = z.output<typeof diagnosticSchema>
export type UiMessage =
  | Known
  | {
      readonly type: 'unknown'
      readonly originalType: string
      readonly '@level': string
      readonly '@message': string
    }

/** The UI schema major versions this parser understands. */
const SUPPORTED_UI_MAJOR = new Set(['0', '1'])

/** Terraform printed something scaleplan cannot read as the documented protocol. */
export class TerraformProtocolError extends Error {
  override readonly name: string = 'TerraformProtocolError'
}

export class UnsupportedUiVersionError extends TerraformProtocolError {
  override readonly name: string = 'UnsupportedUiVersionError'
}

/** Characters of an offending line quoted in an error. */
const QUOTED = 120

/**
 * One line of the stream. Lines that are not JSON objects (Terraform prints a few plain lines,
 * e.g. from providers) come back as undefined and are only logged. A JSON object with `type` and
 * `@message` is a message: its shape is checked, and a known type in the wrong shape throws.
 */
export function parseUiLine(line: string): UiMessage | undefined {
  const text = line.trim()
  if (!text.startsWith('{')) return undefined
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return undefined
  }

  if (typeof value !== 'object' || value === null) return undefined
  const {type, '@message': message, '@level': level} = value as Record<string, unknown>
  if (typeof message !== 'string' || typeof type !== 'string') return undefined
  if (!(type in KNOWN_SCHEMAS))
    return {type: 'unknown', originalType: type, '@level': String(level), '@message': message}

  const parsed = KNOWN_SCHEMAS[type as KnownType].safeParse(value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''
    throw new TerraformProtocolError(
      `a "${type}" message in an unexpected shape (${where}${issue.message}): ${quote(text)}`,
    )
  }

  if (parsed.data.type === 'version') {
    const major = parsed.data.ui.split('.')[0]!
    if (!SUPPORTED_UI_MAJOR.has(major)) {
      throw new UnsupportedUiVersionError(
        `terraform speaks machine-readable UI version ${parsed.data.ui}; scaleplan understands 0.x and 1.x`,
      )
    }
  }

  return parsed.data as UiMessage
}

function quote(text: string): string {
  return text.length <= QUOTED ? text : `${text.slice(0, QUOTED)}… (${text.length.toLocaleString('en-US')} characters)`
}
