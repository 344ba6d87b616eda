import type {PolicyRule} from './rule.js'
import {albAccessLogs} from './rules/alb-access-logs.js'
import {cloudfrontLogging} from './rules/cloudfront-logging.js'
import {cloudfrontViewerTls} from './rules/cloudfront-viewer-tls.js'
import {dataTierPrivate} from './rules/data-tier-private.js'
import {ebsEncrypted} from './rules/ebs-encrypted.js'
import {elasticacheAuth} from './rules/elasticache-auth.js'
import {elasticacheEncrypted} from './rules/elasticache-encrypted.js'
import {elasticacheSnapshots} from './rules/elasticache-snapshots.js'
import {imdsv2Required} from './rules/imdsv2-required.js'
import {publicIngressWebOnly} from './rules/public-ingress-web-only.js'
import {rdsBackups} from './rules/rds-backups.js'
import {rdsDeletionProtection} from './rules/rds-deletion-protection.js'
import {rdsEncrypted} from './rules/rds-encrypted.js'
import {rdsFinalSnapshot} from './rules/rds-final-snapshot.js'
import {rdsManagedPassword} from './rules/rds-managed-password.js'
import {rdsStorageAutoscaling} from './rules/rds-storage-autoscaling.js'
import {s3Encrypted} from './rules/s3-encrypted.js'
import {s3PublicAccessBlocked} from './rules/s3-public-access-blocked.js'
import {vpcFlowLogs} from './rules/vpc-flow-logs.js'

/** The secure-by-default pack every region stack is checked against (listed in src/infra/README.md). */
export const SECURITY_RULES: readonly PolicyRule[] = [
  dataTierPrivate,
  publicIngressWebOnly,
  ebsEncrypted,
  rdsEncrypted,
  elasticacheEncrypted,
  s3Encrypted,
  s3PublicAccessBlocked,
  imdsv2Required,
  rdsManagedPassword,
  rdsDeletionProtection,
  rdsFinalSnapshot,
  rdsBackups,
  rdsStorageAutoscaling,
  elasticacheSnapshots,
  elasticacheAuth,
  albAccessLogs,
  vpcFlowLogs,
  cloudfrontLogging,
  cloudfrontViewerTls,
]
