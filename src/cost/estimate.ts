/**
 * Monthly on-demand estimate of a Topology under its load: per component, per region, and the
 * total. Values are exact; renderers round them for people.
 */
import type {Load} from '../capacity/load.js'
import type {PricingContext} from '../capacity/pricing.js'
import type {Component, Topology} from '../topology/types.js'
import {PRICES_AS_OF, regionPricing} from './prices.js'
import type {BillPricing} from './pricing.js'

export interface CostLine {
  readonly component: Component['kind'] | 'data-transfer'
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
  const regions = topology.regions.map((region): RegionCost => {
    const traffic = load.regions.find((r) => r.region === region.region)!.traffic
    const cdn = region.components.some((c) => c.kind === 'cdn')
    const context: PricingContext = {region: region.region, primaryRegion: topology.primaryRegion, traffic, cdn}
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
    // Without a CDN, the region sends every byte to the internet itself (S3, servers, load balancer).
    if (!cdn) {
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
