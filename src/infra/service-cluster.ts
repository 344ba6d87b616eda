import {Construct} from './cdktf.js'
import {EcsCluster, IamRole, IamRolePolicyAttachment} from './aws.js'
import {boundedName} from './naming.js'
import {trustPolicy} from './trust-policy.js'

export interface ServiceClusterProps {
  readonly namePrefix: string
  readonly partition: string
}

/** Stage 7: the region's ECS cluster and the task execution role its services share. */
export class ServiceCluster extends Construct {
  public readonly cluster: EcsCluster
  public readonly executionRole: IamRole

  constructor(scope: Construct, id: string, props: ServiceClusterProps) {
    super(scope, id)
    this.cluster = new EcsCluster(this, 'Cluster', {
      name: props.namePrefix,
      setting: [{name: 'containerInsights', value: 'enabled'}],
    })
    this.executionRole = new IamRole(this, 'ExecutionRole', {
      name: boundedName([props.namePrefix, 'ecs-execution'], 64),
      assumeRolePolicy: trustPolicy('ecs-tasks.amazonaws.com'),
    })
    new IamRolePolicyAttachment(this, 'ExecutionPolicy', {
      role: this.executionRole.name,
      policyArn: `arn:${props.partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy`,
    })
  }
}
