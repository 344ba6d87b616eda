/**
 * A saved plan as data: what `terraform show -json PLANFILE` says will be created, updated,
 * replaced, destroyed. The input is Terraform's JSON output format
 * (https://developer.hashicorp.com/terraform/internals/json-format); the summary's schema checks
 * it where it comes back from a file (`diff --plan`).
 */
import {z} from 'zod'

import {TerraformProtocolError} from './messages.js'

const resourceChangeSchema = z.object({
  address: z.string(),
  type: z.string(),
  action: z.enum(['create', 'update', 'replace', 'delete', 'read', 'no-op']),
  /** True for resources whose deletion loses data: databases, caches, buckets, volumes. */
  stateful: z.boolean(),
  /**
   * Deleted (or replaced) while its protection is on, as the state records it: deletion or
   * termination protection, or a bucket that may not be emptied. AWS refuses the deletion until
   * the protection is lifted.
   */
  guarded: z.boolean().optional(),
})

export const planSummarySchema = z.object({
  create: z.number().int().min(0),
  update: z.number().int().min(0),
  replace: z.number().int().min(0),
  delete: z.number().int().min(0),
  changes: z.array(resourceChangeSchema),
  /** Stateful resources this plan deletes or replaces. */
  dataLoss: z.array(resourceChangeSchema),
})

export type ResourceChange = Readonly<z.output<typeof resourceChangeSchema>>
export type PlanSummary = Readonly<z.output<typeof planSummarySchema>>

/** Resource types whose deletion or replacement destroys data. */
export const STATEFUL_TYPES = new Set([
  'aws_db_instance',
  'aws_rds_cluster',
  'aws_rds_cluster_instance',
  'aws_elasticache_replication_group',
  'aws_elasticache_cluster',
  'aws_s3_bucket',
  'aws_ebs_volume',
  'aws_efs_file_system',
  'aws_dynamodb_table',
])

/**
 * The stage-1 server keeps the database on its root volume, so replacing it loses the data.
 * Matches the construct ID `SingleServer` (construct IDs are Terraform addresses, kept stable).
 */
const isStatefulInstance = (type: string, name: string) => type === 'aws_instance' && name.startsWith('SingleServer')

/**
 * What keeps a resource from being deleted, read from its prior state. The generated stacks turn
 * each of these off with the `allow_destroy` variable, which `destroy` sets first.
 */
const GUARDS: Readonly<Record<string, (before: Readonly<Record<string, unknown>>) => boolean>> = {
  aws_db_instance: (before) => before.deletion_protection === true,
  aws_instance: (before) => before.disable_api_termination === true,
  aws_s3_bucket: (before) => before.force_destroy === false,
}

/**
 * The part of `terraform show -json PLANFILE` read here, checked: a plan whose actions are not a
 * list of Terraform's actions (an action given as the string "delete") must not read as "no change".
 */
const showJsonSchema = z.looseObject({
  resource_changes: z
    .array(
      z.looseObject({
        address: z.string(),
        mode: z.string().optional(),
        type: z.string(),
        name: z.string(),
        change: z.looseObject({
          actions: z.array(z.enum(['no-op', 'create', 'read', 'update', 'delete', 'forget'])).min(1),
          /** The prior state's attributes (null for a create): where a protection shows. */
          before: z.unknown().optional(),
        }),
      }),
    )
    .optional(),
})

/** The plan `show` describes; throws TerraformProtocolError naming what is not as documented. */
export function summarizePlan(show: unknown): PlanSummary {
  const parsed = showJsonSchema.safeParse(show)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new TerraformProtocolError(
      `the plan JSON is not in the documented shape: ${formatIssuePath(issue.path)}${issue.message}`,
    )
  }

  const changes: ResourceChange[] = []
  for (const rc of parsed.data.resource_changes ?? []) {
    if (rc.mode === 'data') continue
    const action = actionOf(rc.change.actions)
    if (action === 'no-op' || action === 'read') continue
    const before = rc.change.before
    const guard = GUARDS[rc.type]
    const guarded =
      (action === 'delete' || action === 'replace') &&
      guard !== undefined &&
      typeof before === 'object' &&
      before !== null &&
      guard(before as Record<string, unknown>)
    changes.push({
      address: rc.address,
      type: rc.type,
      action,
      stateful: STATEFUL_TYPES.has(rc.type) || isStatefulInstance(rc.type, rc.name),
      ...(guarded ? {guarded: true} : {}),
    })
  }

  const count = (action: ResourceChange['action']) => changes.filter((c) => c.action === action).length
  return {
    create: count('create'),
    update: count('update'),
    replace: count('replace'),
    delete: count('delete'),
    changes,
    dataLoss: changes.filter((c) => c.stateful && (c.action === 'delete' || c.action === 'replace')),
  }
}

const formatIssuePath = (path: readonly PropertyKey[]) =>
  path.length === 0 ? '' : `${path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('')}: `

/** `["delete","create"]` and `["create","delete"]` (create_before_destroy) are both replacements. */
function actionOf(actions: readonly string[]): ResourceChange['action'] {
  if (actions.includes('delete') && actions.includes('create')) return 'replace'
  const [action] = actions
  switch (action) {
    case 'create':
    case 'update':
    case 'delete':
    case 'read':
    case 'no-op':
      return action
    default:
      // "forget" (Terraform 1.7+) drops a resource from state and leaves it running: nothing changes in AWS.
      return 'no-op'
  }
}

/** True when the plan changes anything; a stack that was not planned changes nothing. */
export const hasChanges = (summary: PlanSummary | undefined) => (summary?.changes.length ?? 0) > 0
