/**
 * Monthly on-demand estimate of a Topology under its load: per component, per region, and the
 * total. Values are exact; renderers round them for people.
 */
import {siteRequestsOf} from '../capacity/edge.js'
import type {Load} from '../capacity/load.js'
import type {PricingContext} from '../capacity/pricing.js'
import type {Component, Topology} from '../topology/types.js'
import {PRICES_AS_OF, regionPricing} from './prices.js'
import type {BillPricing, Priced} from './pricing.js'

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
  const regions = pricedRegions(topology, load, pricing).map(({region, lines}): RegionCost => ({
    region,
    factor: regionPricing(region).factor,
    monthlyUsd: sumOf(lines),
    // Literals, not a spread of an optional name: a bill has dozens of lines.
    lines: lines.map(({component, name, usd, detail}): CostLine =>
      name === undefined
        ? {component, monthlyUsd: usd, detail: detail()}
        : {component, name, monthlyUsd: usd, detail: detail()},
    ),
  }))
  return {
    currency: 'USD',
    pricesAsOf: PRICES_AS_OF,
    monthlyUsd: regions.reduce((sum, region) => sum + region.monthlyUsd, 0),
    regions,
    includesEstimates: topology.regions.some((region) => pricing.usesEstimates(region.components, region.region)),
  }
}

/**
 * The monthly total `estimateCost` gives, to the last bit, without writing a line's detail: what
 * a forecast keeps of each of its thousands of samples.
 */
export function monthlyUsd(topology: Topology, load: Load, pricing: BillPricing): number {
  return pricedRegions(topology, load, pricing).reduce((sum, region) => sum + sumOf(region.lines), 0)
}

interface PricedLine {
  readonly component: CostLine['component']
  readonly name: string | undefined
  readonly usd: number
  readonly detail: () => string
}

/** Each region's bill lines in order, priced, with their details not yet written. */
function pricedRegions(
  topology: Topology,
  load: Load,
  pricing: BillPricing,
): {readonly region: string; readonly lines: readonly PricedLine[]}[] {
  const {cdn} = topology.edge
  const viewers = load.regions.map(({region, traffic}) => ({region, traffic}))
  const siteRequests = siteRequestsOf(viewers, topology.primaryRegion, cdn)
  // The one distribution bills by viewer geography, so each region's viewers are priced where they are.
  const cdnLines = cdn ? pricing.cdnLines(viewers) : []

  return topology.regions.map((region) => {
    const at = load.regions.findIndex((r) => r.region === region.region)
    const traffic = load.regions[at]!.traffic
    const context: PricingContext = {
      region: region.region,
      primaryRegion: topology.primaryRegion,
      traffic,
      cdn,
      siteRequests: siteRequests(region.region),
    }
    const lines = region.components.map((component) =>
      pricedLine(
        component.kind,
        component.kind === 'service' ? component.name : undefined,
        pricing.line(component, context),
      ),
    )
    const cdnLine = cdnLines[at]
    if (cdnLine) lines.push(pricedLine('cdn', undefined, cdnLine))
    // Without a CDN, the region sends every byte to the internet itself (S3, servers, load balancer).
    else lines.push(pricedLine('data-transfer', undefined, pricing.egressLine(context)))
    return {region: region.region, lines}
  })
}

function pricedLine(component: CostLine['component'], name: string | undefined, {usd, detail}: Priced): PricedLine {
  return {component, name, usd, detail}
}

function sumOf(lines: readonly PricedLine[]): number {
  return lines.reduce((sum, line) => sum + line.usd, 0)
}
