/**
 * What policy rules see: resources as synthesized Terraform (snake_case attributes, references
 * as `${type.name.attribute}` strings), never cdktf objects. Rules stay pure functions of
 * plain data, testable without building a stack.
 */

export interface PolicySubject {
  /** Terraform resource type, e.g. `aws_db_instance`. */
  readonly type: string
  /** Terraform address, `<type>.<name>`. */
  readonly address: string
  /** Construct path, for messages. */
  readonly path: string
  readonly attributes: Readonly<Record<string, unknown>>
}

/** The other resources of the same stack, for rules that judge a resource by what it points at. */
export class PolicyContext {
  private readonly byAddress: ReadonlyMap<string, PolicySubject>

  constructor(public readonly subjects: readonly PolicySubject[]) {
    this.byAddress = new Map(subjects.map((subject) => [subject.address, subject]))
  }

  /** The resource a `${type.name.attr}` reference points at, if the value is one. */
  resolve(value: unknown): PolicySubject | undefined {
    if (typeof value !== 'string') return undefined
    const match = /^\$\{([a-z][a-z0-9_]*)\.([A-Za-z_][\w-]*)\.[\w.[\]]+\}$/.exec(value)
    return match ? this.byAddress.get(`${match[1]}.${match[2]}`) : undefined
  }

  /** Resources of `type` whose `attribute` refers to `target`. */
  referencing(target: PolicySubject, type: string, attribute: string): PolicySubject[] {
    return this.subjects.filter(
      (subject) => subject.type === type && this.resolve(subject.attributes[attribute])?.address === target.address,
    )
  }
}

/** Attribute access on synthesized JSON: blocks may be an object or a list of objects. */
export function blocks(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.filter(isRecord)
  return isRecord(value) ? [value] : []
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Terraform booleans arrive as booleans or, for some provider attributes, as "true"/"false". */
export function isTrue(value: unknown): boolean {
  return value === true || value === 'true'
}

export function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []
}

/**
 * Protection that is on unless the stack is being destroyed: `true`, or the negated
 * `allow_destroy` variable, which only `scaleplan destroy` sets (destroy-guard.ts).
 */
export function isProtectedUnlessDestroying(value: unknown): boolean {
  return isTrue(value) || value === '${!var.allow_destroy}'
}
