import {Construct} from './cdktf.js'
import {
  DataAwsAvailabilityZones,
  DefaultSecurityGroup,
  Eip,
  FlowLog,
  InternetGateway,
  NatGateway,
  Route,
  RouteTable,
  RouteTableAssociation,
  Subnet,
  Vpc,
} from './aws.js'
import {privateSubnetCidr, publicSubnetCidr, vpcCidr} from './cidr.js'
import {LOG_PREFIXES} from './log-bucket.js'
import {TopologyError} from './topology-error.js'

const FLOW_LOG_PREFIX = LOG_PREFIXES.flowLogs

/** The VPC's `Name` tag; another region's stack finds the VPC by it. */
export const vpcName = (namePrefix: string) => `${namePrefix}-vpc`
/** A private route table's `Name` tag; another region's stack finds it by it. */
export const privateRouteTableName = (namePrefix: string, zoneIndex: number) => `${namePrefix}-private-${zoneIndex}`

export interface NetworkProps {
  /** Position of the region in the Topology; picks the VPC's /16 (see cidr.ts). */
  readonly regionIndex: number
  /** Zones the subnets span, one public and one private subnet each. */
  readonly zones: number
  /** NAT gateways; private route tables share them round-robin. 0 leaves private subnets without internet egress. */
  readonly natGateways: number
  /** Prefix of the `Name` tags. */
  readonly namePrefix: string
  /**
   * Private subnets (and their route tables) for an app or data tier. Default true; false at
   * stage 1, where the single server is all there is and nothing would use them.
   */
  readonly privateSubnets?: boolean
  /** Bucket (ARN) that receives the VPC's flow logs, under `vpc/`. */
  readonly flowLogBucketArn: string
}

/**
 * A region's VPC: public and private subnets over `zones` zones, internet gateway, NAT, routes,
 * flow logs.
 *
 * Routes are `aws_route` resources, never inline in their route tables: a replica region's stack
 * adds its peering route to the primary region's private route tables, and an inline route list
 * would delete that route on the primary's next apply.
 */
export class Network extends Construct {
  public readonly vpc: Vpc
  public readonly publicSubnets: readonly Subnet[]
  public readonly privateSubnets: readonly Subnet[]
  /** One per zone, in zone order, tagged `<prefix>-private-<zone index>` (other stacks find them by it). */
  public readonly privateRouteTables: readonly RouteTable[]
  public readonly natGateways: readonly NatGateway[]

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id)
    if (props.zones < 1) throw new TopologyError(`network needs at least one zone, got ${props.zones}`)
    if (props.natGateways < 0 || props.natGateways > props.zones) {
      throw new TopologyError(
        `network: ${props.natGateways} NAT gateways for ${props.zones} zones; allowed 0..${props.zones}`,
      )
    }
    const name = (suffix: string) => ({Name: `${props.namePrefix}-${suffix}`})

    // Zone names come from the account's view of the region: not every account has every
    // lettered zone, so hard-coding "<region>a" would fail in some accounts. Local and
    // Wavelength Zones (opt-in) are no place for these subnets. Each subnet takes its own zone
    // by index; an account that sees fewer zones than the topology spans stops the plan with
    // this message, where element() would have wrapped around and put two subnets of a tier in
    // one zone (which a load balancer refuses).
    const zones = new DataAwsAvailabilityZones(this, 'Zones', {
      state: 'available',
      filter: [{name: 'opt-in-status', values: ['opt-in-not-required']}],
      lifecycle: {
        postcondition: [
          {
            condition: `\${length(self.names) >= ${props.zones}}`,
            errorMessage: `The network spans ${props.zones} availability zones, but this account sees fewer in this region. Plan for fewer zones (a lower availability target) or another region.`,
          },
        ],
      },
    })
    const zoneName = (index: number) => `\${${zones.fqn}.names[${index}]}`

    this.vpc = new Vpc(this, 'Vpc', {
      cidrBlock: vpcCidr(props.regionIndex),
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: {Name: vpcName(props.namePrefix)},
    })

    // The default security group allows all traffic between its members; strip it so that
    // nothing can fall back on it.
    new DefaultSecurityGroup(this, 'DefaultSecurityGroup', {vpcId: this.vpc.id, tags: name('default-deny')})

    const internetGateway = new InternetGateway(this, 'InternetGateway', {vpcId: this.vpc.id, tags: name('igw')})

    const publicRoutes = new RouteTable(this, 'PublicRoutes', {vpcId: this.vpc.id, tags: name('public')})
    new Route(this, 'PublicDefaultRoute', {
      routeTableId: publicRoutes.id,
      destinationCidrBlock: '0.0.0.0/0',
      gatewayId: internetGateway.id,
    })

    // Every connection's metadata (accepted and rejected), kept with the load balancer's logs.
    new FlowLog(this, 'FlowLogs', {
      vpcId: this.vpc.id,
      trafficType: 'ALL',
      logDestinationType: 's3',
      logDestination: `${props.flowLogBucketArn}/${FLOW_LOG_PREFIX}/`,
      maxAggregationInterval: 600,
      tags: name('flow-logs'),
    })

    const zoneIndexes = Array.from({length: props.zones}, (_, index) => index)
    this.publicSubnets = zoneIndexes.map((index) => {
      const subnet = new Subnet(this, `Public${index}`, {
        vpcId: this.vpc.id,
        cidrBlock: publicSubnetCidr(props.regionIndex, index),
        availabilityZone: zoneName(index),
        tags: name(`public-${index}`),
      })
      new RouteTableAssociation(this, `Public${index}RoutesAssociation`, {
        subnetId: subnet.id,
        routeTableId: publicRoutes.id,
      })
      return subnet
    })

    this.natGateways = Array.from({length: props.natGateways}, (_, index) => {
      const address = new Eip(this, `Nat${index}Address`, {domain: 'vpc', tags: name(`nat-${index}`)})
      return new NatGateway(this, `Nat${index}`, {
        allocationId: address.id,
        subnetId: this.publicSubnets[index]!.id,
        tags: name(`nat-${index}`),
        dependsOn: [internetGateway],
      })
    })

    const privateIndexes = (props.privateSubnets ?? true) ? zoneIndexes : []
    const privateRouteTables: RouteTable[] = []
    this.privateSubnets = privateIndexes.map((index) => {
      const subnet = new Subnet(this, `Private${index}`, {
        vpcId: this.vpc.id,
        cidrBlock: privateSubnetCidr(props.regionIndex, index),
        availabilityZone: zoneName(index),
        tags: name(`private-${index}`),
      })
      // One route table per zone, so a zone's egress goes through its own NAT when there is one
      // per zone (a zone outage then does not cut the others off).
      const routes = new RouteTable(this, `Private${index}Routes`, {
        vpcId: this.vpc.id,
        tags: {Name: privateRouteTableName(props.namePrefix, index)},
      })
      const nat = this.natGateways.length > 0 ? this.natGateways[index % this.natGateways.length] : undefined
      if (nat) {
        new Route(this, `Private${index}DefaultRoute`, {
          routeTableId: routes.id,
          destinationCidrBlock: '0.0.0.0/0',
          natGatewayId: nat.id,
        })
      }
      new RouteTableAssociation(this, `Private${index}RoutesAssociation`, {
        subnetId: subnet.id,
        routeTableId: routes.id,
      })
      privateRouteTables.push(routes)
      return subnet
    })
    this.privateRouteTables = privateRouteTables
  }
}
