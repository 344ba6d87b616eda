import type {Tier} from './prices.js'

/**
 * The price of `gb` under volume tiers: each tier's rate on the GB that fall within it. Never
 * falls as `gb` grows (every rate is positive), whatever the rates' order.
 */
export function tieredUsd(gb: number, tiers: readonly Tier[]): number {
  let usd = 0
  let from = 0
  for (const tier of tiers) {
    if (gb <= from) break
    usd += (Math.min(gb, tier.upToGB) - from) * tier.usd
    from = tier.upToGB
  }

  return usd
}
