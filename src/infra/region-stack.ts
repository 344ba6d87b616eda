import {
  Annotations,
  Aspects,
  LocalBackend,
  S3Backend,
  TerraformElement,
  TerraformOutput,
  TerraformStack,
  type Construct,
  type Node,
} from './cdktf.js'
import {AwsProvider} from './aws.js'
import {
  componentOf,
  componentsOf,
  isPrimaryRegion,
  type Domain,
  type RegionTopology,
  type Topology,
} from '../topology/types.js'
import {reservedServiceName} from '../topology/services.js'
import {Account} from './account.js'
import {AppServers, APP_HEALTH_CHECK_PATH} from './app-servers.js'
import {Cache, CACHE_PORT} from './cache.js'
import {Cdn} from './cdn.js'
import {privateTierCidr, vpcCidr} from './cidr.js'
import {Database, DATABASE_PORT} from './database.js'
import {DestroyGuard} from './destroy-guard.js'
import {latencyRecord, originHostName, RegionCertificate} from './domain.js'
import {FargateService} from './fargate-service.js'
import {LoadBalancer} from './load-balancer.js'
import {LogBucket} from './log-bucket.js'
import {stackName, toDnsLabel} from './naming.js'
import {Network} from './network.js'
import {OriginSecret} from './origin-secret.js'
import {PolicyAspect} from './policy/policy-aspect.js'
import {SECURITY_RULES} from './policy/security-rules.js'
import {PrimaryLink} from './primary-link.js'
import {renderTemplate} from './render-template.js'
import {grantSecretRead} from './secret-access.js'
import {ServiceCluster} from './service-cluster.js'
import {SingleServer} from './single-server.js'
import {StaticSite} from './static-site.js'
import {TopologyError} from './topology-error.js'

/** The AWS provider versions the generated code is written against (`@cdktf/provider-aws` 21 binds 6.x). */
export const AWS_PROVIDER_CONSTRAINT = '~> 6.25'
/** S3 native state locking (`use_lockfile`) needs Terraform or OpenTofu 1.10. */
const S3_LOCKFILE_TERRAFORM = '>= 1.10'
/** First listener rule priority of the stage-7 services; the app servers' catch-all is last. */
const FIRST_SERVICE_PRIORITY = 100
/** CloudFront reads its certificates from us-east-1, and writes its logs from there. */
export const EDGE_REGION = 'us-east-1'
/** The aliases of the extra AWS providers: the primary region (in replica regions) and us-east-1 (the edge). */
export const PROVIDER_ALIASES = {primary: 'primary', edge: 'edge'} as const

export type BackendOptions =
  | {readonly kind: 'local'}
  | {
      readonly kind: 's3'
      readonly bucket: string
      /** Region of the state bucket. Default: the Topology's primary region. */
      readonly region?: string
      /** Key prefix; each stack's state is `<prefix>/<stack>.tfstate`. Default: none. */
      readonly keyPrefix?: string
    }

export interface RegionStackProps {
  readonly topology: Topology
  /** Position of this region in `topology.regions`. */
  readonly regionIndex: number
  /** State backend. Default local, `terraform.<stack>.tfstate` in the stack's directory. */
  readonly backend?: BackendOptions
  /**
   * ACM certificate for this region's load balancer, for a stage-3 project whose DNS is not in
   * Route 53. Default none: with a domain the stack requests its own certificates; without, HTTP
   * and a warning.
   */
  readonly certificateArn?: string
  /** Tags beside scaleplan's own on every resource. Default none. */
  readonly tags?: Readonly<Record<string, string>>
}

/**
 * One region of the Topology as a Terraform stack: providers and backend, then the constructs
 * for exactly the components the region lists, the project's edge in the primary region, the
 * link to the primary region in the others, then the outputs.
 *
 * Default tags name the project and the tool, never the stage: a tag that changed with the stage
 * would touch every resource (and roll the servers, whose launch template carries the tags) on
 * every stage change.
 */
export class RegionStack extends TerraformStack {
  public readonly region: RegionTopology
  public readonly network: Network
  public readonly database?: Database
  /** The link to the primary region (replica regions only). */
  public readonly primaryLink?: PrimaryLink
  /** The security policy applied at synthesis; its `report` holds every rule x resource verdict. */
  public readonly policy = new PolicyAspect(SECURITY_RULES)

  constructor(scope: Construct, props: RegionStackProps) {
    const {topology, regionIndex} = props
    const region = topology.regions[regionIndex]
    if (region === undefined) throw new TopologyError(`topology has no region at index ${regionIndex}`)
    const prefix = stackName(topology.name, region.region)
    super(scope, prefix)
    this.region = region
    const primary = isPrimaryRegion(topology, region)
    const primaryIndex = topology.regions.findIndex((r) => r.region === topology.primaryRegion)
    const primaryPrefix = stackName(topology.name, topology.primaryRegion)
    const {cdn: behindCdn, domain} = topology.edge

    const tags = {project: topology.name, 'managed-by': 'scaleplan', ...props.tags}
    const defaultTags = [{tags}]
    new AwsProvider(this, 'aws', {region: region.region, defaultTags})
    const primaryProvider = primary
      ? undefined
      : new AwsProvider(this, 'aws_primary', {
          alias: PROVIDER_ALIASES.primary,
          region: topology.primaryRegion,
          defaultTags,
        })
    const edgeProvider =
      primary && behindCdn
        ? new AwsProvider(this, 'aws_edge', {alias: PROVIDER_ALIASES.edge, region: EDGE_REGION, defaultTags})
        : undefined
    // cdktf writes the short source "aws"; the fully qualified one resolves the same provider
    // in Terraform and OpenTofu.
    this.addOverride('terraform.required_providers.aws', {source: 'hashicorp/aws', version: AWS_PROVIDER_CONSTRAINT})
    this.configureBackend(prefix, props.backend ?? {kind: 'local'}, topology.primaryRegion)

    Aspects.of(this).add(this.policy)
    const account = new Account(this, 'Account')
    const guard = new DestroyGuard(this, 'Lifecycle')
    const logs = new LogBucket(this, 'Logs', {
      name: `${prefix}-logs`,
      accountId: account.accountId,
      partition: account.partition,
      region: region.region,
      guard,
      writers: 'regional',
    })

    const networkComponent = componentOf(region, 'network')
    if (networkComponent === undefined)
      throw new TopologyError(`region ${region.region}: the topology has no network component`)
    const server = componentOf(region, 'server')
    this.network = new Network(this, 'Network', {
      regionIndex,
      zones: region.zones,
      natGateways: networkComponent.natGateways,
      namePrefix: prefix,
      // The stage-1 server is the whole stack: nothing would live in private subnets.
      privateSubnets: server === undefined,
      flowLogBucketArn: logs.bucket.arn,
    })
    const publicSubnetIds = this.network.publicSubnets.map((subnet) => subnet.id)
    const privateSubnetIds = this.network.privateSubnets.map((subnet) => subnet.id)
    const common = {namePrefix: prefix, vpcId: this.network.vpc.id}

    const dbComponent = componentOf(region, 'database')
    if (!primary) {
      if (primaryIndex < 0) throw new TopologyError(`primary region ${topology.primaryRegion} is not in the topology`)
      this.primaryLink = new PrimaryLink(this, 'PrimaryLink', {
        primaryProvider: primaryProvider!,
        namePrefix: prefix,
        primaryRegion: topology.primaryRegion,
        primaryNamePrefix: primaryPrefix,
        primaryZones: topology.regions[primaryIndex]!.zones,
        primaryVpcCidr: vpcCidr(primaryIndex),
        vpc: this.network.vpc,
        vpcCidr: vpcCidr(regionIndex),
        privateRouteTables: this.network.privateRouteTables,
        databaseShards: dbComponent?.shards ?? 0,
        originSecret: behindCdn,
      })
    }

    const singleServer = server
      ? new SingleServer(this, 'SingleServer', {
          ...common,
          subnetId: publicSubnetIds[0]!,
          instanceType: server.instanceType,
          volumeGiB: server.volumeGiB,
          userData: renderTemplate('cloud-init/single-server.yaml', {
            project: topology.name,
            database: databaseName(topology.name),
          }),
          partition: account.partition,
          guard,
        })
      : undefined

    const originSecret = primary && behindCdn ? new OriginSecret(this, 'OriginSecret', {namePrefix: prefix}) : undefined
    const lbComponent = componentOf(region, 'load-balancer')
    const certificate =
      lbComponent && domain && props.certificateArn === undefined
        ? new RegionCertificate(this, 'Certificate', {domain, writeValidationRecords: primary})
        : undefined
    const originSecretValues = originSecret?.acceptedValues ?? this.primaryLink?.originSecretValues
    const loadBalancer = lbComponent
      ? new LoadBalancer(this, 'LoadBalancer', {
          ...common,
          vpcCidr: vpcCidr(regionIndex),
          subnetIds: publicSubnetIds,
          certificateArn: props.certificateArn ?? certificate?.arn,
          behindCdn: behindCdn && originSecretValues ? {originSecretValues} : undefined,
          accessLogs: {bucket: logs.bucket.bucket, dependsOn: logs.ready},
        })
      : undefined

    const appComponent = componentOf(region, 'app-servers')
    const appServers = appComponent
      ? new AppServers(this, 'AppServers', {
          ...common,
          instanceType: appComponent.instanceType,
          minCount: appComponent.minCount,
          maxCount: appComponent.maxCount,
          volumeGiB: appComponent.volumeGiB,
          userData: renderTemplate('cloud-init/app-server.yaml', {
            project: topology.name,
            healthCheckPath: APP_HEALTH_CHECK_PATH,
          }),
          partition: account.partition,
          loadBalancer,
          subnetIds: loadBalancer ? privateSubnetIds : publicSubnetIds,
          launchTags: tags,
        })
      : undefined
    if (loadBalancer && networkComponent.natGateways === 0) {
      Annotations.of(this.network).addWarning(
        'Servers in private subnets but no NAT gateway: they cannot reach package mirrors or AWS APIs.',
      )
    }

    const serviceComponents = componentsOf(region, 'service')
    let services: FargateService[] = []
    if (serviceComponents.length > 0) {
      if (loadBalancer === undefined)
        throw new TopologyError(`region ${region.region}: services need a load-balancer component to route to them`)
      for (const service of serviceComponents) {
        // Two security groups with one name would fail at apply; the spec rejects these names too.
        const reserved = reservedServiceName(toDnsLabel(service.name))
        if (reserved !== undefined) throw new TopologyError(`region ${region.region}: ${reserved}`)
      }
      const cluster = new ServiceCluster(this, 'Services', {namePrefix: prefix, partition: account.partition})
      services = serviceComponents.map(
        (service, index) =>
          new FargateService(cluster, service.name, {
            ...common,
            serviceName: service.name,
            path: service.path,
            priority: FIRST_SERVICE_PRIORITY + index,
            cpuUnits: service.cpuUnits,
            memoryMiB: service.memoryMiB,
            minTasks: service.minTasks,
            maxTasks: service.maxTasks,
            region: region.region,
            subnetIds: privateSubnetIds,
            cluster: cluster.cluster,
            loadBalancer,
            executionRole: cluster.executionRole,
          }),
      )
    }
    const appTierSecurityGroupIds = [
      ...(appServers ? [appServers.securityGroup.id] : []),
      ...services.map((service) => service.securityGroup.id),
    ]

    const staticComponent = componentOf(region, 'static-site')
    const staticSite = staticComponent
      ? new StaticSite(this, 'StaticSite', {
          namePrefix: prefix,
          accountId: account.accountId,
          publicWebsite: !behindCdn,
          guard,
        })
      : undefined
    let cdn: Cdn | undefined
    if (primary && behindCdn) {
      if (staticSite === undefined)
        throw new TopologyError(`region ${region.region}: the CDN needs a static-site component as its origin`)
      const edgeLogs = new LogBucket(this, 'EdgeLogs', {
        name: `${prefix}-edge-logs`,
        accountId: account.accountId,
        partition: account.partition,
        region: EDGE_REGION,
        guard,
        writers: 'cloudfront',
        provider: edgeProvider,
      })
      // The app servers answer under /api; each service under its own path.
      const pathPatterns = [...(appServers ? ['/api/*'] : []), ...serviceComponents.map((service) => service.path)]
      const domainValidation = domain ? certificate?.validationRecords.get(domain.name) : undefined
      cdn = new Cdn(this, 'Cdn', {
        namePrefix: prefix,
        bucket: staticSite.bucket,
        logBucket: edgeLogs.bucket,
        regions: topology.regions.length,
        dynamicOrigin:
          loadBalancer && pathPatterns.length > 0
            ? {
                domainName: domain ? originHostName(domain) : loadBalancer.loadBalancer.dnsName,
                https: domain !== undefined,
                pathPatterns,
                originSecret: originSecret!.activeValue,
              }
            : undefined,
        domain:
          domain && domainValidation
            ? {name: domain.name, validationRecord: domainValidation, provider: edgeProvider!}
            : undefined,
      })
    }

    const cacheComponent = componentOf(region, 'cache')
    const cache = cacheComponent
      ? new Cache(this, 'Cache', {
          ...common,
          subnetIds: privateSubnetIds,
          engine: cacheComponent.engine,
          nodeType: cacheComponent.nodeType,
          shards: cacheComponent.shards,
          replicasPerShard: cacheComponent.replicasPerShard,
          clientSecurityGroupIds: appTierSecurityGroupIds,
        })
      : undefined

    if (dbComponent) {
      const shared = {
        ...common,
        subnetIds: privateSubnetIds,
        shards: dbComponent.shards,
        replicasPerShard: dbComponent.replicasPerShard,
        replicaInstanceClass: dbComponent.replicaInstanceClass,
        storageGiB: dbComponent.storageGiB,
        clientSecurityGroupIds: appTierSecurityGroupIds,
        guard,
      }
      this.database = new Database(
        this,
        'Database',
        dbComponent.role === 'primary'
          ? {
              ...shared,
              role: 'primary',
              instanceClass: dbComponent.instanceClass,
              multiAz: dbComponent.multiAz,
              databaseName: databaseName(topology.name),
              peeredClients: topology.regions.flatMap((other, index) =>
                other.region !== region.region && componentOf(other, 'database')
                  ? [{region: other.region, cidr: privateTierCidr(index)}]
                  : [],
              ),
            }
          : {
              ...shared,
              role: 'replica',
              primaryRegion: topology.primaryRegion,
              primaryNamePrefix: primaryPrefix,
              accountId: account.accountId,
              partition: account.partition,
            },
      )
    }

    // The app tier reads exactly its database's secrets and the cache's AUTH token.
    const writers = this.database?.primaries.length
      ? this.database.primaries.map((db) => ({
          address: db.address,
          secretArn: db.masterUserSecret.get(0).secretArn,
        }))
      : (this.primaryLink?.primaryDatabases ?? []).map((db) => ({
          address: db.address,
          secretArn: db.masterUserSecret.get(0).secretArn,
        }))
    const secretArns = [...writers.map((writer) => writer.secretArn), ...(cache ? [cache.authToken.secret.arn] : [])]
    if (appServers) grantSecretRead(appServers, appServers.role.role, secretArns)
    for (const service of services) grantSecretRead(service, service.taskRole, secretArns)

    if (domain) this.addRecords(domain, region.region, {behindCdn, cdn, loadBalancer, appServers, singleServer})

    const entryHost =
      domain?.name ??
      cdn?.distribution.domainName ??
      (behindCdn
        ? undefined
        : (loadBalancer?.loadBalancer.dnsName ?? appServers?.address?.publicIp ?? singleServer?.address.publicIp))
    if (entryHost !== undefined && (primary || !behindCdn)) {
      new TerraformOutput(this, 'public_endpoint', {
        value: entryHost,
        description: behindCdn ? 'Where users reach the project, in every region' : 'Where users reach this region',
      })
    }
    if (writers.length > 0) {
      const readers = this.database?.replicas ?? []
      new TerraformOutput(this, 'database_shards', {
        value: writers.map((writer, shard) => ({
          writer_endpoint: writer.address,
          port: DATABASE_PORT,
          secret_arn: writer.secretArn,
          reader_endpoints: (readers[shard] ?? []).map((replica) => replica.address),
        })),
        description:
          'Per shard: the writable primary (in the primary region), its port, the secret with its master ' +
          "password, and this region's read replicas",
      })
    }
    if (cache) {
      new TerraformOutput(this, 'cache_endpoint', {value: cache.endpoint, description: 'Configuration endpoint (TLS)'})
      new TerraformOutput(this, 'cache_port', {value: CACHE_PORT, description: 'Cache port'})
      new TerraformOutput(this, 'cache_auth_secret_arn', {
        value: cache.authToken.secret.arn,
        description: 'Secret holding the AUTH token clients send',
      })
    }
    if (staticSite)
      new TerraformOutput(this, 'static_bucket', {
        value: staticSite.bucket.bucket,
        description: 'Upload the static front end here',
      })
    if (originSecret)
      new TerraformOutput(this, 'origin_secret_slot', {
        value: originSecret.activeSlot,
        description: 'The origin header slot CloudFront sends: the one to replace when rotating',
      })
  }

  /**
   * The domain's records in this region, each a latency record of this region: behind the CDN,
   * the domain (primary region, pointing at CloudFront) and the origin name CloudFront reaches
   * every region's load balancer by; below it, the domain pointing at this region's entry.
   */
  private addRecords(
    domain: Domain,
    region: string,
    parts: {
      readonly behindCdn: boolean
      readonly cdn?: Cdn
      readonly loadBalancer?: LoadBalancer
      readonly appServers?: AppServers
      readonly singleServer?: SingleServer
    },
  ): void {
    const {cdn, loadBalancer} = parts
    const lbAlias = loadBalancer && {
      name: loadBalancer.loadBalancer.dnsName,
      zoneId: loadBalancer.loadBalancer.zoneId,
      evaluateTargetHealth: true,
    }
    if (cdn) {
      // CloudFront answers for itself: Route 53 cannot check a distribution's health.
      const alias = {
        name: cdn.distribution.domainName,
        zoneId: cdn.distribution.hostedZoneId,
        evaluateTargetHealth: false,
      }
      latencyRecord(this, 'SiteRecord', {domain, name: domain.name, region, alias})
      latencyRecord(this, 'SiteRecordIpv6', {domain, name: domain.name, region, type: 'AAAA', alias})
    }
    if (parts.behindCdn) {
      if (lbAlias) latencyRecord(this, 'OriginRecord', {domain, name: originHostName(domain), region, alias: lbAlias})
      return
    }
    const address = parts.appServers?.address?.publicIp ?? parts.singleServer?.address.publicIp
    if (lbAlias) latencyRecord(this, 'SiteRecord', {domain, name: domain.name, region, alias: lbAlias})
    else if (address !== undefined)
      latencyRecord(this, 'SiteRecord', {domain, name: domain.name, region, addresses: [address]})
  }

  /**
   * cdktf resolves every element once before synthesis only to find references between
   * stacks and add remote-state lookups for them. Region stacks never reference each other
   * (a replica names its source by a deterministic ARN), and each stack declares its backend
   * in the constructor, so the pass is skipped: it was a third of synthesis time. A reference
   * to another stack would surface as a reference to an undeclared resource, which the
   * structural tests reject.
   */
  override prepareStack(): void {}

  /**
   * Terraform addresses from construct paths: `aws_vpc.Network_Vpc` instead of cdktf's default
   * `Network_Vpc_1A2B3C4D`. Construct ids are PascalCase without underscores, so joining with
   * `_` stays unique; they are static, so addresses never move between runs.
   */
  protected override allocateLogicalId(element: TerraformElement | Node): string {
    const node = TerraformElement.isTerraformElement(element) ? element.node : element
    const components = node.scopes.slice(node.scopes.indexOf(this) + 1).map((scope) => scope.node.id)
    return components.join('_')
  }

  private configureBackend(stack: string, backend: BackendOptions, primaryRegion: string): void {
    if (backend.kind === 'local') {
      // cdktf's default is an absolute path under the current directory; a path relative to the
      // stack's working directory is the same on every machine (and where Terraform itself
      // would put state).
      new LocalBackend(this, {path: `terraform.${stack}.tfstate`})
      return
    }
    const prefix = backend.keyPrefix?.replaceAll(/^\/+|\/+$/g, '') ?? ''
    const s3 = new S3Backend(this, {
      bucket: backend.bucket,
      key: prefix === '' ? `${stack}.tfstate` : `${prefix}/${stack}.tfstate`,
      region: backend.region ?? primaryRegion,
      encrypt: true,
    })
    // cdktf 0.21 has no property for S3's native lock file yet.
    s3.addOverride('use_lockfile', true)
    this.addOverride('terraform.required_version', S3_LOCKFILE_TERRAFORM)
  }
}

/** PostgreSQL database name from the project name: letters, digits and underscores. */
export function databaseName(projectName: string): string {
  const name = projectName
    .toLowerCase()
    .replaceAll(/[^a-z0-9]+/g, '_')
    .replaceAll(/^_+|_+$/g, '')
  return (/^[a-z]/.test(name) ? name : `db_${name}`).slice(0, 63)
}
