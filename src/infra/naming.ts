import {createHash} from 'node:crypto'
import {TopologyError} from './topology-error.js'
import {COMPONENT_NAMES} from '../topology/services.js'

/**
 * Names of AWS resources and stacks.
 *
 * Every name is derived from the project name, the region and the component, never from a
 * clock or a random source: they are part of the Terraform diff a reviewer reads, and several
 * (RDS identifiers) are referenced across stacks by name.
 */

/**
 * The stack (and its working directory) for one region: `<name>-<region>`. It is also the
 * prefix of every AWS name in the stack, which keeps account-global names (IAM roles) and
 * regional ones unique when several regions share an account.
 */
export function stackName(projectName: string, region: string): string {
  return `${toDnsLabel(projectName)}-${region}`
}

/**
 * Lower-case letters, digits and single hyphens, starting with a letter: the intersection of
 * what S3, RDS, ElastiCache, ALB and target group names accept.
 */
export function toDnsLabel(value: string): string {
  const label = value
    .toLowerCase()
    .replaceAll(/[^a-z0-9-]+/g, '-')
    .replaceAll(/-+/g, '-')
    .replaceAll(/^-+|-+$/g, '')
  if (label === '') throw new TopologyError(`name "${value}" has no letters or digits to build AWS resource names from`)
  return /^[a-z]/.test(label) ? label : `x-${label}`
}

/**
 * Joins parts with hyphens and, when the result is longer than `maxLength` (ALB and target
 * group names allow 32 characters, ElastiCache ids 40), keeps a prefix and appends a hash of
 * the full name, so two long names that share a prefix still differ and the same input always
 * gives the same name.
 */
export function boundedName(parts: readonly string[], maxLength: number): string {
  const full = toDnsLabel(parts.join('-'))
  if (full.length <= maxLength) return full
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 6)
  const prefix = full.slice(0, maxLength - hash.length - 1).replace(/-+$/, '')
  return `${prefix}-${hash}`
}

/** RDS instance identifiers allow 63 characters. */
const DB_IDENTIFIER_MAX = 63

/**
 * Identifier of a shard's writable primary. Shard 0 keeps the unsharded name, so sharding a
 * database later adds instances instead of renaming (and replacing) the existing one.
 *
 * Cross-region replica stacks rebuild the primary's ARN from this identifier, so it must stay
 * a pure function of the primary stack's name and the shard index.
 */
export function databaseIdentifier(namePrefix: string, shardIndex: number): string {
  const parts =
    shardIndex === 0
      ? [namePrefix, COMPONENT_NAMES.database]
      : [namePrefix, COMPONENT_NAMES.database, `shard${shardIndex + 1}`]
  return boundedName(parts, DB_IDENTIFIER_MAX)
}

/** Identifier of a read replica; `replicaIndex` counts from 0. */
export function databaseReplicaIdentifier(namePrefix: string, shardIndex: number, replicaIndex: number): string {
  const shard = shardIndex === 0 ? [] : [`shard${shardIndex + 1}`]
  return boundedName([namePrefix, COMPONENT_NAMES.database, ...shard, `replica${replicaIndex + 1}`], DB_IDENTIFIER_MAX)
}
