/**
 * What each data source the stacks read returns in the plan suite: `override_data` values, so a
 * plan never calls AWS. A data source type without an entry here fails the suite (a new data
 * source must say what it returns), instead of reaching for credentials that are not there.
 */

export const FAKE_ACCOUNT_ID = '123456789012'
export const FAKE_AMI_ID = 'ami-0123456789abcdef0'

/**
 * The zones an account sees per region. Most regions offer three or more; us-west-1 offers two
 * to accounts created in the last decade, which is the case the 2-zone matrix entry covers.
 */
export const ZONES_SEEN: Readonly<Record<string, readonly string[]>> = {
  'us-west-1': ['us-west-1a', 'us-west-1c'],
}

export function zonesSeenIn(region: string): readonly string[] {
  return ZONES_SEEN[region] ?? [`${region}a`, `${region}b`, `${region}c`]
}

type Values = Record<string, unknown>

const OVERRIDES: Readonly<Record<string, (region: string) => Values>> = {
  aws_availability_zones: (region) => {
    const names = zonesSeenIn(region)
    return {
      id: region,
      names,
      zone_ids: names.map((_, index) => `${region.replaceAll('-', '').slice(0, 6)}-az${index + 1}`),
    }
  },
  aws_caller_identity: () => ({
    id: FAKE_ACCOUNT_ID,
    account_id: FAKE_ACCOUNT_ID,
    arn: `arn:aws:iam::${FAKE_ACCOUNT_ID}:user/scaleplan-plan-suite`,
    user_id: 'AIDAPLANSUITEFAKE0001',
  }),
  aws_partition: () => ({
    id: 'aws',
    partition: 'aws',
    dns_suffix: 'amazonaws.com',
    reverse_dns_prefix: 'com.amazonaws',
  }),
  aws_iam_policy_document: () => {
    const json = JSON.stringify({Version: '2012-10-17', Statement: []})
    return {json, minified_json: json}
  },
  aws_ssm_parameter: () => ({insecure_value: FAKE_AMI_ID, value: FAKE_AMI_ID, type: 'String', version: 1}),
  // CloudFront's origin-facing list (a managed list, the same id in every account of a region).
  aws_ec2_managed_prefix_list: (region) => ({
    id: 'pl-3b927c52',
    name: 'com.amazonaws.global.cloudfront.origin-facing',
    arn: `arn:aws:ec2:${region}:aws:prefix-list/pl-3b927c52`,
    address_family: 'IPv4',
    max_entries: 55,
    owner_id: 'AWS',
    version: 1,
  }),
  // What a replica region's stack looks up in the primary region (primary-link.ts).
  aws_vpc: () => ({id: 'vpc-0f1e2d3c4b5a60001', cidr_block: '10.0.0.0/16', state: 'available'}),
  aws_route_table: () => ({id: 'rtb-0f1e2d3c4b5a60001', route_table_id: 'rtb-0f1e2d3c4b5a60001'}),
  aws_db_instance: () => ({
    id: 'db-PRIMARYFAKE0001',
    address: 'primary.cfakefake0001.us-east-1.rds.amazonaws.com',
    endpoint: 'primary.cfakefake0001.us-east-1.rds.amazonaws.com:5432',
    port: 5432,
    db_instance_port: 5432,
    master_user_secret: [
      {
        secret_arn: `arn:aws:secretsmanager:us-east-1:${FAKE_ACCOUNT_ID}:secret:rds!db-0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d-AbCdEf`,
        secret_status: 'active',
        kms_key_id: `arn:aws:kms:us-east-1:${FAKE_ACCOUNT_ID}:key/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d`,
      },
    ],
  }),
  aws_secretsmanager_secret_version: () => ({
    id: 'origin-verify|AWSCURRENT',
    secret_string: JSON.stringify({a: 'fake-origin-secret-a', b: 'fake-origin-secret-b'}),
    version_id: 'AWSCURRENT',
  }),
}

/** `override_data` entries for every data source of a stack. */
export function dataOverrides(
  dataSources: ReadonlyArray<{readonly type: string; readonly name: string}>,
  region: string,
): Array<{target: string; values: Values}> {
  return dataSources.map(({type, name}) => {
    const values = OVERRIDES[type]
    if (values === undefined) {
      throw new Error(
        `data.${type}.${name}: the plan suite has no override for ${type}; add what it returns to test/terraform-plan/helpers/data-overrides.ts`,
      )
    }
    return {target: `data.${type}.${name}`, values: values(region)}
  })
}
