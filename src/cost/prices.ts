/**
 * On-demand list prices, USD, us-east-1, Linux, with a source for each figure.
 *
 * Each source names its section of docs/sources.md (`sources: rds-prices`), which gives the
 * public address behind the figure. Figures from a single copy or no measurement are marked `estimate`. Other regions apply a factor (below) to these us-east-1 prices.
 * Re-check against the AWS Price List API before relying on a total.
 */

export const PRICES_AS_OF = '2026-11-01'
export const HOURS_PER_MONTH = 730

export interface Price {
  readonly usd: number
  readonly unit: string
  readonly source: string
  readonly estimate: boolean
}

const ec2 = (usd: number, estimate = false): Price => ({
  usd,
  unit: 'per instance-hour',
  source: 'sources: ec2-prices (AWS EC2 on-demand pricing as reproduced by dated third-party pages)',
  estimate,
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
  'db.r7g.large': rds(0.239, 'sources: rds-prices: code snapshots disagree (0.228-0.276)', true),
  'db.r7g.xlarge': rds(0.478, 'sources: rds-prices: 2x db.r7g.large', true),
  'db.r7g.2xlarge': rds(0.956, 'sources: rds-prices', true),
  'db.r7g.4xlarge': rds(1.912, 'extrapolated: 2x db.r7g.2xlarge, as the family doubles per size', true),
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
  'cache.r7g.2xlarge': {usd: 0.874, unit: 'per node-hour', source: 'extrapolated: 2x cache.r7g.xlarge', estimate: true},
  'cache.r7g.4xlarge': {usd: 1.748, unit: 'per node-hour', source: 'extrapolated: 4x cache.r7g.xlarge', estimate: true},
}
export const VALKEY_FACTOR = 0.8

export const PRICES = {
  ebsGp3GBMonth: {usd: 0.08, unit: 'per GB-month', source: 'sources: storage-prices (EBS gp3)', estimate: false},
  rdsGp3GBMonth: {
    usd: 0.115,
    unit: 'per GB-month, Single-AZ',
    source: 'sources: storage-prices (infracost golden, usage.ai 2026-06)',
    estimate: false,
  },
  s3GBMonth: {
    usd: 0.023,
    unit: 'per GB-month',
    source: 'sources: storage-prices (S3 Standard, first 50 TB)',
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
  internetEgressGB: {
    usd: 0.09,
    unit: 'per GB out to the internet',
    source: 'sources: network-prices (first 10 TB/month)',
    estimate: false,
  },
  fargateVcpuHour: {
    usd: 0.03238,
    unit: 'per vCPU-hour, Linux/ARM',
    source: 'sources: network-prices (vantage.sh)',
    estimate: false,
  },
  fargateGBHour: {
    usd: 0.00356,
    unit: 'per GB-hour, Linux/ARM',
    source: 'sources: network-prices (vantage.sh)',
    estimate: false,
  },
} as const satisfies Record<string, Price>

/** CloudFront prices by viewer geography (not by origin region): data out and HTTPS requests. */
export interface CdnZonePrice {
  readonly egressGB: number
  readonly httpsPer10k: number
}

/** sources: network-prices: CloudFront DTO first 10 TB, and HTTPS requests per 10,000 (infracost golden). */
export const CDN_PRICES: Record<string, CdnZonePrice> = {
  'north-america': {egressGB: 0.085, httpsPer10k: 0.01},
  europe: {egressGB: 0.085, httpsPer10k: 0.012},
  'middle-east-africa': {egressGB: 0.11, httpsPer10k: 0.012},
  asia: {egressGB: 0.12, httpsPer10k: 0.012},
  japan: {egressGB: 0.114, httpsPer10k: 0.012},
  australia: {egressGB: 0.114, httpsPer10k: 0.0125},
  india: {egressGB: 0.109, httpsPer10k: 0.012},
  'south-america': {egressGB: 0.11, httpsPer10k: 0.022},
}

export interface RegionPricing {
  /** Multiplier on us-east-1 prices for compute, databases, caches, storage and networking. */
  readonly factor: number
  /** Where the region's viewers mostly are, for CloudFront prices. */
  readonly cdnZone: keyof typeof CDN_PRICES
  readonly source: string
  readonly estimate: boolean
}

const same = (cdnZone: string): RegionPricing => ({
  factor: 1,
  cdnZone,
  source: 'estimate: priced as us-east-1 (US regions are usually at or near it)',
  estimate: true,
})
const factor = (value: number, cdnZone: string, source: string, estimate = true): RegionPricing => ({
  factor: value,
  cdnZone,
  source,
  estimate,
})
const FLAT =
  'estimate: no verified regional prices (sources: regional-price-factors gap 1); 1.15x, the placeholder the reference uses'

/** sources: regional-price-factors: EC2 ratios from Price List snapshots; the reference applies them to every service. */
export const REGION_PRICING: Record<string, RegionPricing> = {
  'us-east-1': factor(1, 'north-america', 'the base prices', false),
  'us-east-2': same('north-america'),
  'us-west-2': same('north-america'),
  'us-west-1': factor(1.15, 'north-america', FLAT),
  'ca-central-1': factor(
    1.1,
    'north-america',
    'estimate: 1.10x, low end of the 1.10-1.30x range (sources: regional-price-factors)',
  ),
  'ca-west-1': factor(
    1.1,
    'north-america',
    'estimate: 1.10x, low end of the 1.10-1.30x range (sources: regional-price-factors)',
  ),
  'mx-central-1': factor(1.15, 'north-america', FLAT),
  'sa-east-1': factor(
    1.3,
    'south-america',
    'estimate: 1.30x, top of the 1.10-1.30x range (sources: regional-price-factors)',
  ),
  'eu-west-1': factor(
    1.086,
    'europe',
    'sources: regional-price-factors: t2.micro Price List ratio 1.086x (Graviton 1.10-1.12x)',
  ),
  'eu-west-2': factor(1.12, 'europe', 'estimate: eu-west-1 upper ratio 1.12x (sources: regional-price-factors)'),
  'eu-west-3': factor(1.12, 'europe', 'estimate: eu-west-1 upper ratio 1.12x (sources: regional-price-factors)'),
  'eu-central-1': factor(
    1.155,
    'europe',
    'sources: regional-price-factors: t2.micro Price List ratio 1.155x (Graviton 1.15-1.21x)',
  ),
  'eu-central-2': factor(
    1.25,
    'europe',
    'estimate: above eu-central-1 (sources: regional-price-factors range 1.10-1.30x)',
  ),
  'eu-north-1': factor(1.05, 'europe', 'estimate: below eu-west-1 (sources: regional-price-factors range)'),
  'eu-south-1': factor(1.15, 'europe', FLAT),
  'eu-south-2': factor(1.15, 'europe', FLAT),
  'il-central-1': factor(1.15, 'middle-east-africa', FLAT),
  'me-south-1': factor(
    1.15,
    'middle-east-africa',
    'estimate: sources: regional-price-factors placeholder 1.15x for the Middle East',
  ),
  'me-central-1': factor(
    1.15,
    'middle-east-africa',
    'estimate: sources: regional-price-factors placeholder 1.15x for the Middle East',
  ),
  'af-south-1': factor(1.2, 'middle-east-africa', FLAT.replace('1.15x', '1.20x')),
  'ap-east-1': factor(1.3, 'asia', 'estimate: 1.30x, top of the 1.10-1.30x range (sources: regional-price-factors)'),
  'ap-east-2': factor(1.25, 'asia', FLAT.replace('1.15x', '1.25x')),
  'ap-south-1': factor(
    1.05,
    'india',
    'estimate: 1.05x (sources: regional-price-factors range; Mumbai is among the cheaper Asian regions)',
  ),
  'ap-south-2': factor(1.05, 'india', 'estimate: as ap-south-1'),
  'ap-northeast-1': factor(1.25, 'japan', 'estimate: near ap-southeast-1 (sources: regional-price-factors)'),
  'ap-northeast-2': factor(1.2, 'asia', 'estimate: 1.20x (sources: regional-price-factors range)'),
  'ap-northeast-3': factor(1.25, 'japan', 'estimate: as ap-northeast-1'),
  'ap-southeast-1': factor(
    1.259,
    'asia',
    'sources: regional-price-factors: t2.micro Price List ratio 1.259x (m7g 1.27-1.29x)',
  ),
  'ap-southeast-2': factor(1.25, 'australia', 'estimate: near ap-southeast-1 (sources: regional-price-factors)'),
  'ap-southeast-3': factor(1.2, 'asia', FLAT.replace('1.15x', '1.20x')),
  'ap-southeast-4': factor(1.25, 'australia', 'estimate: as ap-southeast-2'),
  'ap-southeast-5': factor(1.15, 'asia', FLAT),
  'ap-southeast-6': factor(1.25, 'australia', 'estimate: as ap-southeast-2'),
  'ap-southeast-7': factor(1.15, 'asia', FLAT),
}

export function regionPricing(region: string): RegionPricing {
  return REGION_PRICING[region] ?? factor(1.2, 'north-america', 'estimate: unknown region priced at 1.20x')
}
