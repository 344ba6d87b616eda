/**
 * Availability zones an account can put subnets in, per region. AWS gives every region at least
 * three zones, but in US West (N. California) accounts created in the last decade see only two
 * of them (usw1-az1 and usw1-az3; the third takes no new customers). A topology never spans more
 * zones than its region offers: a load balancer with two subnets in one zone is refused.
 *
 * Sources: https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-availability-zones.html
 * (at least three zones per region) and https://docs.aws.amazon.com/efs/latest/ug/OneZoneAZs.html
 * (us-west-1 lists two zone IDs, usw1-az1 and usw1-az3).
 */

/** Zones a region offers when it is not listed below. */
export const DEFAULT_REGION_ZONES = 3

const REGION_ZONES: Readonly<Record<string, number>> = {
  'us-west-1': 2,
}

/** How many zones an account can count on in `region`. */
export function zonesOffered(region: string): number {
  return REGION_ZONES[region] ?? DEFAULT_REGION_ZONES
}
