import type {CacheEngine} from '../topology/types.js'
import {Construct, Token} from './cdktf.js'
import {ElasticacheReplicationGroup, ElasticacheSubnetGroup, SecurityGroup} from './aws.js'
import {GeneratedSecret} from './generated-secret.js'
import {boundedName} from './naming.js'
import {ingressFromGroups} from './security-groups.js'
import {TopologyError} from './topology-error.js'
import {COMPONENT_NAMES} from '../topology/services.js'

export const CACHE_PORT = 6379

/** Engine version and the matching default parameter group for cluster mode, for every engine the Topology names. */
const ENGINES: Readonly<Record<CacheEngine, {version: string; clusterParameterGroup: string}>> = {
  valkey: {version: '8.0', clusterParameterGroup: 'default.valkey8.cluster.on'},
  redis: {version: '7.1', clusterParameterGroup: 'default.redis7.cluster.on'},
}

export interface CacheProps {
  readonly namePrefix: string
  readonly vpcId: string
  /** Private subnets. */
  readonly subnetIds: readonly string[]
  readonly engine: CacheEngine
  readonly nodeType: string
  /** Node groups (shards). */
  readonly shards: number
  readonly replicasPerShard: number
  /** The app tier: the only security groups allowed to connect. */
  readonly clientSecurityGroupIds: readonly string[]
  /** Daily snapshots kept. Default 1. */
  readonly snapshotRetentionDays?: number
}

/**
 * Stage 5 and up: a Valkey or Redis replication group between the app tier and the database.
 *
 * Cluster mode is on from the first shard. Growing a cache then only adds node groups, which
 * ElastiCache does online; a cache created with cluster mode off cannot simply be switched on
 * when it needs a second shard (it must pass through `compatible` with every client
 * cluster-aware). Clients connect to the configuration endpoint with a cluster-aware client.
 *
 * Clients authenticate with an AUTH token (TLS alone lets anyone in the security group in): a
 * generated value kept in Secrets Manager (`<stack>-cache-auth`), which the app tier may read.
 * Rotating it: replace the generated value (`terraform apply -replace=terraform_data.
 * Cache_AuthToken_Generated_Value`); ElastiCache keeps the previous token valid too (`ROTATE`)
 * until the next rotation, so clients move to the new one at their own pace.
 */
export class Cache extends Construct {
  public readonly securityGroup: SecurityGroup
  public readonly replicationGroup: ElasticacheReplicationGroup
  /** Where clients connect: the configuration endpoint. */
  public readonly endpoint: string
  /** The AUTH token's secret. */
  public readonly authToken: GeneratedSecret

  constructor(scope: Construct, id: string, props: CacheProps) {
    super(scope, id)
    if (props.shards < 1 || props.replicasPerShard < 0 || props.replicasPerShard > 5) {
      throw new TopologyError(
        `cache: ${props.shards} shards with ${props.replicasPerShard} replicas each; need shards >= 1 and 0..5 replicas`,
      )
    }
    const engine = ENGINES[props.engine]
    const replicated = props.replicasPerShard > 0
    const groupId = boundedName([props.namePrefix, COMPONENT_NAMES.cache], 40)

    this.securityGroup = new SecurityGroup(this, 'SecurityGroup', {
      name: `${props.namePrefix}-${COMPONENT_NAMES.cache}`,
      description: 'Cache: connections from the app tier only',
      vpcId: props.vpcId,
      ingress: ingressFromGroups(CACHE_PORT, props.clientSecurityGroupIds, 'Cache clients in the app tier'),
      egress: [],
    })
    this.authToken = new GeneratedSecret(this, 'AuthToken', {
      name: `${props.namePrefix}-${COMPONENT_NAMES.cache}-auth`,
      description: `AUTH token of the ${props.namePrefix} cache`,
    })
    const subnets = new ElasticacheSubnetGroup(this, 'Subnets', {name: groupId, subnetIds: [...props.subnetIds]})

    this.replicationGroup = new ElasticacheReplicationGroup(this, 'ReplicationGroup', {
      replicationGroupId: groupId,
      description: `${props.namePrefix} read cache`,
      engine: props.engine,
      engineVersion: engine.version,
      nodeType: props.nodeType,
      port: CACHE_PORT,
      parameterGroupName: engine.clusterParameterGroup,
      clusterMode: 'enabled',
      numNodeGroups: props.shards,
      replicasPerNodeGroup: props.replicasPerShard,
      // Cluster mode requires automatic failover.
      automaticFailoverEnabled: true,
      multiAzEnabled: replicated,
      subnetGroupName: subnets.name,
      securityGroupIds: [this.securityGroup.id],
      atRestEncryptionEnabled: 'true',
      transitEncryptionEnabled: true,
      transitEncryptionMode: 'required',
      authToken: this.authToken.value,
      authTokenUpdateStrategy: 'ROTATE',
      snapshotRetentionLimit: props.snapshotRetentionDays ?? 1,
      // Named at creation and kept, so each cache's final snapshot has a name of its own.
      finalSnapshotIdentifier: Token.asString(`${groupId}-final-\${formatdate("YYYYMMDDhhmmss", timestamp())}`),
      lifecycle: {ignoreChanges: ['final_snapshot_identifier']},
      autoMinorVersionUpgrade: 'true',
    })
    this.endpoint = this.replicationGroup.configurationEndpointAddress
  }
}
