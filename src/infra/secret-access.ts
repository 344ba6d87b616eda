import {Fn} from './cdktf.js'
import {IamRolePolicy} from './aws.js'
import type {Construct} from './cdktf.js'

/**
 * Lets a role read exactly the named secrets (a database's master password, the cache's AUTH
 * token) and nothing else in Secrets Manager. The secrets use the account's AWS managed key, which
 * decrypts for any principal Secrets Manager lets read, so no KMS statement is needed.
 */
export function grantSecretRead(scope: Construct, role: {readonly name: string}, secretArns: readonly string[]): void {
  if (secretArns.length === 0) return
  new IamRolePolicy(scope, 'ReadSecrets', {
    name: 'read-secrets',
    role: role.name,
    policy: Fn.jsonencode({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'ReadOwnSecrets',
          Effect: 'Allow',
          Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
          Resource: [...secretArns],
        },
      ],
    }),
  })
}
