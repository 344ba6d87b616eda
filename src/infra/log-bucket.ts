import {Construct} from './cdktf.js'
import {
  DataAwsIamPolicyDocument,
  S3Bucket,
  S3BucketLifecycleConfiguration,
  S3BucketOwnershipControls,
  S3BucketPolicy,
  S3BucketPublicAccessBlock,
  S3BucketServerSideEncryptionConfigurationA,
  type AwsProvider,
  type DataAwsIamPolicyDocumentStatement,
} from './aws.js'
import type {DestroyGuard} from './destroy-guard.js'
import {boundedName} from './naming.js'

/**
 * The Elastic Load Balancing account that writes access logs in each region opened before August
 * 2022; later regions use the `logdelivery.elasticloadbalancing.amazonaws.com` service principal.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html
 */
const ELB_LOG_ACCOUNTS: Readonly<Record<string, string>> = {
  'us-east-1': '127311923021',
  'us-east-2': '033677994240',
  'us-west-1': '027434742980',
  'us-west-2': '797873946194',
  'af-south-1': '098369216593',
  'ap-east-1': '754344448648',
  'ap-southeast-3': '589379963580',
  'ap-south-1': '718504428378',
  'ap-northeast-3': '383597477331',
  'ap-northeast-2': '600734575887',
  'ap-southeast-1': '114774131450',
  'ap-southeast-2': '783225319266',
  'ap-northeast-1': '582318560864',
  'ca-central-1': '985666609251',
  'eu-central-1': '054676820928',
  'eu-west-1': '156460612806',
  'eu-west-2': '652711504416',
  'eu-south-1': '635631232127',
  'eu-west-3': '009996457667',
  'eu-north-1': '897822967062',
  'me-south-1': '076674570225',
  'sa-east-1': '507241528517',
}

/** Where each kind of log goes inside the bucket. */
export const LOG_PREFIXES = {loadBalancer: 'alb', flowLogs: 'vpc', cloudFront: 'cloudfront'} as const

export interface LogBucketProps {
  /** The bucket is `<name>-<account>` (S3 names are global; the account keeps them unique). */
  readonly name: string
  readonly accountId: string
  readonly partition: string
  /** The bucket's region (ELB's log writer differs by region). */
  readonly region: string
  readonly guard: DestroyGuard
  /**
   * Who writes: `regional` (the load balancer's access logs and the VPC's flow logs, with bucket
   * policies for their writers) or `cloudfront` (CloudFront standard logs, which are written with
   * bucket ACLs: the bucket keeps ACLs enabled, owner-preferred, and CloudFront grants itself write
   * access when logging is turned on).
   */
  readonly writers: 'regional' | 'cloudfront'
  /** Days logs are kept. Default 90. */
  readonly retentionDays?: number
  readonly provider?: AwsProvider
}

/** A private, encrypted bucket that keeps logs for a while and then lets them go. */
export class LogBucket extends Construct {
  public readonly bucket: S3Bucket
  /** What must exist before a writer is pointed at the bucket (writers check their access then). */
  public readonly ready: (S3BucketPolicy | S3BucketOwnershipControls)[]

  constructor(scope: Construct, id: string, props: LogBucketProps) {
    super(scope, id)
    const provider = props.provider
    // 63 characters at most, 12 of them the account id and one its hyphen.
    this.bucket = new S3Bucket(this, 'Bucket', {
      provider,
      bucket: `${boundedName([props.name], 50)}-${props.accountId}`,
      forceDestroy: props.guard.allowDestroy,
    })
    const ownership = new S3BucketOwnershipControls(this, 'Ownership', {
      provider,
      bucket: this.bucket.id,
      rule: {objectOwnership: props.writers === 'cloudfront' ? 'BucketOwnerPreferred' : 'BucketOwnerEnforced'},
    })
    // Load balancer logs accept S3-managed keys only.
    new S3BucketServerSideEncryptionConfigurationA(this, 'Encryption', {
      provider,
      bucket: this.bucket.id,
      rule: [{applyServerSideEncryptionByDefault: {sseAlgorithm: 'AES256'}}],
    })
    const publicAccess = new S3BucketPublicAccessBlock(this, 'PublicAccess', {
      provider,
      bucket: this.bucket.id,
      blockPublicAcls: true,
      ignorePublicAcls: true,
      blockPublicPolicy: true,
      restrictPublicBuckets: true,
    })
    new S3BucketLifecycleConfiguration(this, 'Expiry', {
      provider,
      bucket: this.bucket.id,
      rule: [
        {
          id: 'expire-logs',
          status: 'Enabled',
          filter: [{prefix: ''}],
          expiration: [{days: props.retentionDays ?? 90}],
          abortIncompleteMultipartUpload: [{daysAfterInitiation: 7}],
        },
      ],
    })

    const statements: DataAwsIamPolicyDocumentStatement[] = [
      {
        sid: 'TlsOnly',
        effect: 'Deny',
        principals: [{type: '*', identifiers: ['*']}],
        actions: ['s3:*'],
        resources: [this.bucket.arn, `${this.bucket.arn}/*`],
        condition: [{test: 'Bool', variable: 'aws:SecureTransport', values: ['false']}],
      },
    ]
    if (props.writers === 'regional') statements.push(...regionalWriters(this.bucket, props))
    const document = new DataAwsIamPolicyDocument(this, 'PolicyDocument', {provider, statement: statements})
    const policy = new S3BucketPolicy(this, 'Policy', {
      provider,
      bucket: this.bucket.id,
      policy: document.json,
      dependsOn: [publicAccess],
    })
    this.ready = [policy, ownership]
  }
}

/** The load balancer's and the VPC flow logs' writers, each limited to its own prefix. */
function regionalWriters(bucket: S3Bucket, props: LogBucketProps): DataAwsIamPolicyDocumentStatement[] {
  const account = props.accountId
  const elbAccount = ELB_LOG_ACCOUNTS[props.region]
  return [
    {
      sid: 'LoadBalancerAccessLogs',
      effect: 'Allow',
      principals:
        elbAccount === undefined
          ? [{type: 'Service', identifiers: ['logdelivery.elasticloadbalancing.amazonaws.com']}]
          : [{type: 'AWS', identifiers: [`arn:${props.partition}:iam::${elbAccount}:root`]}],
      actions: ['s3:PutObject'],
      resources: [`${bucket.arn}/${LOG_PREFIXES.loadBalancer}/AWSLogs/${account}/*`],
    },
    {
      sid: 'FlowLogsWrite',
      effect: 'Allow',
      principals: [{type: 'Service', identifiers: ['delivery.logs.amazonaws.com']}],
      actions: ['s3:PutObject'],
      resources: [`${bucket.arn}/${LOG_PREFIXES.flowLogs}/AWSLogs/${account}/*`],
      condition: [
        {test: 'StringEquals', variable: 's3:x-amz-acl', values: ['bucket-owner-full-control']},
        {test: 'StringEquals', variable: 'aws:SourceAccount', values: [account]},
      ],
    },
    {
      sid: 'FlowLogsAclCheck',
      effect: 'Allow',
      principals: [{type: 'Service', identifiers: ['delivery.logs.amazonaws.com']}],
      actions: ['s3:GetBucketAcl', 's3:ListBucket'],
      resources: [bucket.arn],
      condition: [{test: 'StringEquals', variable: 'aws:SourceAccount', values: [account]}],
    },
  ]
}
