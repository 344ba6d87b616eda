import type {CacheEngine} from '../topology/types.js'
import {Construct} from './cdktf.js'
import {ElasticacheReplicationGroup, ElasticacheSubnetGroup, SecurityGroup} from './aws.js'
import {boundedName} from './naming.js'
import {ingressFromGroups} from './security-groups.js'
import {TopologyError} from './topology-error.js'

export const CACHE_PORT = 6379

/** Engine version and the matching default parameter groups, for every engine the Topology names. */
const ENGINES: Readonly<Record<CacheEngine, {version: string; parameterGroup: string; clusterParameterGroup: string}>> =
  {
    valkey: {version: '8.0', parameterGroup: 'default.valkey8', clusterParameterGroup: 'default.valkey8.cluster.on'},
    redis: {version: '7.1', parameterGroup: 'default.redis7', clusterParameterGroup: 'default.redis7.cluster.on'},
  }

export interface CacheProps {
  readonly namePrefix: string
  readonly vpcId: string
  /** Private subnets. */
  readonly subnetIds: readonly string[]
  readonly engine: CacheEngine
  readonly nodeType: string
  /** Node groups; more than one turns cluster mode on. */
  readonly shards: number
  readonly replicasPerShard: number
  /** The app tier: the only security groups allowed to connect. */
  readonly clientSecurityGroupIds: readonly string[]
  /** Daily snapshots kept. Default 1. */
  readonly snapshotRetentionDays?: number
}

/** Stage 5 and up: a Valkey or Redis replication group between the app tier and the database. */
export class Cache extends Construct {
  public readonly securityGroup: SecurityGroup
  public readonly replicationGroup: ElasticacheReplicationGroup
  /** Where clients connect: the configuration endpoint in cluster mode, else the primary endpoint. */
  public readonly endpoint: string

  constructor(scope: Construct, id: string, props: CacheProps) {
    super(scope, id)
    if (props.shards < 1 || props.replicasPerShard < 0 || props.replicasPerShard > 5) {
      throw new TopologyError(
        `cache: ${props.shards} shards with ${props.replicasPerShard} replicas each; need shards >= 1 and 0..5 replicas`,
      )
    }
    const engine = ENGINES[props.engine]
    const clusterMode = props.shards > 1
    const replicated = props.replicasPerShard > 0
    const groupId = boundedName([props.namePrefix, 'cache'], 40)

    this.securityGroup = new SecurityGroup(this, 'SecurityGroup', {
      name: `${props.namePrefix}-cache`,
      description: 'Cache: connections from the app tier only',
      vpcId: props.vpcId,
      ingress: ingressFromGroups(CACHE_PORT, props.clientSecurityGroupIds, 'Cache clients in the app tier'),
      egress: [],
    })
    const subnets = new ElasticacheSubnetGroup(this, 'Subnets', {name: groupId, subnetIds: [...props.subnetIds]})

    this.replicationGroup = new ElasticacheReplicationGroup(this, 'ReplicationGroup', {
      replicationGroupId: groupId,
      description: `${props.namePrefix} read cache`,
      engine: props.engine,
      engineVersion: engine.version,
      nodeType: props.nodeType,
      port: CACHE_PORT,
      parameterGroupName: clusterMode ? engine.clusterParameterGroup : engine.parameterGroup,
      ...(clusterMode
        ? {clusterMode: 'enabled', numNodeGroups: props.shards, replicasPerNodeGroup: props.replicasPerShard}
        : {clusterMode: 'disabled', numCacheClusters: 1 + props.replicasPerShard}),
      // Cluster mode requires automatic failover; without replicas there is nothing to fail over to.
      automaticFailoverEnabled: clusterMode || replicated,
      multiAzEnabled: replicated,
      subnetGroupName: subnets.name,
      securityGroupIds: [this.securityGroup.id],
      atRestEncryptionEnabled: 'true',
      transitEncryptionEnabled: true,
      transitEncryptionMode: 'required',
      snapshotRetentionLimit: props.snapshotRetentionDays ?? 1,
      finalSnapshotIdentifier: `${groupId}-final`,
      autoMinorVersionUpgrade: 'true',
    })
    this.endpoint = clusterMode
      ? this.replicationGroup.configurationEndpointAddress
      : this.replicationGroup.primaryEndpointAddress
  }
}
