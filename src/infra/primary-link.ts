import {Construct, Token} from './cdktf.js'
import {TerraformData} from './terraform-data.js'
import {
  DataAwsDbInstance,
  DataAwsRouteTable,
  DataAwsSecretsmanagerSecretVersion,
  DataAwsVpc,
  Route,
  VpcPeeringConnection,
  VpcPeeringConnectionAccepterA,
  type AwsProvider,
  type RouteTable,
  type Vpc,
} from './aws.js'
import {databaseIdentifier} from './naming.js'
import {privateRouteTableName, vpcName} from './network.js'
import {originSecretName} from './origin-secret.js'

export interface PrimaryLinkProps {
  /** The AWS provider of the primary region (an alias in this stack). */
  readonly primaryProvider: AwsProvider
  readonly namePrefix: string
  readonly primaryRegion: string
  /** The primary region stack's name prefix, from which the names of its resources follow. */
  readonly primaryNamePrefix: string
  /** Zones of the primary region: one private route table each. */
  readonly primaryZones: number
  readonly primaryVpcCidr: string
  readonly vpc: Vpc
  readonly vpcCidr: string
  /** This region's private route tables (the app tier's). */
  readonly privateRouteTables: readonly RouteTable[]
  /** Database shards whose writable primaries this region's app tier writes to; 0 for none. */
  readonly databaseShards: number
  /** Read the header CloudFront proves itself with (the primary region holds it). Default false. */
  readonly originSecret?: boolean
}

/**
 * A replica region's way to the primary region: a VPC peering connection requested here and
 * accepted there (through the primary region's provider), routes both ways between the private
 * tiers, and what this region must know of the primary (each shard's writable endpoint and its
 * secret, the CloudFront origin header), looked up by the names the primary's stack gives them.
 *
 * The lookups run at plan time once the primary exists. When one appears for the first time the
 * primary may not exist yet (a first deploy, a new shard), so each lookup waits on an anchor of
 * its own, a `terraform_data` created together with it: while the anchor is being created the
 * lookup is deferred to apply time, and the scheduler applies this stack after the primary's.
 * After that the anchor never changes and the lookup is read at plan time like any other.
 */
export class PrimaryLink extends Construct {
  public readonly peering: VpcPeeringConnection
  /** Each shard's writable primary, as the primary region's account sees it. */
  public readonly primaryDatabases: readonly DataAwsDbInstance[]
  /** The two header values every load balancer accepts from CloudFront (the primary rotates them in turn). */
  public readonly originSecretValues?: readonly string[]

  constructor(scope: Construct, id: string, props: PrimaryLinkProps) {
    super(scope, id)
    const provider = props.primaryProvider
    const deferred = (lookup: string) => ({dependsOn: [new TerraformData(this, `${lookup}Anchor`)]})

    const primaryVpc = new DataAwsVpc(this, 'PrimaryVpc', {
      provider,
      filter: [{name: 'tag:Name', values: [vpcName(props.primaryNamePrefix)]}],
      ...deferred('PrimaryVpc'),
    })
    this.peering = new VpcPeeringConnection(this, 'Peering', {
      vpcId: props.vpc.id,
      peerVpcId: primaryVpc.id,
      peerRegion: props.primaryRegion,
      tags: {Name: `${props.namePrefix}-to-${props.primaryRegion}`},
    })
    // Across regions the requester cannot accept for the peer: the primary's side accepts.
    const accepter = new VpcPeeringConnectionAccepterA(this, 'PeeringAccepter', {
      provider,
      vpcPeeringConnectionId: this.peering.id,
      autoAccept: true,
      tags: {Name: `${props.primaryNamePrefix}-from-${props.namePrefix}`},
    })
    // Routes once the connection is active (they refer to the accepter, so they wait for it).
    props.privateRouteTables.forEach((table, index) => {
      new Route(this, `ToPrimary${index}`, {
        routeTableId: table.id,
        destinationCidrBlock: props.primaryVpcCidr,
        vpcPeeringConnectionId: accepter.vpcPeeringConnectionId,
      })
    })
    for (let zone = 0; zone < props.primaryZones; zone++) {
      const table = new DataAwsRouteTable(this, `PrimaryRoutes${zone}`, {
        provider,
        vpcId: primaryVpc.id,
        filter: [{name: 'tag:Name', values: [privateRouteTableName(props.primaryNamePrefix, zone)]}],
        ...deferred(`PrimaryRoutes${zone}`),
      })
      new Route(this, `FromPrimary${zone}`, {
        provider,
        routeTableId: table.id,
        destinationCidrBlock: props.vpcCidr,
        vpcPeeringConnectionId: accepter.vpcPeeringConnectionId,
      })
    }

    this.primaryDatabases = Array.from({length: props.databaseShards}, (_, shard) => {
      const lookup = shard === 0 ? 'PrimaryDatabase' : `PrimaryDatabaseShard${shard + 1}`
      return new DataAwsDbInstance(this, lookup, {
        provider,
        dbInstanceIdentifier: databaseIdentifier(props.primaryNamePrefix, shard),
        ...deferred(lookup),
      })
    })

    if (props.originSecret) {
      const secret = new DataAwsSecretsmanagerSecretVersion(this, 'OriginSecret', {
        provider,
        secretId: originSecretName(props.primaryNamePrefix),
        ...deferred('OriginSecret'),
      })
      const slots = `jsondecode(${secret.fqn}.secret_string)`
      this.originSecretValues = ['a', 'b'].map((slot) => Token.asString(`\${${slots}.${slot}}`))
    }
  }
}
