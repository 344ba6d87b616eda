import {Construct, Fn, TerraformVariable} from './cdktf.js'
import {
  AppautoscalingPolicy,
  AppautoscalingTarget,
  CloudwatchLogGroup,
  EcsService,
  EcsTaskDefinition,
  IamRole,
  LbTargetGroup,
  SecurityGroup,
  type EcsCluster,
} from './aws.js'
import type {LoadBalancer} from './load-balancer.js'
import {boundedName, toDnsLabel} from './naming.js'
import {ALL_EGRESS, ingressFromGroups} from './security-groups.js'
import {trustPolicy} from './trust-policy.js'
import {TopologyError} from './topology-error.js'
import {SERVICE_CPU_ARCHITECTURE, type ServiceCpuArchitecture} from '../topology/services.js'

/** ECS's names for the CPU architectures (`runtime_platform.cpu_architecture`). */
const ECS_CPU_ARCHITECTURE: Record<ServiceCpuArchitecture, string> = {arm64: 'ARM64'}

/** Placeholder image until a deploy pipeline sets the `image_<service>` variable (multi-architecture). */
export const PLACEHOLDER_IMAGE = 'public.ecr.aws/nginx/nginx:stable'
const CONTAINER_PORT = 80

export interface FargateServiceProps {
  readonly namePrefix: string
  /** Service name from the Topology; part of every name and of the `image_<name>` variable. */
  readonly serviceName: string
  /** Path pattern the load balancer routes to the service, e.g. `/orders/*`. */
  readonly path: string
  /** Listener rule priority; unique per listener. */
  readonly priority: number
  /** Task CPU in Fargate CPU units (1,024 = 1 vCPU). */
  readonly cpuUnits: number
  readonly memoryMiB: number
  readonly minTasks: number
  readonly maxTasks: number
  readonly region: string
  readonly vpcId: string
  /** Private subnets. */
  readonly subnetIds: readonly string[]
  readonly cluster: EcsCluster
  readonly loadBalancer: LoadBalancer
  /** Role ECS uses to pull images and write logs, shared by the region's services. */
  readonly executionRole: IamRole
  /** Average CPU the scaling policy holds the service at, in percent. Default 50. */
  readonly targetCpuPercent?: number
  /** Days of container logs kept. Default 30. */
  readonly logRetentionDays?: number
}

/** Stage 7: one independently scaled service on Fargate behind a path rule of the load balancer. */
export class FargateService extends Construct {
  public readonly securityGroup: SecurityGroup
  /** The role the service's code runs with: what the stack grants it (`grantSecretRead`), nothing else. */
  public readonly taskRole: IamRole
  public readonly targetGroup: LbTargetGroup
  public readonly taskDefinition: EcsTaskDefinition
  public readonly service: EcsService

  constructor(scope: Construct, id: string, props: FargateServiceProps) {
    super(scope, id)
    if (props.minTasks < 1 || props.maxTasks < props.minTasks) {
      throw new TopologyError(
        `service ${props.serviceName}: min ${props.minTasks}, max ${props.maxTasks} tasks; need 1 <= min <= max`,
      )
    }
    const label = toDnsLabel(props.serviceName)
    const name = `${props.namePrefix}-${label}`

    const image = new TerraformVariable(this, 'Image', {
      type: 'string',
      default: PLACEHOLDER_IMAGE,
      description: `Container image of the ${label} service`,
    })
    image.overrideLogicalId(`image_${label.replaceAll('-', '_')}`)

    const logs = new CloudwatchLogGroup(this, 'Logs', {
      name: `/ecs/${props.namePrefix}/${label}`,
      retentionInDays: props.logRetentionDays ?? 30,
    })
    this.taskRole = new IamRole(this, 'TaskRole', {
      name: boundedName([name, 'task'], 64),
      assumeRolePolicy: trustPolicy('ecs-tasks.amazonaws.com'),
    })

    this.securityGroup = new SecurityGroup(this, 'SecurityGroup', {
      name,
      description: `Service ${label}: HTTP from the load balancer`,
      vpcId: props.vpcId,
      ingress: ingressFromGroups(CONTAINER_PORT, [props.loadBalancer.securityGroup.id], 'HTTP from the load balancer'),
      egress: ALL_EGRESS,
    })

    this.targetGroup = new LbTargetGroup(this, 'TargetGroup', {
      name: boundedName([props.namePrefix, label], 32),
      vpcId: props.vpcId,
      port: CONTAINER_PORT,
      protocol: 'HTTP',
      targetType: 'ip',
      deregistrationDelay: '30',
      healthCheck: {path: '/', matcher: '200-399', interval: 15, healthyThreshold: 2, unhealthyThreshold: 3},
    })
    const rules = props.loadBalancer.route(this, {
      priority: props.priority,
      pathPatterns: [props.path],
      targetGroupArn: this.targetGroup.arn,
    })

    this.taskDefinition = new EcsTaskDefinition(this, 'TaskDefinition', {
      family: name,
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: String(props.cpuUnits),
      memory: String(props.memoryMiB),
      executionRoleArn: props.executionRole.arn,
      taskRoleArn: this.taskRole.arn,
      runtimePlatform: {
        operatingSystemFamily: 'LINUX',
        cpuArchitecture: ECS_CPU_ARCHITECTURE[SERVICE_CPU_ARCHITECTURE],
      },
      // jsonencode rather than JSON.stringify: cdktf's HCL writer breaks quotes in strings that mix
      // literal text and references.
      containerDefinitions: Fn.jsonencode([
        {
          name: label,
          image: image.stringValue,
          essential: true,
          portMappings: [{containerPort: CONTAINER_PORT, protocol: 'tcp'}],
          logConfiguration: {
            logDriver: 'awslogs',
            options: {'awslogs-group': logs.name, 'awslogs-region': props.region, 'awslogs-stream-prefix': label},
          },
        },
      ]),
    })

    this.service = new EcsService(this, 'Service', {
      name: label,
      cluster: props.cluster.arn,
      taskDefinition: this.taskDefinition.arn,
      launchType: 'FARGATE',
      desiredCount: props.minTasks,
      networkConfiguration: {
        subnets: [...props.subnetIds],
        securityGroups: [this.securityGroup.id],
        assignPublicIp: false,
      },
      loadBalancer: [{targetGroupArn: this.targetGroup.arn, containerName: label, containerPort: CONTAINER_PORT}],
      healthCheckGracePeriodSeconds: 60,
      deploymentCircuitBreaker: {enable: true, rollback: true},
      propagateTags: 'SERVICE',
      // The target group must be attached to the listener before ECS registers tasks in it.
      dependsOn: rules,
      // Autoscaling owns the task count after creation.
      lifecycle: {ignoreChanges: ['desired_count']},
    })

    const target = new AppautoscalingTarget(this, 'ScalingTarget', {
      serviceNamespace: 'ecs',
      scalableDimension: 'ecs:service:DesiredCount',
      resourceId: `service/${props.cluster.name}/${this.service.name}`,
      minCapacity: props.minTasks,
      maxCapacity: props.maxTasks,
    })
    new AppautoscalingPolicy(this, 'CpuTarget', {
      name: `${name}-cpu`,
      policyType: 'TargetTrackingScaling',
      serviceNamespace: target.serviceNamespace,
      scalableDimension: target.scalableDimension,
      resourceId: target.resourceId,
      targetTrackingScalingPolicyConfiguration: {
        predefinedMetricSpecification: {predefinedMetricType: 'ECSServiceAverageCPUUtilization'},
        targetValue: props.targetCpuPercent ?? 50,
      },
    })
  }
}
