/**
 * Where a cheaper plan takes over as users grow.
 *
 * Each choice the planner makes by cost (a CDN, a cache, scaling the database out) is kept from
 * the users at which it first pays off: above that point the plan keeps it even where, by a
 * step of rounding, the plan without it would be a few dollars cheaper. That is what makes cost
 * and stage never fall as users rise. At the point `U` found here the plan without the fix cost
 * less one user earlier and the plan with it costs no more at `U`; the plan with it costs at
 * least what it did one user earlier; so the cost at `U` is at least the cost one user earlier.
 */

/**
 * The users at which `better` turns true, searching [low, high]: a whole number `U` in
 * (low, high] with `better(U - 1)` false and `better(U)` true, or null when `better(high)` is
 * false. `better(low)` must be false. When `better` turns true, false and true again, this finds
 * one of the points where it turns true; every such point keeps cost and stage from falling.
 */
export function crossover(better: (users: number) => boolean, low: number, high: number): number | null {
  if (!better(high)) return null
  let below = low
  let above = high
  while (above - below > 1) {
    const middle = Math.floor((below + above) / 2)
    if (better(middle)) above = middle
    else below = middle
  }

  return above
}
