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
import {componentOf, componentsOf, stageInfo, type RegionTopology, type Topology} from '../topology/types.js'
import {reservedServiceName} from '../topology/services.js'
import {Account} from './account.js'
import {AppServers, APP_HEALTH_CHECK_PATH} from './app-servers.js'
import {Cache} from './cache.js'
import {Cdn} from './cdn.js'
import {vpcCidr} from './cidr.js'
import {Database} from './database.js'
import {FargateService} from './fargate-service.js'
import {LoadBalancer} from './load-balancer.js'
import {stackName, toDnsLabel} from './naming.js'
import {Network} from './network.js'
import {PolicyAspect} from './policy/policy-aspect.js'
import {SECURITY_RULES} from './policy/security-rules.js'
import {renderTemplate} from './render-template.js'
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
  /** ACM certificate for this region's load balancer. Default none: HTTP with a warning. */
  readonly certificateArn?: string
}

/**
 * One region of the Topology as a Terraform stack: provider and backend, then the constructs
 * for exactly the components the region lists, then the outputs.
 */
export class RegionStack extends TerraformStack {
  public readonly region: RegionTopology
  public readonly network: Network
  public readonly database?: Database
  /** The security policy applied at synthesis; its `report` holds every rule x resource verdict. */
  public readonly policy = new PolicyAspect(SECURITY_RULES)

  constructor(scope: Construct, props: RegionStackProps) {
    const {topology, regionIndex} = props
    const region = topology.regions[regionIndex]
    if (region === undefined) throw new TopologyError(`topology has no region at index ${regionIndex}`)
    const prefix = stackName(topology.name, region.region)
    super(scope, prefix)
    this.region = region

    const stage = stageInfo(topology.stage)
    const tags = {project: topology.name, stage: `${stage.number}-${stage.name}`, 'managed-by': 'scaleplan'}
    new AwsProvider(this, 'aws', {region: region.region, defaultTags: [{tags}]})
    // cdktf writes the short source "aws"; the fully qualified one resolves the same provider
    // in Terraform and OpenTofu.
    this.addOverride('terraform.required_providers.aws', {source: 'hashicorp/aws', version: AWS_PROVIDER_CONSTRAINT})
    this.configureBackend(prefix, props.backend ?? {kind: 'local'}, topology.primaryRegion)

    Aspects.of(this).add(this.policy)
    const account = new Account(this, 'Account')

    const networkComponent = componentOf(region, 'network')
    if (networkComponent === undefined)
      throw new TopologyError(`region ${region.region}: the topology has no network component`)
    this.network = new Network(this, 'Network', {
      regionIndex,
      zones: region.zones,
      natGateways: networkComponent.natGateways,
      namePrefix: prefix,
    })
    const publicSubnetIds = this.network.publicSubnets.map((subnet) => subnet.id)
    const privateSubnetIds = this.network.privateSubnets.map((subnet) => subnet.id)
    const common = {namePrefix: prefix, vpcId: this.network.vpc.id}

    const server = componentOf(region, 'server')
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
        })
      : undefined

    const lbComponent = componentOf(region, 'load-balancer')
    const loadBalancer = lbComponent
      ? new LoadBalancer(this, 'LoadBalancer', {
          ...common,
          vpcCidr: vpcCidr(regionIndex),
          subnetIds: publicSubnetIds,
          certificateArn: props.certificateArn,
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

    const cdnComponent = componentOf(region, 'cdn')
    const staticComponent = componentOf(region, 'static-site')
    const staticSite = staticComponent
      ? new StaticSite(this, 'StaticSite', {
          namePrefix: prefix,
          accountId: account.accountId,
          publicWebsite: cdnComponent === undefined,
        })
      : undefined
    let cdn: Cdn | undefined
    if (cdnComponent) {
      if (staticSite === undefined)
        throw new TopologyError(
          `region ${region.region}: the cdn component needs a static-site component as its origin`,
        )
      cdn = new Cdn(this, 'Cdn', {
        namePrefix: prefix,
        bucket: staticSite.bucket,
        dynamicOrigin: loadBalancer && {
          domainName: loadBalancer.loadBalancer.dnsName,
          https: loadBalancer.https,
          // The app servers answer under /api; each service under its own path.
          pathPatterns: [...(appServers ? ['/api/*'] : []), ...serviceComponents.map((service) => service.path)],
        },
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

    const dbComponent = componentOf(region, 'database')
    if (dbComponent) {
      const shared = {
        ...common,
        subnetIds: privateSubnetIds,
        shards: dbComponent.shards,
        replicasPerShard: dbComponent.replicasPerShard,
        replicaInstanceClass: dbComponent.replicaInstanceClass,
        clientSecurityGroupIds: appTierSecurityGroupIds,
      }
      this.database = new Database(
        this,
        'Database',
        dbComponent.role === 'primary'
          ? {
              ...shared,
              role: 'primary',
              instanceClass: dbComponent.instanceClass,
              storageGiB: dbComponent.storageGiB,
              multiAz: dbComponent.multiAz,
              databaseName: databaseName(topology.name),
            }
          : {
              ...shared,
              role: 'replica',
              primaryRegion: topology.primaryRegion,
              primaryNamePrefix: stackName(topology.name, topology.primaryRegion),
              accountId: account.accountId,
              partition: account.partition,
            },
      )
    }

    const publicEndpoint =
      cdn?.distribution.domainName ??
      loadBalancer?.loadBalancer.dnsName ??
      appServers?.address?.publicIp ??
      singleServer?.address.publicIp
    if (publicEndpoint !== undefined) {
      new TerraformOutput(this, 'public_endpoint', {
        value: publicEndpoint,
        description: 'Where users reach this region',
      })
    }
    if (this.database) {
      new TerraformOutput(this, 'database_endpoints', {
        value: this.database.endpoints,
        description:
          this.database.primaries.length > 0
            ? 'Writable primaries, one per shard'
            : 'Read replicas of the primary region',
      })
    }
    if (cache)
      new TerraformOutput(this, 'cache_endpoint', {value: cache.endpoint, description: 'Cache endpoint (TLS required)'})
    if (staticSite)
      new TerraformOutput(this, 'static_bucket', {
        value: staticSite.bucket.bucket,
        description: 'Upload the static front end here',
      })
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
