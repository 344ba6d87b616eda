import {Annotations, Construct, type ITerraformDependable} from './cdktf.js'
import {
  DataAwsEc2ManagedPrefixList,
  Lb,
  LbListener,
  LbListenerRule,
  SecurityGroup,
  type LbListenerRuleCondition,
  type SecurityGroupIngress,
} from './aws.js'
import {LOG_PREFIXES} from './log-bucket.js'
import {boundedName} from './naming.js'
import {ORIGIN_HEADER} from './origin-secret.js'
import {PUBLIC_WEB_INGRESS} from './security-groups.js'
import {COMPONENT_NAMES} from '../topology/services.js'

/** Current AWS-recommended policy: TLS 1.3 and 1.2 only. */
const DEFAULT_SSL_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06'
/** AWS's list of the addresses CloudFront connects to origins from, the same in every region. */
const CLOUDFRONT_ORIGIN_FACING = 'com.amazonaws.global.cloudfront.origin-facing'

export interface LoadBalancerProps {
  readonly namePrefix: string
  readonly vpcId: string
  /** CIDR of the VPC: the load balancer only talks to targets inside it. */
  readonly vpcCidr: string
  /** Public subnets, at least two in different zones (an ALB requirement). */
  readonly subnetIds: readonly string[]
  /**
   * ACM certificate (in this region) for the HTTPS listener. Default: none, which serves
   * plain HTTP on port 80 and leaves a synth warning (unless CloudFront is in front).
   */
  readonly certificateArn?: string
  /** TLS policy of the HTTPS listener. Default `ELBSecurityPolicy-TLS13-1-2-2021-06`. */
  readonly sslPolicy?: string
  /**
   * Behind the CDN (stage 4 and up): admit only CloudFront's origin-facing addresses, on the one
   * port CloudFront uses (443 with a certificate, else 80), and route only requests carrying the
   * origin header with one of these values. Default: open to the internet on 80 (and 443).
   */
  readonly behindCdn?: {readonly originSecretValues: readonly string[]}
  /** Bucket (name) for access logs, under `alb/`, and what must exist before the load balancer writes there. */
  readonly accessLogs: {readonly bucket: string; readonly dependsOn: readonly ITerraformDependable[]}
}

/** How a target is routed: its priority (unique per load balancer) and path patterns. */
export interface RouteProps {
  readonly priority: number
  readonly pathPatterns: readonly string[]
  readonly targetGroupArn: string
}

/**
 * Stage 3 and up: an internet-facing Application Load Balancer.
 *
 * The port-80 listener always exists under the same address: it serves the targets without a
 * certificate and redirects to HTTPS with one, so adding a certificate changes it in place. Its
 * listeners answer 404 by default; targets add path rules with `route`, so the balancer does not
 * need to know its targets when it is built.
 */
export class LoadBalancer extends Construct {
  public readonly securityGroup: SecurityGroup
  public readonly loadBalancer: Lb
  public readonly httpListener: LbListener
  public readonly httpsListener?: LbListener
  public readonly https: boolean
  private readonly originCondition: LbListenerRuleCondition[]

  constructor(scope: Construct, id: string, props: LoadBalancerProps) {
    super(scope, id)
    if (props.subnetIds.length < 2) {
      throw new RangeError(`load balancer needs public subnets in at least 2 zones, got ${props.subnetIds.length}`)
    }
    this.https = props.certificateArn !== undefined
    const cdn = props.behindCdn

    let ingress: SecurityGroupIngress[]
    if (cdn) {
      const cloudFront = new DataAwsEc2ManagedPrefixList(this, 'CloudFrontOrigins', {name: CLOUDFRONT_ORIGIN_FACING})
      // One port only: the list counts as ~55 rules against a group's 60-rule quota.
      const port = this.https ? 443 : 80
      ingress = [
        {
          description: `${this.https ? 'HTTPS' : 'HTTP'} from the CloudFront origin-facing addresses`,
          protocol: 'tcp',
          fromPort: port,
          toPort: port,
          prefixListIds: [cloudFront.id],
        },
      ]
    } else {
      ingress = this.https ? PUBLIC_WEB_INGRESS : PUBLIC_WEB_INGRESS.filter((rule) => rule.fromPort === 80)
    }
    this.originCondition = cdn
      ? [{httpHeader: {httpHeaderName: ORIGIN_HEADER, values: [...cdn.originSecretValues]}}]
      : []

    this.securityGroup = new SecurityGroup(this, 'SecurityGroup', {
      name: `${props.namePrefix}-${COMPONENT_NAMES.loadBalancer}`,
      description: 'Load balancer: HTTP and HTTPS from its clients',
      vpcId: props.vpcId,
      ingress,
      egress: [
        {
          description: 'To targets in the VPC',
          protocol: 'tcp',
          fromPort: 0,
          toPort: 65_535,
          cidrBlocks: [props.vpcCidr],
        },
      ],
    })

    this.loadBalancer = new Lb(this, 'LoadBalancer', {
      name: boundedName([props.namePrefix, COMPONENT_NAMES.loadBalancer], 32),
      loadBalancerType: 'application',
      internal: false,
      securityGroups: [this.securityGroup.id],
      subnets: [...props.subnetIds],
      dropInvalidHeaderFields: true,
      accessLogs: {bucket: props.accessLogs.bucket, prefix: LOG_PREFIXES.loadBalancer, enabled: true},
      // The load balancer checks that it may write its logs when they are turned on.
      dependsOn: [...props.accessLogs.dependsOn],
    })

    const notFound = {
      type: 'fixed-response',
      fixedResponse: {contentType: 'text/plain', statusCode: '404', messageBody: 'Not found'},
    }
    if (!this.https && !cdn) {
      Annotations.of(this).addWarning(
        'No certificate: the load balancer serves plain HTTP on port 80. Give --domain and --hosted-zone-id ' +
          '(or --certificate-arn) to serve HTTPS.',
      )
    }
    this.httpListener = new LbListener(this, 'Http', {
      loadBalancerArn: this.loadBalancer.arn,
      port: 80,
      protocol: 'HTTP',
      defaultAction: [this.https ? REDIRECT_TO_HTTPS : notFound],
    })
    if (props.certificateArn !== undefined) {
      this.httpsListener = new LbListener(this, 'Https', {
        loadBalancerArn: this.loadBalancer.arn,
        port: 443,
        protocol: 'HTTPS',
        sslPolicy: props.sslPolicy ?? DEFAULT_SSL_POLICY,
        certificateArn: props.certificateArn,
        defaultAction: [notFound],
      })
    }
  }

  /**
   * Routes paths to a target group: a rule on the port-80 listener (forwarding without a
   * certificate, redirecting to HTTPS with one) and, with a certificate, the same rule on the
   * HTTPS listener. Behind the CDN every rule also requires the origin header.
   */
  route(scope: Construct, props: RouteProps): LbListenerRule[] {
    const conditions: LbListenerRuleCondition[] = [
      {pathPattern: {values: [...props.pathPatterns]}},
      ...this.originCondition,
    ]
    const forward = {type: 'forward', targetGroupArn: props.targetGroupArn}
    const rules = [
      new LbListenerRule(scope, 'ListenerRule', {
        listenerArn: this.httpListener.arn,
        priority: props.priority,
        condition: conditions,
        action: [this.https ? REDIRECT_TO_HTTPS : forward],
      }),
    ]
    if (this.httpsListener) {
      rules.push(
        new LbListenerRule(scope, 'HttpsListenerRule', {
          listenerArn: this.httpsListener.arn,
          priority: props.priority,
          condition: conditions,
          action: [forward],
        }),
      )
    }
    return rules
  }
}

const REDIRECT_TO_HTTPS = {type: 'redirect', redirect: {protocol: 'HTTPS', port: '443', statusCode: 'HTTP_301'}}
