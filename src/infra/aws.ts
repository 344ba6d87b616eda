/**
 * The AWS provider classes the constructs use, each loaded from its deep path with require().
 *
 * Why not `import {Vpc} from '@cdktf/provider-aws/lib/vpc/index.js'` in each construct: an ESM
 * import of a CommonJS module makes Node scan the module's source for its export names, and
 * the provider's modules are 0.1-0.8 MB each; require() skips the scan, which saves about
 * 0.2 s and 20 MB per synthesis (bench/synth.mjs). Never the package root: it loads every
 * resource of the provider (~2 s, ~500 MB).
 */
import {createRequire} from 'node:module'

import type * as acmCertificate from '@cdktf/provider-aws/lib/acm-certificate/index.js'
import type * as acmCertificateValidation from '@cdktf/provider-aws/lib/acm-certificate-validation/index.js'
import type * as appautoscalingPolicy from '@cdktf/provider-aws/lib/appautoscaling-policy/index.js'
import type * as appautoscalingTarget from '@cdktf/provider-aws/lib/appautoscaling-target/index.js'
import type * as autoscalingGroup from '@cdktf/provider-aws/lib/autoscaling-group/index.js'
import type * as autoscalingPolicy from '@cdktf/provider-aws/lib/autoscaling-policy/index.js'
import type * as cloudfrontDistribution from '@cdktf/provider-aws/lib/cloudfront-distribution/index.js'
import type * as cloudfrontOriginAccessControl from '@cdktf/provider-aws/lib/cloudfront-origin-access-control/index.js'
import type * as cloudwatchLogGroup from '@cdktf/provider-aws/lib/cloudwatch-log-group/index.js'
import type * as dataAwsAvailabilityZones from '@cdktf/provider-aws/lib/data-aws-availability-zones/index.js'
import type * as dataAwsCallerIdentity from '@cdktf/provider-aws/lib/data-aws-caller-identity/index.js'
import type * as dataAwsDbInstance from '@cdktf/provider-aws/lib/data-aws-db-instance/index.js'
import type * as dataAwsEc2ManagedPrefixList from '@cdktf/provider-aws/lib/data-aws-ec2-managed-prefix-list/index.js'
import type * as dataAwsIamPolicyDocument from '@cdktf/provider-aws/lib/data-aws-iam-policy-document/index.js'
import type * as dataAwsPartition from '@cdktf/provider-aws/lib/data-aws-partition/index.js'
import type * as dataAwsRouteTable from '@cdktf/provider-aws/lib/data-aws-route-table/index.js'
import type * as dataAwsSecretsmanagerSecretVersion from '@cdktf/provider-aws/lib/data-aws-secretsmanager-secret-version/index.js'
import type * as dataAwsSsmParameter from '@cdktf/provider-aws/lib/data-aws-ssm-parameter/index.js'
import type * as dataAwsVpc from '@cdktf/provider-aws/lib/data-aws-vpc/index.js'
import type * as dbInstance from '@cdktf/provider-aws/lib/db-instance/index.js'
import type * as dbSubnetGroup from '@cdktf/provider-aws/lib/db-subnet-group/index.js'
import type * as defaultSecurityGroup from '@cdktf/provider-aws/lib/default-security-group/index.js'
import type * as dlmLifecyclePolicy from '@cdktf/provider-aws/lib/dlm-lifecycle-policy/index.js'
import type * as ecsCluster from '@cdktf/provider-aws/lib/ecs-cluster/index.js'
import type * as ecsService from '@cdktf/provider-aws/lib/ecs-service/index.js'
import type * as ecsTaskDefinition from '@cdktf/provider-aws/lib/ecs-task-definition/index.js'
import type * as eip from '@cdktf/provider-aws/lib/eip/index.js'
import type * as elasticacheReplicationGroup from '@cdktf/provider-aws/lib/elasticache-replication-group/index.js'
import type * as elasticacheSubnetGroup from '@cdktf/provider-aws/lib/elasticache-subnet-group/index.js'
import type * as flowLog from '@cdktf/provider-aws/lib/flow-log/index.js'
import type * as iamInstanceProfile from '@cdktf/provider-aws/lib/iam-instance-profile/index.js'
import type * as iamRole from '@cdktf/provider-aws/lib/iam-role/index.js'
import type * as iamRolePolicy from '@cdktf/provider-aws/lib/iam-role-policy/index.js'
import type * as iamRolePolicyAttachment from '@cdktf/provider-aws/lib/iam-role-policy-attachment/index.js'
import type * as instance from '@cdktf/provider-aws/lib/instance/index.js'
import type * as internetGateway from '@cdktf/provider-aws/lib/internet-gateway/index.js'
import type * as kmsKey from '@cdktf/provider-aws/lib/kms-key/index.js'
import type * as launchTemplate from '@cdktf/provider-aws/lib/launch-template/index.js'
import type * as lb from '@cdktf/provider-aws/lib/lb/index.js'
import type * as lbListener from '@cdktf/provider-aws/lib/lb-listener/index.js'
import type * as lbListenerRule from '@cdktf/provider-aws/lib/lb-listener-rule/index.js'
import type * as lbTargetGroup from '@cdktf/provider-aws/lib/lb-target-group/index.js'
import type * as natGateway from '@cdktf/provider-aws/lib/nat-gateway/index.js'
import type * as provider from '@cdktf/provider-aws/lib/provider/index.js'
import type * as route from '@cdktf/provider-aws/lib/route/index.js'
import type * as routeTable from '@cdktf/provider-aws/lib/route-table/index.js'
import type * as routeTableAssociation from '@cdktf/provider-aws/lib/route-table-association/index.js'
import type * as route53Record from '@cdktf/provider-aws/lib/route53-record/index.js'
import type * as s3Bucket from '@cdktf/provider-aws/lib/s3-bucket/index.js'
import type * as s3BucketLifecycleConfiguration from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration/index.js'
import type * as s3BucketOwnershipControls from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls/index.js'
import type * as s3BucketPolicy from '@cdktf/provider-aws/lib/s3-bucket-policy/index.js'
import type * as s3BucketPublicAccessBlock from '@cdktf/provider-aws/lib/s3-bucket-public-access-block/index.js'
import type * as s3BucketEncryption from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration/index.js'
import type * as s3BucketVersioning from '@cdktf/provider-aws/lib/s3-bucket-versioning/index.js'
import type * as s3BucketWebsiteConfiguration from '@cdktf/provider-aws/lib/s3-bucket-website-configuration/index.js'
import type * as secretsmanagerSecret from '@cdktf/provider-aws/lib/secretsmanager-secret/index.js'
import type * as secretsmanagerSecretVersion from '@cdktf/provider-aws/lib/secretsmanager-secret-version/index.js'
import type * as securityGroup from '@cdktf/provider-aws/lib/security-group/index.js'
import type * as subnet from '@cdktf/provider-aws/lib/subnet/index.js'
import type * as vpc from '@cdktf/provider-aws/lib/vpc/index.js'
import type * as vpcPeeringConnection from '@cdktf/provider-aws/lib/vpc-peering-connection/index.js'
import type * as vpcPeeringConnectionAccepter from '@cdktf/provider-aws/lib/vpc-peering-connection-accepter/index.js'

export type {CloudfrontDistributionOrderedCacheBehavior} from '@cdktf/provider-aws/lib/cloudfront-distribution/index.js'
export type {DataAwsIamPolicyDocumentStatement} from '@cdktf/provider-aws/lib/data-aws-iam-policy-document/index.js'
export type {LbListenerRuleCondition} from '@cdktf/provider-aws/lib/lb-listener-rule/index.js'
export type {SecurityGroupEgress, SecurityGroupIngress} from '@cdktf/provider-aws/lib/security-group/index.js'

const load = createRequire(import.meta.url)

export const {AcmCertificate} = load('@cdktf/provider-aws/lib/acm-certificate/index.js') as typeof acmCertificate
export type AcmCertificate = acmCertificate.AcmCertificate
export const {AcmCertificateValidation} = load(
  '@cdktf/provider-aws/lib/acm-certificate-validation/index.js',
) as typeof acmCertificateValidation
export type AcmCertificateValidation = acmCertificateValidation.AcmCertificateValidation
export const {AppautoscalingPolicy} = load(
  '@cdktf/provider-aws/lib/appautoscaling-policy/index.js',
) as typeof appautoscalingPolicy
export type AppautoscalingPolicy = appautoscalingPolicy.AppautoscalingPolicy
export const {AppautoscalingTarget} = load(
  '@cdktf/provider-aws/lib/appautoscaling-target/index.js',
) as typeof appautoscalingTarget
export type AppautoscalingTarget = appautoscalingTarget.AppautoscalingTarget
export const {AutoscalingGroup} = load('@cdktf/provider-aws/lib/autoscaling-group/index.js') as typeof autoscalingGroup
export type AutoscalingGroup = autoscalingGroup.AutoscalingGroup
export const {AutoscalingPolicy} = load(
  '@cdktf/provider-aws/lib/autoscaling-policy/index.js',
) as typeof autoscalingPolicy
export type AutoscalingPolicy = autoscalingPolicy.AutoscalingPolicy
export const {CloudfrontDistribution} = load(
  '@cdktf/provider-aws/lib/cloudfront-distribution/index.js',
) as typeof cloudfrontDistribution
export type CloudfrontDistribution = cloudfrontDistribution.CloudfrontDistribution
export const {CloudfrontOriginAccessControl} = load(
  '@cdktf/provider-aws/lib/cloudfront-origin-access-control/index.js',
) as typeof cloudfrontOriginAccessControl
export type CloudfrontOriginAccessControl = cloudfrontOriginAccessControl.CloudfrontOriginAccessControl
export const {CloudwatchLogGroup} = load(
  '@cdktf/provider-aws/lib/cloudwatch-log-group/index.js',
) as typeof cloudwatchLogGroup
export type CloudwatchLogGroup = cloudwatchLogGroup.CloudwatchLogGroup
export const {DataAwsAvailabilityZones} = load(
  '@cdktf/provider-aws/lib/data-aws-availability-zones/index.js',
) as typeof dataAwsAvailabilityZones
export type DataAwsAvailabilityZones = dataAwsAvailabilityZones.DataAwsAvailabilityZones
export const {DataAwsCallerIdentity} = load(
  '@cdktf/provider-aws/lib/data-aws-caller-identity/index.js',
) as typeof dataAwsCallerIdentity
export type DataAwsCallerIdentity = dataAwsCallerIdentity.DataAwsCallerIdentity
export const {DataAwsDbInstance} = load(
  '@cdktf/provider-aws/lib/data-aws-db-instance/index.js',
) as typeof dataAwsDbInstance
export type DataAwsDbInstance = dataAwsDbInstance.DataAwsDbInstance
export const {DataAwsEc2ManagedPrefixList} = load(
  '@cdktf/provider-aws/lib/data-aws-ec2-managed-prefix-list/index.js',
) as typeof dataAwsEc2ManagedPrefixList
export type DataAwsEc2ManagedPrefixList = dataAwsEc2ManagedPrefixList.DataAwsEc2ManagedPrefixList
export const {DataAwsIamPolicyDocument} = load(
  '@cdktf/provider-aws/lib/data-aws-iam-policy-document/index.js',
) as typeof dataAwsIamPolicyDocument
export type DataAwsIamPolicyDocument = dataAwsIamPolicyDocument.DataAwsIamPolicyDocument
export const {DataAwsPartition} = load('@cdktf/provider-aws/lib/data-aws-partition/index.js') as typeof dataAwsPartition
export type DataAwsPartition = dataAwsPartition.DataAwsPartition
export const {DataAwsRouteTable} = load(
  '@cdktf/provider-aws/lib/data-aws-route-table/index.js',
) as typeof dataAwsRouteTable
export type DataAwsRouteTable = dataAwsRouteTable.DataAwsRouteTable
export const {DataAwsSecretsmanagerSecretVersion} = load(
  '@cdktf/provider-aws/lib/data-aws-secretsmanager-secret-version/index.js',
) as typeof dataAwsSecretsmanagerSecretVersion
export type DataAwsSecretsmanagerSecretVersion = dataAwsSecretsmanagerSecretVersion.DataAwsSecretsmanagerSecretVersion
export const {DataAwsSsmParameter} = load(
  '@cdktf/provider-aws/lib/data-aws-ssm-parameter/index.js',
) as typeof dataAwsSsmParameter
export type DataAwsSsmParameter = dataAwsSsmParameter.DataAwsSsmParameter
export const {DataAwsVpc} = load('@cdktf/provider-aws/lib/data-aws-vpc/index.js') as typeof dataAwsVpc
export type DataAwsVpc = dataAwsVpc.DataAwsVpc
export const {DbInstance} = load('@cdktf/provider-aws/lib/db-instance/index.js') as typeof dbInstance
export type DbInstance = dbInstance.DbInstance
export const {DbSubnetGroup} = load('@cdktf/provider-aws/lib/db-subnet-group/index.js') as typeof dbSubnetGroup
export type DbSubnetGroup = dbSubnetGroup.DbSubnetGroup
export const {DefaultSecurityGroup} = load(
  '@cdktf/provider-aws/lib/default-security-group/index.js',
) as typeof defaultSecurityGroup
export type DefaultSecurityGroup = defaultSecurityGroup.DefaultSecurityGroup
export const {DlmLifecyclePolicy} = load(
  '@cdktf/provider-aws/lib/dlm-lifecycle-policy/index.js',
) as typeof dlmLifecyclePolicy
export type DlmLifecyclePolicy = dlmLifecyclePolicy.DlmLifecyclePolicy
export const {EcsCluster} = load('@cdktf/provider-aws/lib/ecs-cluster/index.js') as typeof ecsCluster
export type EcsCluster = ecsCluster.EcsCluster
export const {EcsService} = load('@cdktf/provider-aws/lib/ecs-service/index.js') as typeof ecsService
export type EcsService = ecsService.EcsService
export const {EcsTaskDefinition} = load(
  '@cdktf/provider-aws/lib/ecs-task-definition/index.js',
) as typeof ecsTaskDefinition
export type EcsTaskDefinition = ecsTaskDefinition.EcsTaskDefinition
export const {Eip} = load('@cdktf/provider-aws/lib/eip/index.js') as typeof eip
export type Eip = eip.Eip
export const {ElasticacheReplicationGroup} = load(
  '@cdktf/provider-aws/lib/elasticache-replication-group/index.js',
) as typeof elasticacheReplicationGroup
export type ElasticacheReplicationGroup = elasticacheReplicationGroup.ElasticacheReplicationGroup
export const {ElasticacheSubnetGroup} = load(
  '@cdktf/provider-aws/lib/elasticache-subnet-group/index.js',
) as typeof elasticacheSubnetGroup
export type ElasticacheSubnetGroup = elasticacheSubnetGroup.ElasticacheSubnetGroup
export const {FlowLog} = load('@cdktf/provider-aws/lib/flow-log/index.js') as typeof flowLog
export type FlowLog = flowLog.FlowLog
export const {IamInstanceProfile} = load(
  '@cdktf/provider-aws/lib/iam-instance-profile/index.js',
) as typeof iamInstanceProfile
export type IamInstanceProfile = iamInstanceProfile.IamInstanceProfile
export const {IamRole} = load('@cdktf/provider-aws/lib/iam-role/index.js') as typeof iamRole
export type IamRole = iamRole.IamRole
export const {IamRolePolicy} = load('@cdktf/provider-aws/lib/iam-role-policy/index.js') as typeof iamRolePolicy
export type IamRolePolicy = iamRolePolicy.IamRolePolicy
export const {IamRolePolicyAttachment} = load(
  '@cdktf/provider-aws/lib/iam-role-policy-attachment/index.js',
) as typeof iamRolePolicyAttachment
export type IamRolePolicyAttachment = iamRolePolicyAttachment.IamRolePolicyAttachment
export const {Instance} = load('@cdktf/provider-aws/lib/instance/index.js') as typeof instance
export type Instance = instance.Instance
export const {InternetGateway} = load('@cdktf/provider-aws/lib/internet-gateway/index.js') as typeof internetGateway
export type InternetGateway = internetGateway.InternetGateway
export const {KmsKey} = load('@cdktf/provider-aws/lib/kms-key/index.js') as typeof kmsKey
export type KmsKey = kmsKey.KmsKey
export const {LaunchTemplate} = load('@cdktf/provider-aws/lib/launch-template/index.js') as typeof launchTemplate
export type LaunchTemplate = launchTemplate.LaunchTemplate
export const {Lb} = load('@cdktf/provider-aws/lib/lb/index.js') as typeof lb
export type Lb = lb.Lb
export const {LbListener} = load('@cdktf/provider-aws/lib/lb-listener/index.js') as typeof lbListener
export type LbListener = lbListener.LbListener
export const {LbListenerRule} = load('@cdktf/provider-aws/lib/lb-listener-rule/index.js') as typeof lbListenerRule
export type LbListenerRule = lbListenerRule.LbListenerRule
export const {LbTargetGroup} = load('@cdktf/provider-aws/lib/lb-target-group/index.js') as typeof lbTargetGroup
export type LbTargetGroup = lbTargetGroup.LbTargetGroup
export const {NatGateway} = load('@cdktf/provider-aws/lib/nat-gateway/index.js') as typeof natGateway
export type NatGateway = natGateway.NatGateway
export const {AwsProvider} = load('@cdktf/provider-aws/lib/provider/index.js') as typeof provider
export type AwsProvider = provider.AwsProvider
export const {Route} = load('@cdktf/provider-aws/lib/route/index.js') as typeof route
export type Route = route.Route
export const {RouteTable} = load('@cdktf/provider-aws/lib/route-table/index.js') as typeof routeTable
export type RouteTable = routeTable.RouteTable
export const {RouteTableAssociation} = load(
  '@cdktf/provider-aws/lib/route-table-association/index.js',
) as typeof routeTableAssociation
export type RouteTableAssociation = routeTableAssociation.RouteTableAssociation
export const {Route53Record} = load('@cdktf/provider-aws/lib/route53-record/index.js') as typeof route53Record
export type Route53Record = route53Record.Route53Record
export const {S3Bucket} = load('@cdktf/provider-aws/lib/s3-bucket/index.js') as typeof s3Bucket
export type S3Bucket = s3Bucket.S3Bucket
export const {S3BucketLifecycleConfiguration} = load(
  '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration/index.js',
) as typeof s3BucketLifecycleConfiguration
export type S3BucketLifecycleConfiguration = s3BucketLifecycleConfiguration.S3BucketLifecycleConfiguration
export const {S3BucketOwnershipControls} = load(
  '@cdktf/provider-aws/lib/s3-bucket-ownership-controls/index.js',
) as typeof s3BucketOwnershipControls
export type S3BucketOwnershipControls = s3BucketOwnershipControls.S3BucketOwnershipControls
export const {S3BucketPolicy} = load('@cdktf/provider-aws/lib/s3-bucket-policy/index.js') as typeof s3BucketPolicy
export type S3BucketPolicy = s3BucketPolicy.S3BucketPolicy
export const {S3BucketPublicAccessBlock} = load(
  '@cdktf/provider-aws/lib/s3-bucket-public-access-block/index.js',
) as typeof s3BucketPublicAccessBlock
export type S3BucketPublicAccessBlock = s3BucketPublicAccessBlock.S3BucketPublicAccessBlock
export const {S3BucketServerSideEncryptionConfigurationA} = load(
  '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration/index.js',
) as typeof s3BucketEncryption
export type S3BucketServerSideEncryptionConfigurationA = s3BucketEncryption.S3BucketServerSideEncryptionConfigurationA
export const {S3BucketVersioningA} = load(
  '@cdktf/provider-aws/lib/s3-bucket-versioning/index.js',
) as typeof s3BucketVersioning
export type S3BucketVersioningA = s3BucketVersioning.S3BucketVersioningA
export const {S3BucketWebsiteConfiguration} = load(
  '@cdktf/provider-aws/lib/s3-bucket-website-configuration/index.js',
) as typeof s3BucketWebsiteConfiguration
export type S3BucketWebsiteConfiguration = s3BucketWebsiteConfiguration.S3BucketWebsiteConfiguration
export const {SecretsmanagerSecret} = load(
  '@cdktf/provider-aws/lib/secretsmanager-secret/index.js',
) as typeof secretsmanagerSecret
export type SecretsmanagerSecret = secretsmanagerSecret.SecretsmanagerSecret
export const {SecretsmanagerSecretVersion} = load(
  '@cdktf/provider-aws/lib/secretsmanager-secret-version/index.js',
) as typeof secretsmanagerSecretVersion
export type SecretsmanagerSecretVersion = secretsmanagerSecretVersion.SecretsmanagerSecretVersion
export const {SecurityGroup} = load('@cdktf/provider-aws/lib/security-group/index.js') as typeof securityGroup
export type SecurityGroup = securityGroup.SecurityGroup
export const {Subnet} = load('@cdktf/provider-aws/lib/subnet/index.js') as typeof subnet
export type Subnet = subnet.Subnet
export const {Vpc} = load('@cdktf/provider-aws/lib/vpc/index.js') as typeof vpc
export type Vpc = vpc.Vpc
export const {VpcPeeringConnection} = load(
  '@cdktf/provider-aws/lib/vpc-peering-connection/index.js',
) as typeof vpcPeeringConnection
export type VpcPeeringConnection = vpcPeeringConnection.VpcPeeringConnection
export const {VpcPeeringConnectionAccepterA} = load(
  '@cdktf/provider-aws/lib/vpc-peering-connection-accepter/index.js',
) as typeof vpcPeeringConnectionAccepter
export type VpcPeeringConnectionAccepterA = vpcPeeringConnectionAccepter.VpcPeeringConnectionAccepterA
