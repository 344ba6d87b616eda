/**
 * Monthly on-demand estimate of a Topology: per component, per region, and the total.
 * Traffic-priced parts (load balancer capacity units, CDN, data transfer) also need the load.
 */
import {formatDecimal} from '../format/numbers.js'
import {plural} from '../format/words.js'
import {sizeLabel, unitCount} from '../topology/derived.js'
import {SERVICE_CPU_ARCHITECTURE, type ServiceCpuArchitecture} from '../topology/services.js'
import type {Component, RegionTopology, Topology} from '../topology/types.js'
import {
  CACHE_HOURLY_REDIS,
  CDN_PRICES,
  EC2_HOURLY,
  HOURS_PER_MONTH,
  PRICES,
  PRICES_AS_OF,
  RDS_HOURLY,
  VALKEY_FACTOR,
  regionPricing,
  type Price,
} from './prices.js'

/** A static front end is small; priced at 1 GB of S3 so the line shows it is not free. */
const STATIC_SITE_GB = 1
const SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600
/**
 * Fargate rates by the CPU architecture services run on (the same constant infra builds the
 * task definitions from), so the estimate always prices what is deployed.
 */
const FARGATE_RATES: Record<ServiceCpuArchitecture, {readonly vcpuHour: number; readonly gbHour: number}> = {
  arm64: {vcpuHour: PRICES.fargateVcpuHour.usd, gbHour: PRICES.fargateGBHour.usd},
}

export interface Traffic {
  readonly region: string
  /** Average requests per second over the day (bills accrue on averages, capacity on peaks). */
  readonly avgRps: number
}

export interface CostLine {
  /** A component of the region; `cdn` is the region's viewers' share of the project's one distribution. */
  readonly component: Component['kind'] | 'cdn' | 'data-transfer'
  /** Service name for `service` lines. */
  readonly name?: string
  readonly monthlyUsd: number
  readonly detail: string
}

export interface RegionCost {
  readonly region: string
  readonly factor: number
  readonly monthlyUsd: number
  readonly lines: readonly CostLine[]
}

export interface Cost {
  readonly currency: 'USD'
  readonly pricesAsOf: string
  readonly monthlyUsd: number
  readonly regions: readonly RegionCost[]
  /** True when any price used is an estimate rather than a sourced list price. */
  readonly includesEstimates: boolean
}

export function estimateCost(topology: Topology, traffic: readonly Traffic[], avgResponseKB: number): Cost {
  let includesEstimates = false
  const hourly = (table: Record<string, Price>, key: string): number => {
    const price = table[key]
    if (!price) throw new RangeError(`no price for ${key}`)
    includesEstimates ||= price.estimate
    return price.usd
  }

  const regions = topology.regions.map((region): RegionCost => {
    const pricing = regionPricing(region.region)
    includesEstimates ||= pricing.estimate
    const avgRps = traffic.find((t) => t.region === region.region)?.avgRps ?? 0
    const monthlyGB = (avgRps * SECONDS_PER_MONTH * avgResponseKB) / 1e6
    const month = (usdPerHour: number) => usdPerHour * HOURS_PER_MONTH * pricing.factor
    const context: PricingContext = {
      month,
      hourly,
      monthlyGB,
      factor: pricing.factor,
      cdnZone: pricing.cdnZone,
      requests: avgRps * SECONDS_PER_MONTH,
    }
    const lines: CostLine[] = region.components.map((component) => priceComponent(component, region, context))
    // The one distribution bills by viewer geography, so each region's viewers are priced where they are.
    if (topology.edge.cdn) lines.push(priceCdn(context))
    // Without a CDN, app servers or the load balancer send every byte to the internet themselves.
    else {
      lines.push({
        component: 'data-transfer',
        monthlyUsd: monthlyGB * PRICES.internetEgressGB.usd * pricing.factor,
        detail: `${fmt(monthlyGB)} GB out to the internet at $${PRICES.internetEgressGB.usd}/GB`,
      })
    }

    const rounded = lines.map((line) => ({...line, monthlyUsd: cents(line.monthlyUsd)}))
    return {
      region: region.region,
      factor: pricing.factor,
      monthlyUsd: cents(rounded.reduce((sum, line) => sum + line.monthlyUsd, 0)),
      lines: rounded,
    }
  })

  return {
    currency: 'USD',
    pricesAsOf: PRICES_AS_OF,
    monthlyUsd: cents(regions.reduce((sum, region) => sum + region.monthlyUsd, 0)),
    regions,
    includesEstimates,
  }
}

interface PricingContext {
  readonly month: (usdPerHour: number) => number
  readonly hourly: (table: Record<string, Price>, key: string) => number
  readonly monthlyGB: number
  readonly requests: number
  readonly factor: number
  readonly cdnZone: string
}

function priceComponent(component: Component, region: RegionTopology, ctx: PricingContext): CostLine {
  const {month, hourly, factor} = ctx
  const line = (monthlyUsd: number, detail: string, name?: string): CostLine => ({
    component: component.kind,
    ...(name ? {name} : {}),
    monthlyUsd,
    detail,
  })

  switch (component.kind) {
    case 'network': {
      const usd = month(component.natGateways * PRICES.natHour.usd)
      return line(usd, component.natGateways > 0 ? plural(component.natGateways, 'NAT gateway') : 'VPC, no NAT gateway')
    }

    case 'server': {
      const usd =
        month(hourly(EC2_HOURLY, component.instanceType)) + component.volumeGiB * PRICES.ebsGp3GBMonth.usd * factor
      return line(usd, `1 x ${component.instanceType} + ${component.volumeGiB} GiB gp3`)
    }

    case 'app-servers': {
      const perServer =
        month(hourly(EC2_HOURLY, component.instanceType)) + component.volumeGiB * PRICES.ebsGp3GBMonth.usd * factor
      return line(component.minCount * perServer, `${component.minCount} x ${component.instanceType}`)
    }

    case 'static-site':
      return line(STATIC_SITE_GB * PRICES.s3GBMonth.usd * factor, `S3, ~${STATIC_SITE_GB} GB of static files`)

    case 'load-balancer': {
      // Processed bytes are the LCU dimension that dominates for ordinary web traffic.
      const gbPerHour = ctx.monthlyGB / HOURS_PER_MONTH
      const lcus = Math.max(1, gbPerHour)
      return line(
        month(PRICES.albHour.usd + lcus * PRICES.albLcuHour.usd),
        `ALB + ${fmt(lcus)} LCU (${fmt(gbPerHour)} GB/h processed)`,
      )
    }

    case 'cache': {
      const nodes = unitCount(component)
      const perNode =
        hourly(CACHE_HOURLY_REDIS, component.nodeType) * (component.engine === 'valkey' ? VALKEY_FACTOR : 1)
      return line(month(nodes * perNode), `${nodes} x ${component.nodeType} (${component.engine})`)
    }

    case 'database': {
      const replicaHourly = hourly(RDS_HOURLY, component.replicaInstanceClass)
      const replicas = component.shards * component.replicasPerShard
      const primary = component.role === 'primary' ? component : undefined
      const primaries = primary ? primary.shards * (primary.multiAz ? 2 : 1) : 0
      const compute = month(
        (primary ? primaries * hourly(RDS_HOURLY, primary.instanceClass) : 0) + replicas * replicaHourly,
      )
      const storage = (primaries + replicas) * component.storageGiB * PRICES.rdsGp3GBMonth.usd * factor
      const what = primary
        ? `${primary.shards} x ${primary.instanceClass}${primary.multiAz ? ' Multi-AZ' : ''} primary + ${plural(replicas, 'replica')}`
        : `${plural(replicas, 'cross-region replica')} of ${component.replicaInstanceClass}`
      return line(compute + storage, `${what}, ${component.storageGiB} GiB gp3 each`)
    }

    case 'service': {
      const rates = FARGATE_RATES[SERVICE_CPU_ARCHITECTURE]
      const perTask = (component.cpuUnits / 1024) * rates.vcpuHour + (component.memoryMiB / 1024) * rates.gbHour
      return line(
        month(component.minTasks * perTask),
        `${plural(component.minTasks, 'Fargate task')} of ${sizeLabel(component, region)}`,
        component.name,
      )
    }
  }
}

/** CloudFront bills by viewer geography, not by region factor; origin fetches from AWS are free. */
function priceCdn(ctx: PricingContext): CostLine {
  const zone = CDN_PRICES[ctx.cdnZone]!
  return {
    component: 'cdn',
    monthlyUsd: ctx.monthlyGB * zone.egressGB + (ctx.requests / 1e4) * zone.httpsPer10k,
    detail: `${fmt(ctx.monthlyGB)} GB out + ${fmt(ctx.requests / 1e6)}M HTTPS requests (${ctx.cdnZone} viewers)`,
  }
}

const cents = (usd: number) => Math.round(usd * 100) / 100
const fmt = (value: number) => formatDecimal(value, 0, 1)
