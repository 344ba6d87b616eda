import {Construct, Token} from './cdktf.js'
import {DbInstance, DbSubnetGroup, KmsKey, SecurityGroup, type SecurityGroupIngress} from './aws.js'
import type {DestroyGuard} from './destroy-guard.js'
import {databaseIdentifier, databaseReplicaIdentifier} from './naming.js'
import {ingressFromGroups} from './security-groups.js'
import {TopologyError} from './topology-error.js'
import {COMPONENT_NAMES} from '../topology/services.js'

export const DATABASE_PORT = 5432
/** Largest gp3 volume RDS PostgreSQL accepts, in GiB. */
const MAX_STORAGE_GIB = 65_536

interface DatabaseCommonProps {
  /** Allocated storage per instance (replicas: the ceiling their storage grows to is twice it). */
  readonly storageGiB: number
  /** This stack's name prefix; identifiers are `<namePrefix>-db[-shardN][-replicaN]`. */
  readonly namePrefix: string
  readonly vpcId: string
  /** Private subnets in at least two zones (an RDS subnet group requirement). */
  readonly subnetIds: readonly string[]
  /** Independent primaries; each holds 1/shards of the data. */
  readonly shards: number
  /** Read replicas per shard in this region. */
  readonly replicasPerShard: number
  readonly replicaInstanceClass: string
  /** The app tier: the only security groups allowed to connect. */
  readonly clientSecurityGroupIds: readonly string[]
  /** Deletion protection of the primaries follows it. */
  readonly guard: DestroyGuard
  /** PostgreSQL major version. Default `16`. */
  readonly engineVersion?: string
}

export interface PrimaryDatabaseProps extends DatabaseCommonProps {
  readonly role: 'primary'
  readonly instanceClass: string
  /** Storage autoscaling ceiling. Default twice `storageGiB`, so a full disk grows instead of stopping writes. */
  readonly maxStorageGiB?: number
  /** Synchronous standby in another zone for each primary. */
  readonly multiAz: boolean
  /** Name of the database created in each primary. */
  readonly databaseName: string
  /** Point-in-time recovery window. Default 7 days. */
  readonly backupRetentionDays?: number
  /**
   * The other regions' app tiers, which write here over VPC peering: their private ranges (security
   * groups cannot be referenced across regions). Default none.
   */
  readonly peeredClients?: readonly {readonly region: string; readonly cidr: string}[]
}

export interface ReplicaDatabaseProps extends DatabaseCommonProps {
  readonly role: 'replica'
  /** The region holding the primaries. */
  readonly primaryRegion: string
  /** The primary region stack's name prefix, from which its identifiers follow. */
  readonly primaryNamePrefix: string
  readonly accountId: string
  readonly partition: string
}

export type DatabaseProps = PrimaryDatabaseProps | ReplicaDatabaseProps

/**
 * Stage 2 and up: PostgreSQL on RDS in private subnets.
 *
 * In the primary region: one writable primary per shard, each with its read replicas. In a
 * replica region: cross-region read replicas of each shard's primary.
 *
 * A replica region's stack is applied separately from the primary's, so it cannot reference
 * the primary as a Terraform resource. It names the source by ARN instead, built from the
 * primary's deterministic identifier (see naming.ts), the primary region and the account the
 * stack is applied to. Apply the primary region first; the manifest records that dependency.
 */
export class Database extends Construct {
  public readonly securityGroup: SecurityGroup
  public readonly subnetGroup: DbSubnetGroup
  /** Writable primaries, one per shard (primary region only). */
  public readonly primaries: readonly DbInstance[]
  /** Read replicas, by shard. */
  public readonly replicas: readonly (readonly DbInstance[])[]
  /** The key encrypting cross-region replicas (replica regions only). */
  public readonly encryptionKey?: KmsKey

  constructor(scope: Construct, id: string, props: DatabaseProps) {
    super(scope, id)
    if (props.shards < 1) throw new TopologyError(`database needs at least one shard, got ${props.shards}`)
    if (props.replicasPerShard < 0 || props.replicasPerShard > 15) {
      throw new TopologyError(`database: ${props.replicasPerShard} replicas per shard; RDS PostgreSQL allows 0..15`)
    }
    if (props.role === 'replica' && props.replicasPerShard < 1) {
      throw new TopologyError('database in a replica region needs at least one replica per shard')
    }
    if (props.subnetIds.length < 2)
      throw new TopologyError(`database needs private subnets in at least 2 zones, got ${props.subnetIds.length}`)

    const peered: SecurityGroupIngress[] = (props.role === 'primary' ? (props.peeredClients ?? []) : []).map(
      ({region, cidr}) => ({
        description: `PostgreSQL clients in the ${region} app tier (VPC peering)`,
        protocol: 'tcp',
        fromPort: DATABASE_PORT,
        toPort: DATABASE_PORT,
        cidrBlocks: [cidr],
      }),
    )
    this.securityGroup = new SecurityGroup(this, 'SecurityGroup', {
      name: `${props.namePrefix}-${COMPONENT_NAMES.database}`,
      description: 'Database: PostgreSQL from the app tier only',
      vpcId: props.vpcId,
      ingress: [
        ...ingressFromGroups(DATABASE_PORT, props.clientSecurityGroupIds, 'PostgreSQL clients in the app tier'),
        ...peered,
      ],
      egress: [],
    })
    this.subnetGroup = new DbSubnetGroup(this, 'Subnets', {
      name: `${props.namePrefix}-${COMPONENT_NAMES.database}`,
      subnetIds: [...props.subnetIds],
    })

    const shared = {
      dbSubnetGroupName: this.subnetGroup.name,
      vpcSecurityGroupIds: [this.securityGroup.id],
      publiclyAccessible: false,
      storageType: 'gp3',
      storageEncrypted: true,
      autoMinorVersionUpgrade: true,
      copyTagsToSnapshot: true,
    }
    // Replicas take engine, version, credentials and storage size from their source; they grow
    // their storage on their own, like the primary, so a replica never fills up before it.
    const replicaSettings = {
      instanceClass: props.replicaInstanceClass,
      multiAz: false,
      maxAllocatedStorage: Math.min(props.storageGiB * 2, MAX_STORAGE_GIB),
      // A replica holds a copy of its primary: scaling in must be able to remove it, and RDS
      // takes no final snapshot of it.
      deletionProtection: false,
      skipFinalSnapshot: true,
    }
    const shardIndexes = Array.from({length: props.shards}, (_, index) => index)
    const replicaIndexes = Array.from({length: props.replicasPerShard}, (_, index) => index)

    if (props.role === 'primary') {
      const storageGiB = props.storageGiB
      this.primaries = shardIndexes.map((shard) => {
        const identifier = databaseIdentifier(props.namePrefix, shard)
        return new DbInstance(this, `${shardLabel(shard)}Primary`, {
          ...shared,
          identifier,
          engine: 'postgres',
          engineVersion: props.engineVersion ?? '16',
          instanceClass: props.instanceClass,
          allocatedStorage: storageGiB,
          maxAllocatedStorage: Math.min(props.maxStorageGiB ?? storageGiB * 2, MAX_STORAGE_GIB),
          multiAz: props.multiAz,
          dbName: props.databaseName,
          username: 'app_admin',
          manageMasterUserPassword: true,
          backupRetentionPeriod: props.backupRetentionDays ?? 7,
          deletionProtection: props.guard.protect,
          skipFinalSnapshot: false,
          // Named when the instance is created and kept (ignore_changes), so every instance leaves a
          // final snapshot of its own: a second destroy of the same project never collides.
          finalSnapshotIdentifier: Token.asString(`${identifier}-final-\${formatdate("YYYYMMDDhhmmss", timestamp())}`),
          lifecycle: {ignoreChanges: ['final_snapshot_identifier']},
        })
      })
      this.replicas = shardIndexes.map((shard) =>
        replicaIndexes.map(
          (replica) =>
            new DbInstance(this, `${shardLabel(shard)}Replica${replica + 1}`, {
              ...shared,
              ...replicaSettings,
              identifier: databaseReplicaIdentifier(props.namePrefix, shard, replica),
              // By ARN, not identifier: with a subnet group of its own, RDS (and the provider)
              // take the source only as an ARN, even in the same region.
              replicateSourceDb: this.primaries[shard]!.arn,
            }),
        ),
      )
      return
    }

    this.primaries = []
    this.encryptionKey = new KmsKey(this, 'ReplicaKey', {
      description: `Encrypts ${props.namePrefix} cross-region database replicas`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
    })
    const key = this.encryptionKey
    this.replicas = shardIndexes.map((shard) => {
      const identifier = databaseIdentifier(props.primaryNamePrefix, shard)
      const source = `arn:${props.partition}:rds:${props.primaryRegion}:${props.accountId}:db:${identifier}`
      return replicaIndexes.map(
        (replica) =>
          new DbInstance(this, `${shardLabel(shard)}Replica${replica + 1}`, {
            ...shared,
            ...replicaSettings,
            identifier: databaseReplicaIdentifier(props.namePrefix, shard, replica),
            replicateSourceDb: source,
            // An encrypted cross-region replica needs a key of its own region.
            kmsKeyId: key.arn,
          }),
      )
    })
  }

  /** The Secrets Manager secret holding each primary's master password (primary region only). */
  get masterSecretArns(): string[] {
    return this.primaries.map((db) => db.masterUserSecret.get(0).secretArn)
  }
}

/** Shard 0 keeps unprefixed construct ids, so sharding later adds resources instead of renaming them. */
function shardLabel(shard: number): string {
  return shard === 0 ? '' : `Shard${shard + 1}`
}
