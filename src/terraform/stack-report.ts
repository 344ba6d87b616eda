/**
 * What plan, apply and destroy report per stack, and the `plan --json` report as it comes back
 * from a file (`diff --plan`): checked by schema, since a file can hold anything.
 */
import {z} from 'zod'

import {planSummarySchema} from './plan-summary.js'

export const STACK_STATUSES = ['no-changes', 'planned', 'applied', 'destroyed', 'failed', 'not-started'] as const

const stackReportSchema = z.object({
  name: z.string(),
  status: z.enum(STACK_STATUSES),
  plan: planSummarySchema.optional(),
  error: z.string().optional(),
  /** Terraform's own error block under `error`, line by line (summary and detail of its diagnostics). */
  detail: z.array(z.string()).optional(),
  /** Every terraform call for this stack, beside the stack. */
  log: z.string(),
})

export type StackStatus = (typeof STACK_STATUSES)[number]
export type StackReport = Readonly<z.output<typeof stackReportSchema>>

/** The part of a `scaleplan plan --json` report that `diff --plan` reads; other keys pass. */
const planReportSchema = z.looseObject({command: z.literal('plan'), stacks: z.array(stackReportSchema)})

/** The stacks of a `plan --json` report, or undefined when `value` is not one. */
export function planReportStacks(value: unknown): readonly StackReport[] | undefined {
  const parsed = planReportSchema.safeParse(value)
  return parsed.success ? parsed.data.stacks : undefined
}
