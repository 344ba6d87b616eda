import {summarizePlan} from '../../../src/terraform/plan-summary.js'
import type {PlannedChange} from './plan-stack.js'

/** A planned change's action as scaleplan's plan summary names it. */
export function actionOf(change: PlannedChange): string {
  if (change.actions.includes('delete') && change.actions.includes('create')) return 'replace'
  return change.actions[0] ?? 'no-op'
}

/** The data-holding resources a plan deletes or replaces, as scaleplan's plan summary finds them (what `apply` refuses). */
export function dataLossOf(changes: readonly PlannedChange[]): string[] {
  const summary = summarizePlan({
    resource_changes: changes.map((change) => ({
      address: change.address,
      mode: change.mode,
      type: change.type,
      name: change.name,
      change: {actions: change.actions, before: change.before},
    })),
  })
  return summary.dataLoss.map((loss) => `${loss.address}: ${loss.action}`)
}

/**
 * What a plan for another stage must not do, one line each:
 * - replace anything: a stage change, a certificate or a domain adds, updates in place and
 *   deletes what the new stage no longer has, but never destroys and recreates a resource (a
 *   replaced launch template rolls the fleet, a replaced listener drops connections, a replaced
 *   database loses its data);
 * - on the way up, delete what holds data (scaleplan's own rule, the one `apply` refuses without
 *   --allow-data-loss), except the addresses the pair allows;
 * - change a cache's cluster mode in place, which ElastiCache refuses.
 */
export function growthViolations(
  changes: readonly PlannedChange[],
  pair: {readonly allowedDataLoss?: readonly string[]; readonly shrinks?: boolean},
): string[] {
  const why = (change: PlannedChange) =>
    change.replacePaths?.length ? ` (forced by ${change.replacePaths.map((p) => p.join('.')).join(', ')})` : ''
  const violations: string[] = []
  if (!pair.shrinks) {
    const allowed = pair.allowedDataLoss ?? []
    violations.push(
      ...dataLossOf(changes)
        .filter((loss) => !allowed.includes(loss.split(':')[0]!))
        .map((loss) => `${loss} of a resource that holds data`),
    )
  }
  for (const change of changes) {
    if (actionOf(change) === 'replace') violations.push(`${change.address}: replaced${why(change)}`)
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
