import {Construct, Token} from './cdktf.js'
import {AcmCertificate, AcmCertificateValidation, Route53Record, type AwsProvider} from './aws.js'
import type {Domain} from '../topology/types.js'

/**
 * The name the CDN reaches the load balancers by: latency-routed to the nearest region, and
 * covered by every region's certificate, so CloudFront's HTTPS connection to the origin checks
 * out (CloudFront's own name would not, and the load balancers' AWS names cannot be certified).
 */
export const originHostName = (domain: Domain) => `origin.${domain.name}`

/** One `<field>` of a certificate's DNS validation record for `name`: resource_record_name, _type or _value. */
function validationField(certificate: AcmCertificate, name: string, field: string): string {
  return Token.asString(
    `\${one([for option in ${certificate.fqn}.domain_validation_options : option.${field} if option.domain_name == "${name}"])}`,
  )
}

export interface RegionCertificateProps {
  readonly domain: Domain
  /**
   * Write the DNS validation records. ACM's validation record for a name is the same in every
   * region of an account, so the primary region writes them once and every other region's
   * certificate validates against them. Default false.
   */
  readonly writeValidationRecords?: boolean
  readonly provider?: AwsProvider
}

/**
 * An ACM certificate for the project's domain and the origin name, validated by DNS in the
 * domain's hosted zone. It covers both from the start (stage 3 serves the domain from the load
 * balancer, stage 4 the origin name), so a stage change never replaces it.
 */
export class RegionCertificate extends Construct {
  public readonly certificate: AcmCertificate
  /** The certificate's ARN once ACM has issued it: what listeners use. */
  public readonly arn: string
  /** The validation records by host name (where this construct writes them). */
  public readonly validationRecords: ReadonlyMap<string, Route53Record>

  constructor(scope: Construct, id: string, props: RegionCertificateProps) {
    super(scope, id)
    const names = [props.domain.name, originHostName(props.domain)]
    this.certificate = new AcmCertificate(this, 'Certificate', {
      provider: props.provider,
      domainName: names[0]!,
      subjectAlternativeNames: names.slice(1),
      validationMethod: 'DNS',
      keyAlgorithm: 'EC_prime256v1',
      // The listener holds on to it: the new one must exist before the old one goes.
      lifecycle: {createBeforeDestroy: true},
    })
    const records = new Map<string, Route53Record>()
    if (props.writeValidationRecords) {
      names.forEach((name, index) => {
        records.set(
          name,
          new Route53Record(this, index === 0 ? 'DomainValidation' : 'OriginValidation', {
            provider: props.provider,
            zoneId: props.domain.hostedZoneId,
            name: validationField(this.certificate, name, 'resource_record_name'),
            type: validationField(this.certificate, name, 'resource_record_type'),
            records: [validationField(this.certificate, name, 'resource_record_value')],
            ttl: 300,
            // Another certificate for the same name (an earlier deployment) wrote the same record.
            allowOverwrite: true,
          }),
        )
      })
    }
    this.validationRecords = records
    const validation = new AcmCertificateValidation(this, 'Validation', {
      provider: props.provider,
      certificateArn: this.certificate.arn,
      ...(records.size > 0 ? {validationRecordFqdns: [...records.values()].map((record) => record.fqdn)} : {}),
    })
    this.arn = validation.certificateArn
  }
}

export interface LatencyRecordProps {
  readonly domain: Domain
  readonly name: string
  readonly region: string
  readonly type?: 'A' | 'AAAA'
  /** An AWS resource answering for the name (load balancer, distribution), or... */
  readonly alias?: {readonly name: string; readonly zoneId: string; readonly evaluateTargetHealth: boolean}
  /** ...addresses (the stage 1 and 2 servers' Elastic IPs). */
  readonly addresses?: readonly string[]
}

/**
 * A latency record: Route 53 answers each resolver with the record of the region nearest to it.
 * Every entry record is one, even where only one region answers, so that a region joining or a
 * record changing its target never turns one record type into another (which Route 53 refuses to
 * do in place).
 */
export function latencyRecord(scope: Construct, id: string, props: LatencyRecordProps): Route53Record {
  return new Route53Record(scope, id, {
    zoneId: props.domain.hostedZoneId,
    name: props.name,
    type: props.type ?? 'A',
    setIdentifier: props.region,
    latencyRoutingPolicy: {region: props.region},
    ...(props.alias ? {alias: props.alias} : {ttl: 60, records: [...(props.addresses ?? [])]}),
  })
}
