import {TopologyError} from './topology-error.js'

/**
 * Address plan. Each region's VPC gets its own /16 from 10.0.0.0/8, chosen by the region's
 * position in the Topology, so no two regions' VPCs overlap and every replica region's VPC can be
 * peered with the primary's. Reordering the spec's regions therefore changes CIDRs (and replaces
 * VPCs).
 *
 * Inside a VPC, /20 subnets: public ones from the bottom, private ones from the middle, one of
 * each per zone (up to 8 zones), leaving room to add subnet tiers later. The private half
 * (`10.<region>.128.0/17`) holds the app tier and the data tier, and nothing else: it is the
 * range another region's database admits over a peering connection.
 */

/** Regions a /16-per-region plan inside 10.0.0.0/8 can hold. */
export const MAX_REGIONS = 256
const MAX_ZONES = 8

export function vpcCidr(regionIndex: number): string {
  if (!Number.isInteger(regionIndex) || regionIndex < 0 || regionIndex >= MAX_REGIONS) {
    throw new TopologyError(
      `region index ${regionIndex} is outside 0..${MAX_REGIONS - 1}: the address plan gives each region a /16 of 10.0.0.0/8`,
    )
  }
  return `10.${regionIndex}.0.0/16`
}

export function publicSubnetCidr(regionIndex: number, zoneIndex: number): string {
  return subnet(regionIndex, zoneIndex, 0)
}

export function privateSubnetCidr(regionIndex: number, zoneIndex: number): string {
  return subnet(regionIndex, zoneIndex, 128)
}

/** Every private subnet of a region: the range another region's data tier may admit. */
export function privateTierCidr(regionIndex: number): string {
  vpcCidr(regionIndex)
  return `10.${regionIndex}.128.0/17`
}

/** True for a range inside some region's private tier: the only ranges a data tier admits. */
export function isPrivateTierRange(cidr: string): boolean {
  const match = /^10\.(\d{1,3})\.(\d{1,3})\.0\/(\d{1,2})$/.exec(cidr)
  if (match === null) return false
  const [region, third, bits] = match.slice(1).map(Number) as [number, number, number]
  return (
    region < MAX_REGIONS &&
    third >= 128 &&
    third < 256 &&
    bits >= 17 &&
    bits <= 28 &&
    third % 2 ** (24 - Math.min(bits, 24)) === 0
  )
}

function subnet(regionIndex: number, zoneIndex: number, thirdOctetBase: number): string {
  vpcCidr(regionIndex)
  if (!Number.isInteger(zoneIndex) || zoneIndex < 0 || zoneIndex >= MAX_ZONES) {
    throw new TopologyError(`zone index ${zoneIndex} is outside 0..${MAX_ZONES - 1}`)
  }
  return `10.${regionIndex}.${thirdOctetBase + zoneIndex * 16}.0/20`
}
