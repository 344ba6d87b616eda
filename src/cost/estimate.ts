/**
 * Monthly on-demand estimate of a Topology under its load: per component, per region, and the
 * total. Values are exact; renderers round them for people.
 */
import {siteRequestsOf} from '../capacity/edge.js'
import type {Load} from '../capacity/load.js'
import type {PricingContext} from '../capacity/pricing.js'
import type {Component, Topology} from '../topology/types.js'
import {PRICES_AS_OF, regionPricing} from './prices.js'
import type {BillPricing} from './pricing.js'

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

export function estimateCost(topology: Topology, load: Load, pricing: BillPricing): Cost {
  let includesEstimates = false
  const {cdn} = topology.edge
  const viewers = load.regions.map(({region, traffic}) => ({region, traffic}))
  const siteRequests = siteRequestsOf(viewers, topology.primaryRegion, cdn)
  // The one distribution bills by viewer geography, so each region's viewers are priced where they are.
  const cdnLines = cdn ? pricing.cdnLines(viewers) : []

  const regions = topology.regions.map((region): RegionCost => {
    const at = load.regions.findIndex((r) => r.region === region.region)
    const traffic = load.regions[at]!.traffic
    const context: PricingContext = {
      region: region.region,
      primaryRegion: topology.primaryRegion,
      traffic,
      cdn,
      siteRequests: siteRequests(region.region),
    }
    includesEstimates ||= pricing.usesEstimates(region.components, region.region)
    const lines: CostLine[] = region.components.map((component) => {
      const priced = pricing.line(component, context)
      return {
        component: component.kind,
        ...(component.kind === 'service' ? {name: component.name} : {}),
        monthlyUsd: priced.usd,
        detail: priced.detail(),
      }
    })
    const cdnLine = cdnLines[at]
    if (cdnLine) lines.push({component: 'cdn', monthlyUsd: cdnLine.usd, detail: cdnLine.detail()})
    // Without a CDN, the region sends every byte to the internet itself (S3, servers, load balancer).
    else {
      const egress = pricing.egressLine(context)
      lines.push({component: 'data-transfer', monthlyUsd: egress.usd, detail: egress.detail()})
    }

    return {
      region: region.region,
      factor: regionPricing(region.region).factor,
      monthlyUsd: lines.reduce((sum, line) => sum + line.monthlyUsd, 0),
      lines,
    }
  })

  return {
    currency: 'USD',
    pricesAsOf: PRICES_AS_OF,
    monthlyUsd: regions.reduce((sum, region) => sum + region.monthlyUsd, 0),
    regions,
    includesEstimates,
  }
}
