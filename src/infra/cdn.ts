import {Annotations, Construct} from './cdktf.js'
import {
  AcmCertificate,
  AcmCertificateValidation,
  CloudfrontDistribution,
  CloudfrontOriginAccessControl,
  DataAwsIamPolicyDocument,
  S3BucketPolicy,
  type AwsProvider,
  type CloudfrontDistributionOrderedCacheBehavior,
  type Route53Record,
  type S3Bucket,
} from './aws.js'
import {LOG_PREFIXES} from './log-bucket.js'
import {boundedName} from './naming.js'
import {ORIGIN_HEADER} from './origin-secret.js'
import {suppressRule} from './policy/suppressions.js'

/**
 * AWS managed CloudFront policies (ids are the same in every account):
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-cache-policies.html
 */
const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6'
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad'
/**
 * Forwards headers, cookies and query strings but not Host: CloudFront then sends the origin's own
 * name, which is the name the load balancer's certificate covers (with a domain).
 */
const ALL_VIEWER_EXCEPT_HOST = 'b689b0a8-53d0-40ab-baf2-68738e2966ac'
/** The oldest TLS CloudFront offers viewers that is still sound: TLS 1.2 with modern ciphers. */
const MINIMUM_VIEWER_TLS = 'TLSv1.2_2021'

const STATIC_ORIGIN = 'static'
const DYNAMIC_ORIGIN = 'dynamic'

export interface CdnProps {
  readonly namePrefix: string
  /** The private bucket with the static front end; this construct writes its bucket policy. */
  readonly bucket: S3Bucket
  /** The bucket CloudFront writes its standard logs to (in us-east-1, ACLs enabled). */
  readonly logBucket: S3Bucket
  /** The load balancers for dynamic requests. Default: none, the distribution serves static files only. */
  readonly dynamicOrigin?: {
    /** `origin.<domain>` (latency-routed to every region) with a domain, else the primary load balancer's name. */
    readonly domainName: string
    /** HTTPS to the origin: only when `domainName` is a name the load balancers' certificates cover. */
    readonly https: boolean
    /** Paths routed to it, uncached. */
    readonly pathPatterns: readonly string[]
    /** The value of the origin header every request to the load balancers carries. */
    readonly originSecret: string
  }
  /**
   * The project's own name for the distribution: a certificate for it is requested in us-east-1
   * (where CloudFront reads certificates) and validated against `validationRecord`. Default none:
   * the distribution's `*.cloudfront.net` name and CloudFront's default certificate.
   */
  readonly domain?: {
    readonly name: string
    readonly validationRecord: Route53Record
    /** The AWS provider for us-east-1. */
    readonly provider: AwsProvider
  }
  /** Regions behind the distribution (for the warning without a domain). */
  readonly regions: number
  /** CloudFront price class. Default `PriceClass_All`: users can be in any region of the spec. */
  readonly priceClass?: string
}

/**
 * Stage 4 and up: the project's one CloudFront distribution, in front of every region. Static
 * files come from the primary region's private bucket (through Origin Access Control); dynamic
 * paths go, uncached, to the load balancers, each request carrying the origin header.
 */
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
    const dynamicBehaviors: CloudfrontDistributionOrderedCacheBehavior[] = (dynamic?.pathPatterns ?? []).map(
      (pathPattern) => ({
        pathPattern,
        targetOriginId: DYNAMIC_ORIGIN,
        viewerProtocolPolicy: 'redirect-to-https',
        allowedMethods: ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'],
        cachedMethods: ['GET', 'HEAD'],
        cachePolicyId: CACHING_DISABLED,
        originRequestPolicyId: ALL_VIEWER_EXCEPT_HOST,
        compress: true,
      }),
    )

    let viewerCertificate
    if (props.domain) {
      const certificate = new AcmCertificate(this, 'Certificate', {
        provider: props.domain.provider,
        domainName: props.domain.name,
        validationMethod: 'DNS',
        // CloudFront accepts RSA 2048 and ECDSA P-256 certificates.
        keyAlgorithm: 'EC_prime256v1',
        lifecycle: {createBeforeDestroy: true},
      })
      const validation = new AcmCertificateValidation(this, 'CertificateValidation', {
        provider: props.domain.provider,
        certificateArn: certificate.arn,
        validationRecordFqdns: [props.domain.validationRecord.fqdn],
      })
      viewerCertificate = {
        acmCertificateArn: validation.certificateArn,
        sslSupportMethod: 'sni-only',
        minimumProtocolVersion: MINIMUM_VIEWER_TLS,
      }
    } else {
      viewerCertificate = {cloudfrontDefaultCertificate: true}
      suppressRule(
        this,
        'cloudfront-viewer-tls',
        "Without --domain the distribution answers on its *.cloudfront.net name with CloudFront's default " +
          'certificate, whose minimum protocol CloudFront fixes at TLS 1.0 (synth warns; give --domain to get TLS 1.2).',
      )
    }

    this.distribution = new CloudfrontDistribution(this, 'Distribution', {
      enabled: true,
      comment: `${props.namePrefix} static front end and API`,
      ...(props.domain ? {aliases: [props.domain.name]} : {}),
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
                customHeader: [{name: ORIGIN_HEADER, value: dynamic.originSecret}],
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
      orderedCacheBehavior: dynamicBehaviors,
      restrictions: {geoRestriction: {restrictionType: 'none'}},
      viewerCertificate,
      loggingConfig: {
        bucket: props.logBucket.bucketDomainName,
        prefix: `${LOG_PREFIXES.cloudFront}/`,
        includeCookies: false,
      },
    })

    if (props.domain === undefined) {
      const dynamicPart = dynamic
        ? " CloudFront sends every dynamic request to the primary region's load balancer over plain HTTP " +
          "(a load balancer's AWS name cannot carry a certificate)." +
          (props.regions > 1
            ? " Latency routing between regions needs a name you own: the other regions' app tiers get no " +
              'traffic from the CDN.'
            : '')
        : ''
      Annotations.of(this).addWarning(
        "No --domain: viewers reach the distribution on its *.cloudfront.net name with CloudFront's default " +
          `certificate, which also accepts TLS 1.0 and 1.1.${dynamicPart} Give --domain and --hosted-zone-id ` +
          'for one HTTPS name, TLS 1.2 and up, routed to the nearest region.',
      )
    }

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
