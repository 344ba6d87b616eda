import type {IConstruct} from '../cdktf.js'

const SUPPRESSION_METADATA = 'scaleplan:policy-suppression'

export interface Suppression {
  readonly ruleId: string
  readonly reason: string
}

/**
 * Exempts a construct and everything under it from one rule, with the reason a reviewer will
 * read. Exceptions live next to the code that needs them, not in a central allow-list.
 */
export function suppressRule(scope: IConstruct, ruleId: string, reason: string): void {
  if (reason.trim().length < 20)
    throw new Error(`suppressing ${ruleId} needs a reason a reviewer can judge, got "${reason}"`)
  scope.node.addMetadata(SUPPRESSION_METADATA, {ruleId, reason} satisfies Suppression, {stackTrace: false})
}

/** The suppression of `ruleId` on the construct or one of its scopes, if any. */
export function findSuppression(construct: IConstruct, ruleId: string): Suppression | undefined {
  for (const scope of [...construct.node.scopes].reverse()) {
    for (const entry of scope.node.metadata) {
      if (entry.type !== SUPPRESSION_METADATA) continue
      const suppression = entry.data as Suppression
      if (suppression.ruleId === ruleId) return suppression
    }
  }
  return undefined
}
