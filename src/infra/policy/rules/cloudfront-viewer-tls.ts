import {COMPLIANT, nonCompliant, type PolicyRule} from '../rule.js'
import {blocks, isTrue} from '../subject.js'

/** Policies CloudFront offers from TLS 1.2 up: https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html */
const TLS_12_OR_LATER = new Set(['TLSv1.2_2018', 'TLSv1.2_2019', 'TLSv1.2_2021', 'TLSv1.3_2025'])

export const cloudfrontViewerTls: PolicyRule = {
  id: 'cloudfront-viewer-tls',
  level: 'error',
  explanation:
    'Viewers reach CloudFront over TLS 1.2 or later (a certificate of the project with minimum_protocol_version ' +
    'TLSv1.2_2021); the default *.cloudfront.net certificate cannot be held to that.',
  resourceTypes: ['aws_cloudfront_distribution'],
  check(subject) {
    const [certificate] = blocks(subject.attributes.viewer_certificate)
    if (certificate === undefined) return nonCompliant('no viewer_certificate')
    if (isTrue(certificate.cloudfront_default_certificate))
      return nonCompliant("uses CloudFront's default certificate, which accepts TLS 1.0")
    const version = certificate.minimum_protocol_version
    return typeof version === 'string' && TLS_12_OR_LATER.has(version)
      ? COMPLIANT
      : nonCompliant(`minimum_protocol_version is ${JSON.stringify(version)}`)
  },
}
