/** Plan, apply and destroy results as terminal text and as Markdown for pull requests. Pure. */
import type {PlanOverview} from '../render/diff-markdown.js'
import {markdownTable} from '../render/markdown-table.js'
import {hasChanges, type PlanSummary} from './plan-summary.js'
import type {StackReport} from './stack-report.js'

function describePlan(summary: PlanSummary): string {
  if (!hasChanges(summary)) return 'no changes'
  return `${summary.create} to create, ${summary.update} to update, ${summary.replace} to replace, ${summary.delete} to destroy`
}

export function renderPlans(stacks: readonly StackReport[]): string {
  const width = Math.max(...stacks.map((s) => s.name.length))
  const lines = stacks.map(
    (s) => `  ${s.name.padEnd(width)}  ${s.plan ? describePlan(s.plan) : s.status}${s.error ? `: ${s.error}` : ''}`,
  )
  const losses = stacks.flatMap((s) =>
    (s.plan?.dataLoss ?? []).map((c) => `  ${s.name.padEnd(width)}  ${c.action} ${c.address}`),
  )
  return [
    'Plan:',
    ...lines,
    ...(losses.length > 0 ? ['', 'These changes delete or replace resources that hold data:', ...losses] : []),
  ].join('\n')
}

export function renderOutcome(stacks: readonly StackReport[]): string {
  const width = Math.max(...stacks.map((s) => s.name.length))
  return [
    'Result:',
    ...stacks.map((s) => `  ${s.name.padEnd(width)}  ${s.status}${s.error ? `: ${s.error}` : ''}  (log: ${s.log})`),
  ].join('\n')
}

/** Per-stack plans as the diff comment shows them (render/diff-markdown.ts). */
export function planOverview(stacks: readonly StackReport[]): PlanOverview {
  return {
    stacks: stacks.map((s) => ({
      name: s.name,
      status: s.status,
      ...(s.error ? {error: s.error} : {}),
      create: s.plan?.create ?? 0,
      update: s.plan?.update ?? 0,
      replace: s.plan?.replace ?? 0,
      destroy: s.plan?.delete ?? 0,
    })),
    resources: stacks.flatMap((s) =>
      (s.plan?.changes ?? [])
        .filter((c) => c.action !== 'no-op' && c.action !== 'read')
        .map((c) => ({
          stack: s.name,
          action: c.action,
          address: c.address,
          dataLoss: (s.plan?.dataLoss ?? []).some((d) => d.address === c.address),
        })),
    ),
  }
}

/** Per-stack plan summaries as a Markdown table, for a pull-request comment. */
export function renderPlansMarkdown(stacks: readonly StackReport[]): string {
  const rows = stacks.map((s) => {
    const counts = s.plan ? [s.plan.create, s.plan.update, s.plan.replace, s.plan.delete].map(String) : ['', '', '', '']
    const loss = (s.plan?.dataLoss ?? []).map((c) => `\`${c.address}\` (${c.action})`).join(', ')
    return [s.name, `${s.status}${s.error ? `: ${s.error}` : ''}`, ...counts, loss || 'none']
  })
  return [
    '## Terraform plan',
    '',
    ...markdownTable(['stack', 'status', 'create', 'update', 'replace', 'destroy', 'data at risk'], rows),
    '',
  ].join('\n')
}
