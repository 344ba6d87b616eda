/**
 * Terraform's machine-readable UI (`-json`): one JSON object per line. Shapes follow HashiCorp's
 * machine-readable-ui document and the Go structs in internal/command/views/json (docs/sources.md,
 * terraform-machine-readable-ui). Unknown properties are ignored and unknown message
 * types keep their `@message`, as the doc asks of consumers.
 */

export interface ResourceAddr {
  readonly addr: string
  readonly module: string
  readonly resource: string
  readonly implied_provider: string
  readonly resource_type: string
  readonly resource_name: string
  readonly resource_key: string | number | null
}

export type ChangeAction =
  | 'noop'
  | 'create'
  | 'read'
  | 'update'
  | 'replace'
  | 'delete'
  | 'move'
  | 'import'
  | 'remove'
  | 'open'
  | 'renew'
  | 'close'

interface Base {
  readonly '@level': 'info' | 'warn' | 'error'
  readonly '@message': string
  readonly '@module'?: string
  readonly '@timestamp'?: string
}

export interface Diagnostic {
  readonly severity: 'error' | 'warning'
  readonly summary: string
  readonly detail: string
  readonly address?: string
}

export type UiMessage =
  | (Base & {readonly type: 'version'; readonly terraform: string; readonly ui: string})
  | (Base & {
      readonly type: 'planned_change' | 'resource_drift'
      readonly change: {readonly resource: ResourceAddr; readonly action: ChangeAction; readonly reason?: string}
    })
  | (Base & {
      readonly type: 'change_summary'
      readonly changes: {
        readonly add: number
        readonly change: number
        readonly remove: number
        readonly import?: number
        readonly operation: 'plan' | 'apply' | 'destroy'
      }
    })
  | (Base & {
      readonly type: 'apply_start'
      readonly hook: {readonly resource: ResourceAddr; readonly action: ChangeAction}
    })
  | (Base & {
      readonly type: 'apply_progress' | 'apply_complete' | 'apply_errored'
      readonly hook: {readonly resource: ResourceAddr; readonly action: ChangeAction; readonly elapsed_seconds: number}
    })
  | (Base & {
      readonly type: 'outputs'
      readonly outputs: Record<
        string,
        {readonly sensitive: boolean; readonly value?: unknown; readonly type?: unknown; readonly action?: string}
      >
    })
  | (Base & {readonly type: 'diagnostic'; readonly diagnostic: Diagnostic})
  | (Base & {readonly type: 'unknown'; readonly originalType: string})

/** The UI schema major versions this parser understands. */
const SUPPORTED_UI_MAJOR = new Set(['0', '1'])

export class UnsupportedUiVersionError extends Error {
  override readonly name = 'UnsupportedUiVersionError'
}

const KNOWN = new Set([
  'version',
  'planned_change',
  'resource_drift',
  'change_summary',
  'apply_start',
  'apply_progress',
  'apply_complete',
  'apply_errored',
  'outputs',
  'diagnostic',
])

/**
 * One line of the stream. Lines that are not JSON objects (Terraform prints a few plain lines,
 * e.g. from providers) come back as undefined and are only logged.
 */
export function parseUiLine(line: string): UiMessage | undefined {
  const text = line.trim()
  if (!text.startsWith('{')) return undefined
  let value: Record<string, unknown>
  try {
    value = JSON.parse(text) as Record<string, unknown>
  } catch {
    return undefined
  }

  if (typeof value['@message'] !== 'string' || typeof value.type !== 'string') return undefined
  if (value.type === 'version') {
    const major = String(value.ui ?? '').split('.')[0]!
    if (!SUPPORTED_UI_MAJOR.has(major)) {
      throw new UnsupportedUiVersionError(
        `terraform speaks machine-readable UI version ${String(value.ui)}; scaleplan understands 0.x and 1.x`,
      )
    }
  }

  if (!KNOWN.has(value.type)) return {...(value as unknown as Base), type: 'unknown', originalType: value.type}
  return value as unknown as UiMessage
}
