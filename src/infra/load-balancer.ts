import {Annotations, Construct} from './cdktf.js'
import {Lb, LbListener, SecurityGroup} from './aws.js'
import {boundedName} from './naming.js'
import {PUBLIC_WEB_INGRESS} from './security-groups.js'
import {COMPONENT_NAMES} from '../topology/services.js'

/** Current AWS-recommended policy: TLS 1.3 and 1.2 only. */
const DEFAULT_SSL_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06'

export interface LoadBalancerProps {
  readonly namePrefix: string
  readonly vpcId: string
  /** CIDR of the VPC: the load balancer only talks to targets inside it. */
  readonly vpcCidr: string
  /** Public subnets, at least two in different zones (an ALB requirement). */
  readonly subnetIds: readonly string[]
  /**
   * ACM certificate (in this region) for the HTTPS listener. Default: none, which serves
   * plain HTTP on port 80 and leaves a synth warning.
   */
  readonly certificateArn?: string
  /** TLS policy of the HTTPS listener. Default `ELBSecurityPolicy-TLS13-1-2-2021-06`. */
  readonly sslPolicy?: string
}

/**
 * Stage 3 and up: an internet-facing Application Load Balancer.
 *
 * Its traffic listener answers 404 by default; the app servers and services add path rules
 * to `listener`, so the balancer does not need to know its targets when it is built.
 */
export class LoadBalancer extends Construct {
  public readonly securityGroup: SecurityGroup
  public readonly loadBalancer: Lb
  /** The listener that carries application traffic (HTTPS when a certificate is given). */
  public readonly listener: LbListener
  public readonly https: boolean

  constructor(scope: Construct, id: string, props: LoadBalancerProps) {
    super(scope, id)
    if (props.subnetIds.length < 2) {
      throw new RangeError(`load balancer needs public subnets in at least 2 zones, got ${props.subnetIds.length}`)
    }
    this.https = props.certificateArn !== undefined

    this.securityGroup = new SecurityGroup(this, 'SecurityGroup', {
      name: `${props.namePrefix}-${COMPONENT_NAMES.loadBalancer}`,
      description: 'Load balancer: HTTP and HTTPS from the internet',
      vpcId: props.vpcId,
      ingress: this.https ? PUBLIC_WEB_INGRESS : PUBLIC_WEB_INGRESS.filter((rule) => rule.fromPort === 80),
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
    })

    const notFound = {
      type: 'fixed-response',
      fixedResponse: {contentType: 'text/plain', statusCode: '404', messageBody: 'Not found'},
    }
    if (props.certificateArn === undefined) {
      Annotations.of(this).addWarning(
        'No certificate ARN given: the load balancer serves plain HTTP on port 80. Pass a certificate (--certificate-arn) to serve HTTPS.',
      )
      this.listener = new LbListener(this, 'Http', {
        loadBalancerArn: this.loadBalancer.arn,
        port: 80,
        protocol: 'HTTP',
        defaultAction: [notFound],
      })
    } else {
      this.listener = new LbListener(this, 'Https', {
        loadBalancerArn: this.loadBalancer.arn,
        port: 443,
        protocol: 'HTTPS',
        sslPolicy: props.sslPolicy ?? DEFAULT_SSL_POLICY,
        certificateArn: props.certificateArn,
        defaultAction: [notFound],
      })
      new LbListener(this, 'HttpRedirect', {
        loadBalancerArn: this.loadBalancer.arn,
        port: 80,
        protocol: 'HTTP',
        defaultAction: [{type: 'redirect', redirect: {protocol: 'HTTPS', port: '443', statusCode: 'HTTP_301'}}],
      })
    }
  }
}
