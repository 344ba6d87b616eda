/**
 * The prices of the plan's parts: the functions the planner compares candidates with
 * (`PlanPricing`) and the bill's lines, with a detail each. One implementation serves both, so
 * the plan the planner found cheapest is the one the bill shows as cheapest.
 */
import {HOURS_PER_MONTH} from '../capacity/load.js'
import {cacheUsd, databaseUsd, type CdnViewers, type PlanPricing, type PricingContext} from '../capacity/pricing.js'
import {STATIC_SITE_GB} from '../capacity/catalog.js'
import {formatNumber} from '../format/numbers.js'
import {plural} from '../format/words.js'
import type {Thresholds} from '../spec/thresholds.js'
import {sizeLabel, unitCount} from '../topology/derived.js'
import {SERVICE_CPU_ARCHITECTURE, type ServiceCpuArchitecture} from '../topology/services.js'
import type {CacheEngine, Component} from '../topology/types.js'
import {
  CACHE_HOURLY_REDIS,
  CDN_EGRESS,
  CDN_HTTPS_PER_10K,
  EC2_HOURLY,
  INTERNET_EGRESS,
  INTER_REGION_GB,
  PRICES,
  RDS_HOURLY,
  S3_STORAGE,
  VALKEY_FACTOR,
  regionPricing,
  type Geography,
  type Price,
} from './prices.js'
import {tieredUsd} from './tiers.js'

/** A priced part of the bill: what it costs a month and, for people, what that pays for. */
export interface Priced {
  readonly usd: number
  /** Built only when a bill is shown: the planner prices thousands of candidates. */
  readonly detail: () => string
}

export interface BillPricing extends PlanPricing {
  /** The CloudFront line of each region (its viewers' share of the one distribution), in the order given. */
  cdnLines(viewers: readonly CdnViewers[]): readonly Priced[]
  /** A component's line on the bill. */
  line(component: Component, context: PricingContext): Priced
  /** The internet egress line of a region without a CDN. */
  egressLine(context: PricingContext): Priced
  /** True when any price the bill used is an estimate. */
  usesEstimates(components: readonly Component[], region: string): boolean
}

const fmt = (value: number) => formatNumber(value)

/**
 * Fargate rates by the CPU architecture services run on (the constant infra builds the task
 * definitions from), so the estimate prices what is deployed.
 */
const FARGATE_RATES: Record<ServiceCpuArchitecture, {readonly vcpuHour: number; readonly gbHour: number}> = {
  arm64: {vcpuHour: PRICES.fargateVcpuHour.usd, gbHour: PRICES.fargateGBHour.usd},
}

function unitPrice(table: Record<string, Price>, key: string): Price {
  const price = table[key]
  if (!price) throw new RangeError(`no price for ${key}`)
  return price
}

/** Prices under the plan's thresholds (some traffic prices depend on them, like the CDN's hit ratio). */
export function createPricing(thresholds: Thresholds): BillPricing {
  const monthly = (usdPerHour: number, region: string) => usdPerHour * HOURS_PER_MONTH * regionPricing(region).factor
  const perGB = (usd: number, region: string) => usd * regionPricing(region).factor

  const dbInstance = (region: string, instanceClass: string) =>
    monthly(unitPrice(RDS_HOURLY, instanceClass).usd, region)
  const dbStorageGiB = (region: string) => perGB(PRICES.rdsGp3GBMonth.usd, region)
  const cacheNode = (region: string, nodeType: string, engine: CacheEngine) =>
    monthly(unitPrice(CACHE_HOURLY_REDIS, nodeType).usd * (engine === 'valkey' ? VALKEY_FACTOR : 1), region)
  const server = (region: string, instanceType: string, volumeGiB: number) =>
    monthly(unitPrice(EC2_HOURLY, instanceType).usd, region) + perGB(volumeGiB * PRICES.ebsGp3GBMonth.usd, region)

  const line = (component: Component, ctx: PricingContext): Priced => {
    const {region, traffic} = ctx
    const price = (usd: number, detail: () => string): Priced => ({usd, detail})
    switch (component.kind) {
      case 'network': {
        const hours = monthly(component.natGateways * PRICES.natHour.usd, region)
        const processedGB = component.natGateways > 0 ? traffic.natGB : 0
        return price(hours + perGB(processedGB * PRICES.natGB.usd, region), () =>
          component.natGateways > 0
            ? `${plural(component.natGateways, 'NAT gateway')}, ${fmt(processedGB)} GB processed`
            : 'VPC, no NAT gateway',
        )
      }

      case 'server':
        return price(server(region, component.instanceType, component.volumeGiB), () => {
          return `1 x ${component.instanceType} + ${component.volumeGiB} GiB gp3`
        })

      case 'app-servers':
        return price(component.minCount * server(region, component.instanceType, component.volumeGiB), () => {
          return `${component.minCount} x ${component.instanceType}`
        })

      case 'static-site': {
        const storedGB = STATIC_SITE_GB + (component.objectStorageGiB ?? 0)
        const gets = ctx.siteRequests * (ctx.cdn ? 1 - thresholds.cdnHitRatio : 1)
        const usd =
          perGB(tieredUsd(storedGB, S3_STORAGE.tiers), region) + perGB((gets / 1000) * PRICES.s3GetPer1k.usd, region)
        return price(usd, () => `S3, ${fmt(storedGB)} GB stored, ${fmt(gets / 1e6)}M GET requests`)
      }

      case 'load-balancer': {
        // Processed bytes are the LCU dimension that dominates for web traffic; static files bypass it.
        const gbPerHour = traffic.dynamicGB / HOURS_PER_MONTH
        const lcus = Math.max(1, gbPerHour)
        return price(monthly(PRICES.albHour.usd + lcus * PRICES.albLcuHour.usd, region), () => {
          return `ALB + ${fmt(lcus)} LCU (${fmt(gbPerHour)} GB/h processed)`
        })
      }

      case 'cache':
        return price(cacheUsd(component, region, pricing), () => {
          return `${unitCount(component)} x ${component.nodeType} (${component.engine})`
        })

      case 'database': {
        const instances = databaseUsd(component, region, pricing)
        const {geography} = regionPricing(ctx.primaryRegion)
        const transferGB = component.role === 'replica' ? traffic.replicationInGB + traffic.writesOutGB : 0
        const transfer =
          component.role === 'replica'
            ? traffic.replicationInGB * INTER_REGION_GB[geography].usd +
              traffic.writesOutGB * INTER_REGION_GB[regionPricing(region).geography].usd
            : 0
        return price(instances + transfer, () => {
          const replicas = component.shards * component.replicasPerShard
          const what =
            component.role === 'primary'
              ? `${component.shards} x ${component.instanceClass}${component.multiAz ? ' Multi-AZ' : ''} primary + ${plural(replicas, 'replica')}`
              : `${plural(replicas, 'cross-region replica')} of ${component.replicaInstanceClass}, ${fmt(transferGB)} GB across regions`
          return `${what}, ${component.storageGiB} GiB gp3 each`
        })
      }

      case 'service': {
        const rates = FARGATE_RATES[SERVICE_CPU_ARCHITECTURE]
        const perTask = (component.cpuUnits / 1024) * rates.vcpuHour + (component.memoryMiB / 1024) * rates.gbHour
        return price(monthly(component.minTasks * perTask, region), () => {
          return `${plural(component.minTasks, 'Fargate task')} of ${sizeLabel(component, {zones: 0})}`
        })
      }
    }
  }

  const cdnLines = (viewers: readonly CdnViewers[]): readonly Priced[] => {
    const geographyOf = (region: string) => regionPricing(region).geography
    const bytes = ({traffic}: CdnViewers) => traffic.staticGB + traffic.dynamicGB
    // The account's monthly volume in each geography decides its tiers; each region pays its bytes' share.
    const volume = new Map<Geography, number>()
    for (const viewer of viewers) {
      const geography = geographyOf(viewer.region)
      volume.set(geography, (volume.get(geography) ?? 0) + bytes(viewer))
    }

    return viewers.map((viewer): Priced => {
      const geography = geographyOf(viewer.region)
      const gb = bytes(viewer)
      const geographyGB = volume.get(geography)!
      const averagePerGB = geographyGB > 0 ? tieredUsd(geographyGB, CDN_EGRESS[geography].tiers) / geographyGB : 0
      const requests = viewer.traffic.requests + viewer.traffic.staticRequests
      const usd = gb * averagePerGB + (requests / 1e4) * CDN_HTTPS_PER_10K[geography]
      return {
        usd,
        detail: () => {
          const shared = geographyGB > gb ? ` on ${fmt(geographyGB)} GB from ${geography} viewers in all` : ''
          const average = gb > 0 ? ` (${averagePerGB.toFixed(4)} $/GB by volume tier${shared})` : ''
          return `${fmt(gb)} GB out${average} + ${fmt(requests / 1e6)}M HTTPS requests (${geography} viewers)`
        },
      }
    })
  }

  const egressLine = (ctx: PricingContext): Priced => {
    const {geography} = regionPricing(ctx.region)
    const gb = ctx.traffic.staticGB + ctx.traffic.dynamicGB
    return {
      usd: tieredUsd(gb, INTERNET_EGRESS[geography].tiers),
      detail: () => `${fmt(gb)} GB out to the internet from ${ctx.region}, by volume tier`,
    }
  }

  const pricing: BillPricing = {
    component: (component, ctx) => line(component, ctx).usd,
    egress: (ctx) => egressLine(ctx).usd,
    cdn: (viewers) => cdnLines(viewers).map((priced) => priced.usd),
    cdnLines,
    dbInstance,
    dbStorageGiB,
    cacheNode,
    line,
    egressLine,
    usesEstimates(components, region) {
      const pricingOfRegion = regionPricing(region)
      if (pricingOfRegion.estimate || INTERNET_EGRESS[pricingOfRegion.geography].estimate) return true
      return components.some((c) => {
        switch (c.kind) {
          case 'server':
          case 'app-servers':
            return unitPrice(EC2_HOURLY, c.instanceType).estimate
          case 'cache':
            return unitPrice(CACHE_HOURLY_REDIS, c.nodeType).estimate
          case 'database':
            return (
              unitPrice(RDS_HOURLY, c.replicaInstanceClass).estimate ||
              (c.role === 'primary' && unitPrice(RDS_HOURLY, c.instanceClass).estimate) ||
              (c.role === 'replica' && INTER_REGION_GB[pricingOfRegion.geography].estimate)
            )
          default:
            return false
        }
      })
    },
  }
  return pricing
}
