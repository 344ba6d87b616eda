import {Construct} from './cdktf.js'
import {
  DataAwsAvailabilityZones,
  DefaultSecurityGroup,
  Eip,
  InternetGateway,
  NatGateway,
  RouteTable,
  RouteTableAssociation,
  Subnet,
  Vpc,
} from './aws.js'
import {privateSubnetCidr, publicSubnetCidr, vpcCidr} from './cidr.js'
import {TopologyError} from './topology-error.js'

export interface NetworkProps {
  /** Position of the region in the Topology; picks the VPC's /16 (see cidr.ts). */
  readonly regionIndex: number
  /** Zones the subnets span, one public and one private subnet each. */
  readonly zones: number
  /** NAT gateways; private route tables share them round-robin. 0 leaves private subnets without internet egress. */
  readonly natGateways: number
  /** Prefix of the `Name` tags. */
  readonly namePrefix: string
}

/** A region's VPC: public and private subnets over `zones` zones, internet gateway, NAT, routes. */
export class Network extends Construct {
  public readonly vpc: Vpc
  public readonly publicSubnets: readonly Subnet[]
  public readonly privateSubnets: readonly Subnet[]
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
      tags: name('vpc'),
    })

    // The default security group allows all traffic between its members; strip it so that
    // nothing can fall back on it.
    new DefaultSecurityGroup(this, 'DefaultSecurityGroup', {vpcId: this.vpc.id, tags: name('default-deny')})

    const internetGateway = new InternetGateway(this, 'InternetGateway', {vpcId: this.vpc.id, tags: name('igw')})

    const publicRoutes = new RouteTable(this, 'PublicRoutes', {
      vpcId: this.vpc.id,
      route: [{cidrBlock: '0.0.0.0/0', gatewayId: internetGateway.id}],
      tags: name('public'),
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

    this.privateSubnets = zoneIndexes.map((index) => {
      const subnet = new Subnet(this, `Private${index}`, {
        vpcId: this.vpc.id,
        cidrBlock: privateSubnetCidr(props.regionIndex, index),
        availabilityZone: zoneName(index),
        tags: name(`private-${index}`),
      })
      // One route table per zone, so a zone's egress goes through its own NAT when there is one
      // per zone (a zone outage then does not cut the others off).
      const nat = this.natGateways.length > 0 ? this.natGateways[index % this.natGateways.length] : undefined
      const routes = new RouteTable(this, `Private${index}Routes`, {
        vpcId: this.vpc.id,
        route: nat ? [{cidrBlock: '0.0.0.0/0', natGatewayId: nat.id}] : [],
        tags: name(`private-${index}`),
      })
      new RouteTableAssociation(this, `Private${index}RoutesAssociation`, {
        subnetId: subnet.id,
        routeTableId: routes.id,
      })
      return subnet
    })
  }
}
