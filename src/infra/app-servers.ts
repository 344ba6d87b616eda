import {Construct, Fn, Token} from './cdktf.js'
import {
  AutoscalingGroup,
  AutoscalingPolicy,
  Eip,
  Instance,
  LaunchTemplate,
  LbTargetGroup,
  SecurityGroup,
} from './aws.js'
import {AmazonLinuxImage, architectureOf} from './amazon-linux-image.js'
import {InstanceRole} from './instance-role.js'
import type {LoadBalancer} from './load-balancer.js'
import {boundedName} from './naming.js'
import {ALL_EGRESS, PUBLIC_WEB_INGRESS, ingressFromGroups} from './security-groups.js'
import {TopologyError} from './topology-error.js'
import {COMPONENT_NAMES} from '../topology/services.js'

/** Path the placeholder application answers 200 on; replace together with the user data. */
export const APP_HEALTH_CHECK_PATH = '/'
/** Listener rule priority of the app servers' catch-all rule: the last one evaluated (ALB maximum). */
export const APP_CATCH_ALL_PRIORITY = 50_000

export interface AppServersProps {
  readonly namePrefix: string
  readonly vpcId: string
  readonly instanceType: string
  /** Servers always running (the auto scaling group's minimum). */
  readonly minCount: number
  /** Ceiling of the auto scaling group. */
  readonly maxCount: number
  /** Rendered cloud-init user data. */
  readonly userData: string
  readonly partition: string
  /**
   * The load balancer in front. Given: an auto scaling group in `subnetIds` (private) behind
   * it. Absent (stage 2): one server in `subnetIds[0]` (public) with its own address.
   */
  readonly loadBalancer?: LoadBalancer
  readonly subnetIds: readonly string[]
  /** Root volume per server. Default 20 GiB. */
  readonly volumeGiB?: number
  /** Average CPU the scaling policy holds the group at, in percent. Default 50. */
  readonly targetCpuPercent?: number
  /** Tags for the instances and volumes the group launches (provider default tags do not reach them). */
  readonly launchTags?: Readonly<Record<string, string>>
}

/** Stage 2 and up: the EC2 application tier. */
export class AppServers extends Construct {
  public readonly securityGroup: SecurityGroup
  /** The servers' role: Session Manager, plus what the stack grants (`grantSecretRead`). */
  public readonly role: InstanceRole
  /** Stage 2 only. */
  public readonly instance?: Instance
  public readonly address?: Eip
  /** Behind a load balancer only. */
  public readonly targetGroup?: LbTargetGroup
  public readonly launchTemplate?: LaunchTemplate
  public readonly autoScalingGroup?: AutoscalingGroup

  constructor(scope: Construct, id: string, props: AppServersProps) {
    super(scope, id)
    if (props.minCount < 1 || props.maxCount < props.minCount) {
      throw new TopologyError(`app servers: min ${props.minCount}, max ${props.maxCount}; need 1 <= min <= max`)
    }
    const firstSubnet = props.subnetIds[0]
    if (firstSubnet === undefined) throw new TopologyError('app servers need at least one subnet')
    const image = new AmazonLinuxImage(this, 'Image', {architecture: architectureOf(props.instanceType)})
    const name = `${props.namePrefix}-${COMPONENT_NAMES.appServers}`
    const role = new InstanceRole(this, 'Role', {name, partition: props.partition})
    this.role = role
    const volumeGiB = props.volumeGiB ?? 20
    const metadataOptions = {httpTokens: 'required', httpEndpoint: 'enabled', httpPutResponseHopLimit: 1}
    const lb = props.loadBalancer

    this.securityGroup = new SecurityGroup(this, 'SecurityGroup', {
      name,
      // One description at every stage: it cannot change without replacing the group.
      description: 'App servers: HTTP from their clients',
      vpcId: props.vpcId,
      ingress: lb ? ingressFromGroups(80, [lb.securityGroup.id], 'HTTP from the load balancer') : PUBLIC_WEB_INGRESS,
      egress: ALL_EGRESS,
    })

    if (lb === undefined) {
      this.instance = new Instance(this, 'Instance', {
        ami: image.imageId,
        instanceType: props.instanceType,
        subnetId: firstSubnet,
        // A public address from boot: cloud-init installs packages before the Elastic IP is attached.
        associatePublicIpAddress: true,
        vpcSecurityGroupIds: [this.securityGroup.id],
        iamInstanceProfile: role.instanceProfile.name,
        userData: props.userData,
        metadataOptions,
        rootBlockDevice: {volumeType: 'gp3', volumeSize: volumeGiB, encrypted: true},
        tags: {Name: name},
        lifecycle: {ignoreChanges: ['ami']},
      })
      this.address = new Eip(this, 'Address', {
        domain: 'vpc',
        instance: this.instance.id,
        tags: {Name: name},
      })
      return
    }

    this.targetGroup = new LbTargetGroup(this, 'TargetGroup', {
      name: boundedName([props.namePrefix, COMPONENT_NAMES.appServers], 32),
      vpcId: props.vpcId,
      port: 80,
      protocol: 'HTTP',
      targetType: 'instance',
      deregistrationDelay: '30',
      healthCheck: {
        path: APP_HEALTH_CHECK_PATH,
        matcher: '200-399',
        interval: 15,
        healthyThreshold: 2,
        unhealthyThreshold: 3,
      },
    })
    lb.route(this, {
      priority: APP_CATCH_ALL_PRIORITY,
      pathPatterns: ['/*'],
      targetGroupArn: this.targetGroup.arn,
    })

    const launchTags = {Name: name, ...props.launchTags}
    this.launchTemplate = new LaunchTemplate(this, 'LaunchTemplate', {
      name,
      imageId: image.imageId,
      instanceType: props.instanceType,
      vpcSecurityGroupIds: [this.securityGroup.id],
      iamInstanceProfile: {arn: role.instanceProfile.arn},
      userData: Fn.base64encode(props.userData),
      metadataOptions,
      blockDeviceMappings: [
        {
          deviceName: '/dev/xvda',
          ebs: {volumeType: 'gp3', volumeSize: volumeGiB, encrypted: 'true', deleteOnTermination: 'true'},
        },
      ],
      tagSpecifications: [
        {resourceType: 'instance', tags: launchTags},
        {resourceType: 'volume', tags: launchTags},
      ],
      updateDefaultVersion: true,
      // A newly published AMI should not roll the fleet on an unrelated apply; bump it on purpose.
      lifecycle: {ignoreChanges: ['image_id']},
    })

    this.autoScalingGroup = new AutoscalingGroup(this, 'Group', {
      name,
      minSize: props.minCount,
      maxSize: props.maxCount,
      // No desired capacity: the group starts at its minimum and the scaling policy owns it afterwards.
      vpcZoneIdentifier: [...props.subnetIds],
      targetGroupArns: [this.targetGroup.arn],
      healthCheckType: 'ELB',
      healthCheckGracePeriod: 300,
      launchTemplate: {id: this.launchTemplate.id, version: Token.asString(this.launchTemplate.latestVersion)},
      instanceRefresh: {strategy: 'Rolling', preferences: {minHealthyPercentage: 90}},
    })

    new AutoscalingPolicy(this, 'CpuTarget', {
      name: `${name}-cpu`,
      autoscalingGroupName: this.autoScalingGroup.name,
      policyType: 'TargetTrackingScaling',
      targetTrackingConfiguration: {
        predefinedMetricSpecification: {predefinedMetricType: 'ASGAverageCPUUtilization'},
        targetValue: props.targetCpuPercent ?? 50,
      },
    })
  }
}
