/**
 * Values the Topology accepts that the spec accepts too (the cache engine a user picks, the hosted
 * zone a user names), kept apart from the Topology's zod schema (`schema.ts`): the planning
 * commands read these while they build their flags, and never validate a Topology, so they do not
 * build its schema at start-up.
 */

/** The cache engines ElastiCache runs for scaleplan. */
export const CACHE_ENGINES = ['valkey', 'redis'] as const

/** The task sizes Fargate accepts, in CPU units (1,024 units = 1 vCPU). */
export const FARGATE_CPU_UNITS = [256, 512, 1024, 2048, 4096, 8192, 16384] as const

/** A Route 53 hosted zone id, like Z0123456789ABCDEFGHIJ. */
export const HOSTED_ZONE_ID = /^Z[A-Z0-9]{1,31}$/
