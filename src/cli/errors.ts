/**
 * Exit codes, as a documented table (README, "Exit codes").
 *
 * | code | meaning |
 * |------|---------|
 * | 0    | success |
 * | 1    | an unexpected error: a bug in scaleplan |
 * | 2    | bad input: flags, spec file or environment (nothing was written) |
 */
export const EXIT = {
  ok: 0,
  bug: 1,
  usage: 2,
} as const

/** Bad input. Every problem is one line naming the field, what was received and what is accepted. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
  readonly exitCode = EXIT.usage
  readonly code = 'INVALID_INPUT'

  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'))
  }
}
