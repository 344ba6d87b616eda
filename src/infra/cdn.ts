import {Construct} from './cdktf.js'
import {
  CloudfrontDistribution,
  CloudfrontOriginAccessControl,
  DataAwsIamPolicyDocument,
  S3BucketPolicy,
  type CloudfrontDistributionOrderedCacheBehavior,
  type S3Bucket,
} from './aws.js'
import {boundedName} from './naming.js'

/**
 * AWS managed CloudFront policies (ids are the same in every account):
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-cache-policies.html
 */
const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6'
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad'
/** Forwards headers, cookies and query strings; the Host header too, for HTTPS origins. */
const ALL_VIEWER = '216adef6-5c7f-47e4-b989-5492eafa07d3'
/** Same without Host: a plain-HTTP ALB origin is addressed by its own DNS name. */
const ALL_VIEWER_EXCEPT_HOST = 'b689b0a8-53d0-40ab-baf2-68738e2966ac'

const STATIC_ORIGIN = 'static'
const DYNAMIC_ORIGIN = 'dynamic'

export interface CdnProps {
  readonly namePrefix: string
  /** The private bucket with the static front end; this construct writes its bucket policy. */
  readonly bucket: S3Bucket
  /** The load balancer for dynamic requests. Default: none, the distribution serves static files only. */
  readonly dynamicOrigin?: {
    readonly domainName: string
    /**
     * Whether CloudFront reaches the ALB over HTTPS. Only sound when the ALB's certificate
     * covers the host viewers use (the Host header is then forwarded); otherwise HTTP.
     */
    readonly https: boolean
    /** Paths routed to it, uncached. Default `['/api/*']`. */
    readonly pathPatterns?: readonly string[]
  }
  /** CloudFront price class. Default `PriceClass_All`: users can be in any region of the spec. */
  readonly priceClass?: string
}

/** Stage 4 and up: CloudFront in front of the private bucket (through OAC) and the load balancer. */
export class Cdn extends Construct {
  public readonly distribution: CloudfrontDistribution

  constructor(scope: Construct, id: string, props: CdnProps) {
    super(scope, id)

    const accessControl = new CloudfrontOriginAccessControl(this, 'OriginAccessControl', {
      name: boundedName([props.namePrefix, 'static'], 64),
      description: 'CloudFront reads the static front end with signed requests',
      originAccessControlOriginType: 's3',
      signingBehavior: 'always',
      signingProtocol: 'sigv4',
    })

    const dynamic = props.dynamicOrigin
    const dynamicBehaviors: CloudfrontDistributionOrderedCacheBehavior[] = (dynamic?.pathPatterns ?? ['/api/*']).map(
      (pathPattern) => ({
        pathPattern,
        targetOriginId: DYNAMIC_ORIGIN,
        viewerProtocolPolicy: 'redirect-to-https',
        allowedMethods: ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'],
        cachedMethods: ['GET', 'HEAD'],
        cachePolicyId: CACHING_DISABLED,
        originRequestPolicyId: dynamic?.https ? ALL_VIEWER : ALL_VIEWER_EXCEPT_HOST,
        compress: true,
      }),
    )

    this.distribution = new CloudfrontDistribution(this, 'Distribution', {
      enabled: true,
      comment: `${props.namePrefix} static front end and API`,
      defaultRootObject: 'index.html',
      httpVersion: 'http2and3',
      isIpv6Enabled: true,
      priceClass: props.priceClass ?? 'PriceClass_All',
      origin: [
        {
          originId: STATIC_ORIGIN,
          domainName: props.bucket.bucketRegionalDomainName,
          originAccessControlId: accessControl.id,
        },
        ...(dynamic
          ? [
              {
                originId: DYNAMIC_ORIGIN,
                domainName: dynamic.domainName,
                customOriginConfig: {
                  httpPort: 80,
                  httpsPort: 443,
                  originProtocolPolicy: dynamic.https ? 'https-only' : 'http-only',
                  originSslProtocols: ['TLSv1.2'],
                },
              },
            ]
          : []),
      ],
      defaultCacheBehavior: {
        targetOriginId: STATIC_ORIGIN,
        viewerProtocolPolicy: 'redirect-to-https',
        allowedMethods: ['GET', 'HEAD', 'OPTIONS'],
        cachedMethods: ['GET', 'HEAD'],
        cachePolicyId: CACHING_OPTIMIZED,
        compress: true,
      },
      orderedCacheBehavior: dynamic ? dynamicBehaviors : [],
      restrictions: {geoRestriction: {restrictionType: 'none'}},
      viewerCertificate: {cloudfrontDefaultCertificate: true},
    })

    // Only this distribution may read the bucket, and only with OAC-signed requests.
    const readByDistribution = new DataAwsIamPolicyDocument(this, 'BucketPolicyDocument', {
      statement: [
        {
          sid: 'CloudFrontReadsStaticFiles',
          effect: 'Allow',
          principals: [{type: 'Service', identifiers: ['cloudfront.amazonaws.com']}],
          actions: ['s3:GetObject'],
          resources: [`${props.bucket.arn}/*`],
          condition: [{test: 'StringEquals', variable: 'AWS:SourceArn', values: [this.distribution.arn]}],
        },
      ],
    })
    new S3BucketPolicy(this, 'BucketPolicy', {bucket: props.bucket.id, policy: readByDistribution.json})
  }
}
