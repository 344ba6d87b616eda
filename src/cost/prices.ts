/**
 * On-demand list prices, USD, Linux, with a source for each figure. Each source names its section
 * of docs/sources.md (`sources: rds-prices`), which gives the public address behind it. Instance, storage and request prices are us-east-1's; other regions
 * apply a factor (below). Data transfer is priced by geography with its published volume tiers.
 * Figures no measurement or published table backs are marked `estimate`. Re-check against the
 * AWS Price List API before relying on a total.
 */

export const PRICES_AS_OF = '2026-11-01'

export interface Price {
  readonly usd: number
  readonly unit: string
  readonly source: string
  readonly estimate: boolean
}

const ec2 = (usd: number): Price => ({
  usd,
  unit: 'per instance-hour',
  source: 'sources: ec2-prices (AWS EC2 on-demand pricing as reproduced by dated third-party pages)',
  estimate: false,
})

export const EC2_HOURLY: Record<string, Price> = {
  't3.medium': ec2(0.0416),
  'm7g.large': ec2(0.0816),
}

const rds = (usd: number, source: string, estimate: boolean): Price => ({
  usd,
  unit: 'per instance-hour, Single-AZ',
  source,
  estimate,
})

/** RDS for PostgreSQL, Single-AZ; Multi-AZ with one standby bills two instances (sources: rds-prices). */
export const RDS_HOURLY: Record<string, Price> = {
  'db.t4g.medium': rds(0.065, 'sources: rds-prices (infratally 2026 us-east-1 table)', false),
  'db.r7g.large': rds(0.239, 'estimate (sources: rds-prices): copies disagree (0.228-0.276)', true),
  'db.r7g.xlarge': rds(0.478, 'estimate (sources: rds-prices): 2x db.r7g.large, as the family doubles per size', true),
  'db.r7g.2xlarge': rds(0.956, 'estimate (sources: rds-prices): 2x db.r7g.xlarge', true),
  'db.r7g.4xlarge': rds(1.912, 'estimate (sources: rds-prices): 2x db.r7g.2xlarge', true),
}

/** Redis OSS node prices; Valkey nodes cost 0.8x (sources: elasticache-prices). */
export const CACHE_HOURLY_REDIS: Record<string, Price> = {
  'cache.t4g.small': {
    usd: 0.032,
    unit: 'per node-hour',
    source: 'sources: elasticache-prices (Price List API snapshot 2026-10-02)',
    estimate: false,
  },
  'cache.r7g.large': {usd: 0.219, unit: 'per node-hour', source: 'sources: elasticache-prices', estimate: false},
  'cache.r7g.xlarge': {usd: 0.437, unit: 'per node-hour', source: 'sources: elasticache-prices', estimate: false},
  'cache.r7g.2xlarge': {usd: 0.874, unit: 'per node-hour', source: 'estimate: 2x cache.r7g.xlarge', estimate: true},
  'cache.r7g.4xlarge': {usd: 1.748, unit: 'per node-hour', source: 'estimate: 4x cache.r7g.xlarge', estimate: true},
}
export const VALKEY_FACTOR = 0.8

export const PRICES = {
  ebsGp3GBMonth: {usd: 0.08, unit: 'per GB-month', source: 'sources: storage-prices (EBS gp3)', estimate: false},
  rdsGp3GBMonth: {
    usd: 0.115,
    unit: 'per GB-month, Single-AZ',
    source: 'sources: storage-prices (RDS gp3; infracost golden files, usage.ai 2026-06)',
    estimate: false,
  },
  s3GetPer1k: {
    usd: 0.0004,
    unit: 'per 1,000 GET requests',
    source: 'sources: s3-prices (S3 Standard, us-east-1)',
    estimate: false,
  },
  albHour: {
    usd: 0.0225,
    unit: 'per ALB-hour',
    source: 'sources: network-prices (AWS ELB pricing example)',
    estimate: false,
  },
  albLcuHour: {
    usd: 0.008,
    unit: 'per LCU-hour',
    source: 'sources: network-prices; 1 LCU = 1 GB/h processed for EC2 targets',
    estimate: false,
  },
  natHour: {
    usd: 0.045,
    unit: 'per NAT gateway-hour',
    source: 'sources: network-prices (AWS VPC pricing)',
    estimate: false,
  },
  natGB: {usd: 0.045, unit: 'per GB processed', source: 'sources: network-prices (AWS VPC pricing)', estimate: false},
  fargateVcpuHour: {
    usd: 0.03238,
    unit: 'per vCPU-hour, Linux/ARM',
    source: 'sources: fargate-prices (vantage.sh)',
    estimate: false,
  },
  fargateGBHour: {
    usd: 0.00356,
    unit: 'per GB-hour, Linux/ARM',
    source: 'sources: fargate-prices (vantage.sh)',
    estimate: false,
  },
} as const satisfies Record<string, Price>

/**
 * A volume-tiered price: each tier's rate applies to the GB within it. `upToGB` is cumulative,
 * in GB of 2^30 bytes, with 1 TB = 1,024 GB as AWS bills; the last tier has no end.
 */
export interface Tier {
  readonly upToGB: number
  readonly usd: number
}

export interface TieredPrice {
  readonly tiers: readonly Tier[]
  readonly source: string
  readonly estimate: boolean
}

const TB = 1024
const PB = 1024 * TB

/** Tier ends of CloudFront's table: 10 TB, then 40, 100, 350, 524 TB, 4 PB, and over 5 PB. */
const CDN_TIER_ENDS = [10 * TB, 50 * TB, 150 * TB, 500 * TB, 1024 * TB, 5 * PB, Infinity]
const cdnTiers = (...usd: number[]): readonly Tier[] => usd.map((price, i) => ({upToGB: CDN_TIER_ENDS[i]!, usd: price}))
const CDN_SOURCE = 'sources: cloudfront-prices (Regional Data Transfer Out to Internet, by volume tier)'

/** Where viewers are, for CloudFront and the internet egress of the regions there. */
export type Geography =
  'north-america' | 'europe' | 'middle-east-africa' | 'south-america' | 'japan' | 'australia' | 'asia' | 'india'

/** CloudFront data transfer out, per GB, by viewer geography; tiers are measured per geography. */
export const CDN_EGRESS: Record<Geography, TieredPrice> = {
  'north-america': {tiers: cdnTiers(0.085, 0.08, 0.06, 0.04, 0.03, 0.025, 0.02), source: CDN_SOURCE, estimate: false},
  europe: {tiers: cdnTiers(0.085, 0.08, 0.06, 0.04, 0.03, 0.025, 0.02), source: CDN_SOURCE, estimate: false},
  'middle-east-africa': {
    tiers: cdnTiers(0.11, 0.105, 0.09, 0.08, 0.06, 0.05, 0.04),
    source: CDN_SOURCE,
    estimate: false,
  },
  'south-america': {tiers: cdnTiers(0.11, 0.105, 0.09, 0.08, 0.06, 0.05, 0.04), source: CDN_SOURCE, estimate: false},
  japan: {tiers: cdnTiers(0.114, 0.089, 0.086, 0.084, 0.08, 0.07, 0.06), source: CDN_SOURCE, estimate: false},
  australia: {tiers: cdnTiers(0.114, 0.098, 0.094, 0.092, 0.09, 0.085, 0.08), source: CDN_SOURCE, estimate: false},
  asia: {tiers: cdnTiers(0.12, 0.1, 0.095, 0.09, 0.08, 0.07, 0.06), source: CDN_SOURCE, estimate: false},
  india: {tiers: cdnTiers(0.109, 0.085, 0.082, 0.08, 0.078, 0.075, 0.072), source: CDN_SOURCE, estimate: false},
}

/** CloudFront HTTPS requests, USD per 10,000, by viewer geography (sources: cloudfront-prices). */
export const CDN_HTTPS_PER_10K: Record<Geography, number> = {
  'north-america': 0.01,
  europe: 0.012,
  'middle-east-africa': 0.012,
  'south-america': 0.022,
  japan: 0.012,
  australia: 0.0125,
  asia: 0.012,
  india: 0.012,
}

/** Tier ends of EC2's data transfer out to the internet: 10 TB, then 40 and 100 TB, and over 150 TB. */
const EGRESS_TIER_ENDS = [10 * TB, 50 * TB, 150 * TB, Infinity]
const egressTiers = (...usd: number[]): readonly Tier[] =>
  usd.map((price, i) => ({upToGB: EGRESS_TIER_ENDS[i]!, usd: price}))
const US_EU_EGRESS: TieredPrice = {
  tiers: egressTiers(0.09, 0.085, 0.07, 0.05),
  source:
    'sources: internet-egress-prices (US and EU regions; the first 100 GB a month free across services is ' +
    'left out)',
  estimate: false,
}
/** Estimated as the first four tiers of the geography's CloudFront table, the fourth held past 150 TB. */
const estimatedEgress = (geography: Geography): TieredPrice => ({
  tiers: egressTiers(...CDN_EGRESS[geography].tiers.slice(0, 4).map((tier) => tier.usd)),
  source:
    "estimate (sources: internet-egress-prices): the first four tiers of the geography's CloudFront table, " +
    'which match the published ap-southeast-2 rates exactly and the first tier elsewhere in Asia Pacific',
  estimate: true,
})

/**
 * Data transfer out to the internet from a region, per GB, by the region's geography. S3, EC2
 * and the load balancer count together toward the tiers.
 */
export const INTERNET_EGRESS: Record<Geography, TieredPrice> = {
  'north-america': US_EU_EGRESS,
  europe: US_EU_EGRESS,
  'middle-east-africa': estimatedEgress('middle-east-africa'),
  'south-america': estimatedEgress('south-america'),
  japan: estimatedEgress('japan'),
  australia: {
    tiers: egressTiers(0.114, 0.098, 0.094, 0.092),
    source: 'sources: internet-egress-prices (ap-southeast-2)',
    estimate: false,
  },
  asia: estimatedEgress('asia'),
  india: estimatedEgress('india'),
}

/** Data transfer from a region to another AWS region, per GB, by the source region's geography (sources: inter-region-prices). */
export const INTER_REGION_GB: Record<Geography, Price> = {
  'north-america': {
    usd: 0.02,
    unit: 'per GB',
    source: 'sources: inter-region-prices',
    estimate: false,
  },
  europe: {usd: 0.02, unit: 'per GB', source: 'sources: inter-region-prices', estimate: false},
  'middle-east-africa': {
    usd: 0.11,
    unit: 'per GB',
    source: 'estimate: higher outside the US and Europe (sources: inter-region-prices)',
    estimate: true,
  },
  'south-america': {
    usd: 0.138,
    unit: 'per GB',
    source: 'estimate: higher outside the US and Europe (sources: inter-region-prices)',
    estimate: true,
  },
  japan: {
    usd: 0.09,
    unit: 'per GB',
    source: 'estimate: higher outside the US and Europe (sources: inter-region-prices)',
    estimate: true,
  },
  australia: {
    usd: 0.098,
    unit: 'per GB',
    source: 'estimate: higher outside the US and Europe (sources: inter-region-prices)',
    estimate: true,
  },
  asia: {
    usd: 0.09,
    unit: 'per GB',
    source: 'estimate: higher outside the US and Europe (sources: inter-region-prices)',
    estimate: true,
  },
  india: {
    usd: 0.086,
    unit: 'per GB',
    source: 'estimate: higher outside the US and Europe (sources: inter-region-prices)',
    estimate: true,
  },
}

/** S3 Standard storage, per GB-month, us-east-1: 0.023 to 50 TB, 0.022 to 500 TB, then 0.021. */
export const S3_STORAGE: TieredPrice = {
  tiers: [
    {upToGB: 50 * TB, usd: 0.023},
    {upToGB: 500 * TB, usd: 0.022},
    {upToGB: Infinity, usd: 0.021},
  ],
  source: 'sources: s3-prices (S3 Standard, us-east-1: first 50 TB, next 450 TB, over 500 TB)',
  estimate: false,
}

export interface RegionPricing {
  /** Multiplier on us-east-1 prices for compute, databases, caches, storage and networking. */
  readonly factor: number
  /** Where the region's viewers mostly are, for CloudFront and the region's internet egress. */
  readonly geography: Geography
  readonly source: string
  readonly estimate: boolean
}

const same = (geography: Geography): RegionPricing => ({
  factor: 1,
  geography,
  source: 'estimate: priced as us-east-1 (US regions are usually at or near it)',
  estimate: true,
})
const factor = (value: number, geography: Geography, source: string, estimate = true): RegionPricing => ({
  factor: value,
  geography,
  source,
  estimate,
})
const FLAT = 'estimate: no verified regional prices (sources: regional-price-factors); 1.15x as a placeholder'
const RANGE = 'estimate: within the 1.10-1.30x range other regions run over us-east-1 (sources: regional-price-factors)'

/** EC2 ratios from Price List snapshots where known (sources: regional-price-factors); applied to every service of the region. */
export const REGION_PRICING: Record<string, RegionPricing> = {
  'us-east-1': factor(1, 'north-america', 'the base prices', false),
  'us-east-2': same('north-america'),
  'us-west-2': same('north-america'),
  'us-west-1': factor(1.15, 'north-america', FLAT),
  'ca-central-1': factor(1.1, 'north-america', RANGE),
  'ca-west-1': factor(1.1, 'north-america', RANGE),
  'mx-central-1': factor(1.15, 'north-america', FLAT),
  'sa-east-1': factor(1.3, 'south-america', RANGE),
  'eu-west-1': factor(
    1.086,
    'europe',
    'sources: regional-price-factors: t2.micro Price List ratio 1.086x (Graviton 1.10-1.12x)',
  ),
  'eu-west-2': factor(1.12, 'europe', RANGE),
  'eu-west-3': factor(1.12, 'europe', RANGE),
  'eu-central-1': factor(
    1.155,
    'europe',
    'sources: regional-price-factors: t2.micro Price List ratio 1.155x (Graviton 1.15-1.21x)',
  ),
  'eu-central-2': factor(1.25, 'europe', RANGE),
  'eu-north-1': factor(1.05, 'europe', 'estimate: below eu-west-1'),
  'eu-south-1': factor(1.15, 'europe', FLAT),
  'eu-south-2': factor(1.15, 'europe', FLAT),
  'il-central-1': factor(1.15, 'middle-east-africa', FLAT),
  'me-south-1': factor(1.15, 'middle-east-africa', FLAT),
  'me-central-1': factor(1.15, 'middle-east-africa', FLAT),
  'af-south-1': factor(1.2, 'middle-east-africa', RANGE),
  'ap-east-1': factor(1.3, 'asia', RANGE),
  'ap-east-2': factor(1.25, 'asia', RANGE),
  'ap-south-1': factor(1.05, 'india', 'estimate: Mumbai is among the cheaper Asian regions'),
  'ap-south-2': factor(1.05, 'india', 'estimate: as ap-south-1'),
  'ap-northeast-1': factor(1.25, 'japan', 'estimate: near ap-southeast-1'),
  'ap-northeast-2': factor(1.2, 'asia', RANGE),
  'ap-northeast-3': factor(1.25, 'japan', 'estimate: as ap-northeast-1'),
  'ap-southeast-1': factor(
    1.259,
    'asia',
    'sources: regional-price-factors: t2.micro Price List ratio 1.259x (m7g 1.27-1.29x)',
  ),
  'ap-southeast-2': factor(1.25, 'australia', 'estimate: near ap-southeast-1'),
  'ap-southeast-3': factor(1.2, 'asia', RANGE),
  'ap-southeast-4': factor(1.25, 'australia', 'estimate: as ap-southeast-2'),
  'ap-southeast-5': factor(1.15, 'asia', FLAT),
  'ap-southeast-6': factor(1.25, 'australia', 'estimate: as ap-southeast-2'),
  'ap-southeast-7': factor(1.15, 'asia', FLAT),
}

export function regionPricing(region: string): RegionPricing {
  return REGION_PRICING[region] ?? factor(1.2, 'north-america', 'estimate: unknown region priced at 1.20x')
}
