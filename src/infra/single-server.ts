import {Construct} from './cdktf.js'
import {DlmLifecyclePolicy, Eip, IamRole, IamRolePolicyAttachment, Instance, SecurityGroup} from './aws.js'
import {AmazonLinuxImage, architectureOf} from './amazon-linux-image.js'
import {InstanceRole} from './instance-role.js'
import type {DestroyGuard} from './destroy-guard.js'
import {boundedName} from './naming.js'
import {ALL_EGRESS, PUBLIC_WEB_INGRESS} from './security-groups.js'
import {trustPolicy} from './trust-policy.js'
import {COMPONENT_NAMES} from '../topology/services.js'

/** Tag that selects the volumes the snapshot policy backs up. */
const SNAPSHOT_TAG = 'scaleplan-backup'

export interface SingleServerProps {
  readonly namePrefix: string
  readonly vpcId: string
  /** A public subnet: the server is its own entry point. */
  readonly subnetId: string
  readonly instanceType: string
  /** Root volume for OS, application and database files. */
  readonly volumeGiB: number
  /** Rendered cloud-init user data. */
  readonly userData: string
  readonly partition: string
  /** Daily snapshots of the root volume kept. Default 7. */
  readonly snapshotRetentionDays?: number
  /** Termination protection follows it. */
  readonly guard: DestroyGuard
}

/**
 * Stage 1: one EC2 instance running the application and its database, with a stable public
 * address and nothing but HTTP and HTTPS open. Administration goes through Session Manager.
 *
 * The instance is stateful (it holds the database), so it gets what RDS gets from stage 2:
 * termination protection, a root volume that outlives the instance, and daily snapshots.
 */
export class SingleServer extends Construct {
  public readonly securityGroup: SecurityGroup
  public readonly instance: Instance
  public readonly address: Eip
  public readonly snapshots: DlmLifecyclePolicy

  constructor(scope: Construct, id: string, props: SingleServerProps) {
    super(scope, id)
    const image = new AmazonLinuxImage(this, 'Image', {architecture: architectureOf(props.instanceType)})
    const name = `${props.namePrefix}-${COMPONENT_NAMES.singleServer}`
    const role = new InstanceRole(this, 'Role', {name, partition: props.partition})

    this.securityGroup = new SecurityGroup(this, 'SecurityGroup', {
      name,
      description: 'Single server: HTTP and HTTPS from the internet',
      vpcId: props.vpcId,
      ingress: PUBLIC_WEB_INGRESS,
      egress: ALL_EGRESS,
    })

    this.instance = new Instance(this, 'Instance', {
      ami: image.imageId,
      instanceType: props.instanceType,
      subnetId: props.subnetId,
      // A public address from boot: cloud-init installs packages before the Elastic IP is attached.
      associatePublicIpAddress: true,
      vpcSecurityGroupIds: [this.securityGroup.id],
      iamInstanceProfile: role.instanceProfile.name,
      userData: props.userData,
      // The database lives on this volume: a new user data must not silently replace the server.
      userDataReplaceOnChange: false,
      metadataOptions: {httpTokens: 'required', httpEndpoint: 'enabled', httpPutResponseHopLimit: 1},
      rootBlockDevice: {
        volumeType: 'gp3',
        volumeSize: props.volumeGiB,
        encrypted: true,
        deleteOnTermination: false,
        tags: {Name: name, [SNAPSHOT_TAG]: name},
      },
      disableApiTermination: props.guard.protect,
      tags: {Name: name},
      lifecycle: {ignoreChanges: ['ami']},
    })

    this.address = new Eip(this, 'Address', {
      domain: 'vpc',
      instance: this.instance.id,
      tags: {Name: name},
    })

    const snapshotRole = new IamRole(this, 'SnapshotRole', {
      name: boundedName([name, 'snapshots'], 64),
      assumeRolePolicy: trustPolicy('dlm.amazonaws.com'),
    })
    new IamRolePolicyAttachment(this, 'SnapshotRolePolicy', {
      role: snapshotRole.name,
      policyArn: `arn:${props.partition}:iam::aws:policy/service-role/AWSDataLifecycleManagerServiceRole`,
    })
    this.snapshots = new DlmLifecyclePolicy(this, 'Snapshots', {
      description: `Daily snapshots of the ${props.namePrefix} server volume`,
      executionRoleArn: snapshotRole.arn,
      state: 'ENABLED',
      policyDetails: {
        resourceTypes: ['VOLUME'],
        targetTags: {[SNAPSHOT_TAG]: name},
        schedule: [
          {
            name: 'daily',
            createRule: {interval: 24, intervalUnit: 'HOURS', times: ['03:00']},
            retainRule: {count: props.snapshotRetentionDays ?? 7},
            copyTags: true,
          },
        ],
      },
    })
  }
}
