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
