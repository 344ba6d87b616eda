import {Construct} from './cdktf.js'
import {
  DataAwsIamPolicyDocument,
  S3Bucket,
  S3BucketOwnershipControls,
  S3BucketPolicy,
  S3BucketPublicAccessBlock,
  S3BucketServerSideEncryptionConfigurationA,
  S3BucketVersioningA,
  S3BucketWebsiteConfiguration,
} from './aws.js'
import type {DestroyGuard} from './destroy-guard.js'
import {boundedName} from './naming.js'
import {suppressRule} from './policy/suppressions.js'

export interface StaticSiteProps {
  readonly namePrefix: string
  /** Account id (a token): bucket names are global, the account keeps them unique. */
  readonly accountId: string
  /**
   * Serve the bucket itself as a public website. Only without a CDN in front (stages 2-3);
   * with CloudFront the bucket stays private behind Origin Access Control. Default false.
   */
  readonly publicWebsite?: boolean
  /** `force_destroy` follows it: the bucket may be emptied only on the way to a destroy. */
  readonly guard: DestroyGuard
}

/** Stage 2 and up: the S3 bucket holding the static front end. */
export class StaticSite extends Construct {
  public readonly bucket: S3Bucket
  public readonly website?: S3BucketWebsiteConfiguration

  constructor(scope: Construct, id: string, props: StaticSiteProps) {
    super(scope, id)
    const publicWebsite = props.publicWebsite ?? false

    // 63 characters at most, 12 of them the account id and one its hyphen.
    this.bucket = new S3Bucket(this, 'Bucket', {
      bucket: `${boundedName([props.namePrefix, 'static'], 50)}-${props.accountId}`,
      forceDestroy: props.guard.allowDestroy,
    })
    new S3BucketOwnershipControls(this, 'Ownership', {
      bucket: this.bucket.id,
      rule: {objectOwnership: 'BucketOwnerEnforced'},
    })
    new S3BucketServerSideEncryptionConfigurationA(this, 'Encryption', {
      bucket: this.bucket.id,
      rule: [{applyServerSideEncryptionByDefault: {sseAlgorithm: 'AES256'}, bucketKeyEnabled: true}],
    })
    new S3BucketVersioningA(this, 'Versioning', {bucket: this.bucket.id, versioningConfiguration: {status: 'Enabled'}})

    // Blocking public ACLs is kept even for the website: only the bucket policy grants reads.
    const publicAccess = new S3BucketPublicAccessBlock(this, 'PublicAccess', {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      ignorePublicAcls: true,
      blockPublicPolicy: !publicWebsite,
      restrictPublicBuckets: !publicWebsite,
    })

    if (!publicWebsite) return

    suppressRule(
      this,
      's3-public-access-blocked',
      'Static website without a CDN (stages 2-3): browsers read the files straight from the bucket. ' +
        'From stage 4 CloudFront serves them and the bucket is private.',
    )
    this.website = new S3BucketWebsiteConfiguration(this, 'Website', {
      bucket: this.bucket.id,
      indexDocument: {suffix: 'index.html'},
      errorDocument: {key: 'index.html'},
    })
    const publicRead = new DataAwsIamPolicyDocument(this, 'PublicReadPolicy', {
      statement: [
        {
          sid: 'PublicReadForWebsite',
          effect: 'Allow',
          principals: [{type: '*', identifiers: ['*']}],
          actions: ['s3:GetObject'],
          resources: [`${this.bucket.arn}/*`],
        },
      ],
    })
    new S3BucketPolicy(this, 'Policy', {bucket: this.bucket.id, policy: publicRead.json, dependsOn: [publicAccess]})
  }
}
