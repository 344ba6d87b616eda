import {summarizePlan} from '../../../src/terraform/plan-summary.js'
import type {PlannedChange} from './plan-stack.js'

/** A planned change's action as scaleplan's plan summary names it. */
export function actionOf(change: PlannedChange): string {
  if (change.actions.includes('delete') && change.actions.includes('create')) return 'replace'
  return change.actions[0] ?? 'no-op'
}

/** Resources that serve traffic and must not be replaced just because the stage changed. */
const KEEP_IN_PLACE = new Set(['aws_lb_listener', 'aws_launch_template'])

/**
 * What a plan for the next stage must not do, one line each:
 * - delete or replace what holds data (scaleplan's own rule: `summarizePlan(...).dataLoss`, the
 *   one `apply` refuses without --allow-data-loss), except the addresses allowed;
 * - replace a listener or a launch template;
 * - change a cache's cluster mode in place, which ElastiCache refuses.
 */
export function growthViolations(changes: readonly PlannedChange[], allowedDataLoss: readonly string[]): string[] {
  const why = (change: PlannedChange) =>
    change.replacePaths?.length ? ` (forced by ${change.replacePaths.map((p) => p.join('.')).join(', ')})` : ''
  const byAddress = new Map(changes.map((change) => [change.address, change]))
  const summary = summarizePlan({
    resource_changes: changes.map((change) => ({
      address: change.address,
      mode: change.mode,
      type: change.type,
      name: change.name,
      change: {actions: change.actions},
    })),
  })
  const violations = summary.dataLoss
    .filter((loss) => !allowedDataLoss.includes(loss.address))
    .map((loss) => `${loss.address}: ${loss.action} of a resource that holds data${why(byAddress.get(loss.address)!)}`)
  for (const change of changes) {
    if (KEEP_IN_PLACE.has(change.type) && actionOf(change) === 'replace') {
      violations.push(`${change.address}: replaced${why(change)}`)
    }
    const clusterMode = [change.before?.cluster_mode, change.after?.cluster_mode]
    if (change.type === 'aws_elasticache_replication_group' && actionOf(change) === 'update') {
      if (clusterMode[1] !== undefined && clusterMode[0] !== clusterMode[1]) {
        violations.push(
          `${change.address}: cluster_mode ${clusterMode[0]} -> ${clusterMode[1]} in place, which ElastiCache refuses`,
        )
      }
    }
  }
  return violations
}
