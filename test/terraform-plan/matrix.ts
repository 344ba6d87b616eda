/**
 * The specs the plan suite synthesizes and plans with the real provider. Every entry is planned
 * as JSON and as `--hcl`. To cover a new shape of output, add an entry: the suite plans it,
 * checks formatting, and compares the two formats without further code.
 */
import type {SynthesizeOptions} from '../../src/infra/synthesize.js'
import type {StackFormat} from './helpers/plan-stack.js'
import type {SpecKey} from '../../src/spec/schema.js'
import type {StageNumber} from '../../src/topology/types.js'

export interface MatrixEntry {
  /** Names the entry in test titles and the workspace. */
  readonly name: string
  /** Spec flags, in the forms a user types. */
  readonly spec: Partial<Record<SpecKey, unknown>>
  readonly thresholds?: Record<string, number>
  /** The stage the spec must be recommended, so an entry keeps covering what it was added for. */
  readonly stage: StageNumber
  readonly synth?: Omit<SynthesizeOptions, 'outDir' | 'hcl'>
  /** Formats planned. Default both; the walk's lower stages plan JSON only (the suite's time is CPU). */
  readonly formats?: readonly StackFormat[]
}

/**
 * One product growing in users through every stage: large, mostly static responses, so that the
 * CDN pays off (stage 4) before the cache, and the microservices threshold raised so the stages
 * come in order. The growth test compares each neighbouring pair.
 */
export const GROWTH_SPEC = {name: 'grow', services: 'search,profile', responseSize: '1MB', staticShare: 0.95} as const
export const GROWTH_THRESHOLDS = {microservicesUsers: 40_000_000}
export const GROWTH_USERS: Readonly<Record<StageNumber, string>> = {
  1: '10k',
  2: '100k',
  3: '250k',
  4: '3M',
  5: '8M',
  6: '20M',
  7: '50M',
}

const growth = (stage: StageNumber): MatrixEntry => ({
  name: `stage-${stage}`,
  spec: {...GROWTH_SPEC, users: GROWTH_USERS[stage]},
  thresholds: GROWTH_THRESHOLDS,
  stage,
})

const THREE_REGIONS = 'us-east-1,eu-west-1,ap-southeast-1'
const CERTIFICATE = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d'
/** A domain in a Route 53 hosted zone: every certificate requested and validated by the stacks. */
export const DOMAIN = {domain: 'shop.example.com', hostedZoneId: 'Z0123456789ABCDEFGHIJ'} as const

/**
 * A product in three regions with its own domain, walked from stage 4 to 7 and back down: the
 * production shape (peering, latency-routed origin, certificates, origin header) at each stage.
 * Write shards are held at one (a high write threshold) so that the walk grows the cache and the
 * replicas; removing a shard's primary is a data migration the walk does not stand for.
 */
export const WALK_SPEC = {
  name: 'world',
  regions: THREE_REGIONS,
  services: 'search,profile',
  availability: 99.9,
  readWrite: '98:2',
  ...DOMAIN,
} as const
export const WALK_THRESHOLDS = {microservicesUsers: 300_000_000, dbNodeWriteQps: 1_000_000}
export const WALK_USERS = {4: '1M', 5: '40M', 6: '150M', 7: '300M'} as const

const walk = (stage: 4 | 5 | 6 | 7): MatrixEntry => ({
  name: `walk-${stage}`,
  spec: {...WALK_SPEC, users: WALK_USERS[stage]},
  thresholds: WALK_THRESHOLDS,
  stage,
  formats: stage >= 6 ? ['json', 'hcl'] : ['json'],
})

export const MATRIX: readonly MatrixEntry[] = [
  ...([1, 2, 3, 4, 5, 6, 7] as const).map(growth),
  ...([4, 5, 6, 7] as const).map(walk),
  {
    // Same-region read replicas of each shard, and shards: data past one shard, reads past one node.
    name: 'stage-6-replicas-and-shards',
    spec: {name: 'big', users: '40M', readWrite: '95:5', dataSize: '6TB'},
    stage: 6,
  },
  {
    // Shards in three regions: each replica region looks up every shard's writable primary.
    name: 'stage-6-three-regions',
    spec: {name: 'world', users: '40M', readWrite: '95:5', dataSize: '6TB', regions: THREE_REGIONS},
    stage: 6,
  },
  {
    // Three regions without a domain: one origin (the primary's load balancer), plain HTTP to it.
    name: 'stage-7-three-regions',
    spec: {
      name: 'world',
      users: '60M',
      regions: THREE_REGIONS,
      services: 'search,payment,profile',
      availability: 99.9,
      cacheEngine: 'redis',
    },
    stage: 7,
  },
  {
    name: 's3-backend',
    spec: {name: 'team', users: '5M'},
    stage: 3,
    synth: {backend: {kind: 's3', bucket: 'scaleplan-state-example', keyPrefix: 'teams/shop'}},
  },
  {
    // stage-3 with a certificate of the user's own: HTTPS listener, the port-80 listener redirects.
    name: 'stage-3-certificate',
    spec: {...GROWTH_SPEC, users: GROWTH_USERS[3]},
    thresholds: GROWTH_THRESHOLDS,
    stage: 3,
    synth: {certificateArn: CERTIFICATE},
  },
  {
    // stage-3 with a domain: the stack requests and validates the certificate, the domain points at the ALB.
    name: 'stage-3-domain',
    spec: {...GROWTH_SPEC, users: GROWTH_USERS[3], ...DOMAIN},
    thresholds: GROWTH_THRESHOLDS,
    stage: 3,
  },
  {
    // stage-4 with a domain: the domain moves from the load balancer to CloudFront, in place.
    name: 'stage-4-domain',
    spec: {...GROWTH_SPEC, users: GROWTH_USERS[4], ...DOMAIN},
    thresholds: GROWTH_THRESHOLDS,
    stage: 4,
    formats: ['json'],
  },
  {
    // stage-7 with a domain: CloudFront on the domain, HTTPS to origin.<domain>.
    name: 'stage-7-domain',
    spec: {...GROWTH_SPEC, users: GROWTH_USERS[7], ...DOMAIN},
    thresholds: GROWTH_THRESHOLDS,
    stage: 7,
  },
  {
    // stage-7 at twice the users: the cache grows from one shard to three (and the database's shards with it).
    name: 'cache-sharded',
    spec: {...GROWTH_SPEC, users: '100M'},
    thresholds: GROWTH_THRESHOLDS,
    stage: 7,
  },
  {
    // A region whose accounts see two zones, at an availability that asks for three.
    name: 'two-zone-region',
    spec: {name: 'west', users: '1M', regions: 'us-west-1', availability: 99.9},
    stage: 3,
  },
]

/** A change the suite plans against the state of `from`: `from` grows (or shrinks) into `to`. */
export interface GrowthPair {
  readonly from: string
  readonly to: string
  /**
   * Data-holding resources this step may delete, and why. Growing: only the stage-1 server
   * (moving to stage 2 moves the database to RDS, a migration scaleplan cannot do for you).
   */
  readonly allowedDataLoss?: readonly string[]
  /**
   * A step down: it deletes what holds data (so `apply` refuses it without --allow-data-loss),
   * and still replaces nothing.
   */
  readonly shrinks?: boolean
}

export const GROWTH_PAIRS: readonly GrowthPair[] = [
  {from: 'stage-1', to: 'stage-2', allowedDataLoss: ['aws_instance.SingleServer_Instance']},
  {from: 'stage-2', to: 'stage-3'},
  {from: 'stage-3', to: 'stage-4'},
  {from: 'stage-4', to: 'stage-5'},
  {from: 'stage-5', to: 'stage-6'},
  {from: 'stage-6', to: 'stage-7'},
  {from: 'stage-7', to: 'cache-sharded'},
  // Adding a certificate (given, or requested for a domain) replaces nothing.
  {from: 'stage-3', to: 'stage-3-certificate'},
  {from: 'stage-3', to: 'stage-3-domain'},
  {from: 'stage-7', to: 'stage-7-domain'},
  {from: 'stage-3-domain', to: 'stage-4-domain'},
  // Three regions from stage 4 to 7 and back down.
  {from: 'walk-4', to: 'walk-5'},
  {from: 'walk-5', to: 'walk-6'},
  {from: 'walk-6', to: 'walk-7'},
  {from: 'walk-7', to: 'walk-6', shrinks: true},
  {from: 'walk-6', to: 'walk-5', shrinks: true},
  {from: 'walk-5', to: 'walk-4', shrinks: true},
]
