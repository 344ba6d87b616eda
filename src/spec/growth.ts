/**
 * How users and data grow, for the month-by-month timeline: "8%/month", "40%/year", "2x/year"
 * (compounding), and for data also "50GB/month" or "1TB/year" (a fixed amount each month).
 *
 * A yearly rate is turned into the monthly one that compounds to it (40%/year is 2.84%/month,
 * not 3.33%), so "2x/year" doubles in exactly twelve months.
 */
import * as z from 'zod/mini'

import {SIZE, expecting, type Form} from './forms.js'

/** Growth as the timeline applies it: a factor each month, or bytes added each month. */
export type Growth =
  | {readonly kind: 'rate'; readonly monthlyFactor: number; readonly text: string}
  | {readonly kind: 'amount'; readonly monthlyBytes: number; readonly text: string}

const MONTHS = {month: 1, year: 12} as const
const PERIOD = String.raw`\s*/\s*(month|year)`
const RATE = new RegExp(String.raw`^\s*(-?\d+(\.\d+)?)\s*(%|x)${PERIOD}\s*$`)
const AMOUNT = new RegExp(String.raw`^\s*(${SIZE.pattern})${PERIOD}\s*$`)

/** A rate over `period` -> the monthly factor that compounds to it, or undefined when it shrinks to nothing. */
function monthlyFactor(amount: number, unit: '%' | 'x', period: keyof typeof MONTHS): number | undefined {
  const perPeriod = unit === '%' ? 1 + amount / 100 : amount
  if (!(perPeriod > 0) || perPeriod > 1000) return undefined
  return perPeriod ** (1 / MONTHS[period])
}

function growth({amounts}: {amounts: boolean}): Form<Growth> {
  return (expected) => {
    const error = expecting(expected)
    return z.pipe(
      z.string({error}),
      z.transform((text: string, ctx): Growth => {
        const rate = RATE.exec(text)
        if (rate) {
          const factor = monthlyFactor(Number(rate[1]), rate[3] as '%' | 'x', rate[4] as keyof typeof MONTHS)
          if (factor !== undefined) return {kind: 'rate', monthlyFactor: factor, text: text.trim()}
        }

        const amount = amounts ? AMOUNT.exec(text) : null
        if (amount) {
          const period = amount.at(-1) as keyof typeof MONTHS
          const bytes = SIZE.read(amount[1]!.trim())
          return {kind: 'amount', monthlyBytes: bytes / MONTHS[period], text: text.trim()}
        }

        ctx.issues.push({code: 'custom', input: text, message: error({input: text})})
        return z.NEVER
      }),
    )
  }
}

/** Users grow by a rate: "8%/month", "2x/year", "0%/month". */
export const userGrowth: Form<Growth> = growth({amounts: false})

/** Data grows by a rate or by an amount: "5%/month", "50GB/month", "1TB/year". */
export const dataGrowth: Form<Growth> = growth({amounts: true})
