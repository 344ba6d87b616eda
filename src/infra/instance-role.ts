import {Construct} from './cdktf.js'
import {IamInstanceProfile, IamRole, IamRolePolicyAttachment} from './aws.js'
import {boundedName} from './naming.js'
import {trustPolicy} from './trust-policy.js'

export interface InstanceRoleProps {
  /** AWS partition of managed policy ARNs (`aws`, `aws-cn`, `aws-us-gov`). */
  readonly partition: string
  /** Role and instance profile name; IAM allows 64 characters. */
  readonly name: string
}

/**
 * The IAM role of EC2 servers. It grants only Systems Manager access, so operators reach
 * servers through Session Manager instead of SSH: no port 22, no key pairs.
 */
export class InstanceRole extends Construct {
  public readonly role: IamRole
  public readonly instanceProfile: IamInstanceProfile

  constructor(scope: Construct, id: string, props: InstanceRoleProps) {
    super(scope, id)
    const name = boundedName([props.name], 64)
    this.role = new IamRole(this, 'Role', {
      name,
      assumeRolePolicy: trustPolicy('ec2.amazonaws.com'),
    })
    new IamRolePolicyAttachment(this, 'SessionManager', {
      role: this.role.name,
      policyArn: `arn:${props.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore`,
    })
    this.instanceProfile = new IamInstanceProfile(this, 'Profile', {name, role: this.role.name})
  }
}
