/**
 * Exit codes, as a documented table (README, "Exit codes").
 *
 * | code | meaning |
 * |------|---------|
 * | 0    | success |
 * | 1    | an unexpected error: a bug in scaleplan |
 * | 2    | bad input: flags, spec file or environment (nothing was written) |
 * | 3    | Terraform failed, or no terraform/tofu binary was found |
 * | 4    | refused: approval or confirmation missing, or a plan would lose data |
 * | 130  | interrupted (Ctrl-C; 128 + SIGINT, as shells report it) |
 *
 * `plan --detailed-exitcode` and `diff` follow Terraform instead: 0 no changes, 2 changes,
 * 1 any error.
 */
export const EXIT = {
  ok: 0,
  bug: 1,
  usage: 2,
  terraform: 3,
  refused: 4,
  interrupted: 130,
} as const

/**
 * A failure scaleplan expected and explains: one line per problem, no stack trace, and its own
 * exit code. BaseCommand prints these; anything else is a bug and exits 1.
 */
export abstract class ReportedError extends Error {
  abstract readonly exitCode: number
  abstract readonly code: string

  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'))
  }
}

/** Bad input. Every problem names the field, what was received and what is accepted. */
export class UsageError extends ReportedError {
  override readonly name = 'UsageError'
  readonly exitCode = EXIT.usage
  readonly code = 'INVALID_INPUT'
}

/** A run scaleplan stopped on purpose (no approval, data loss). */
export class RefusedError extends ReportedError {
  override readonly name = 'RefusedError'
  readonly exitCode = EXIT.refused
  readonly code = 'REFUSED'
}

/** Terraform failed or is missing: the lines say what, and what to do. */
export class ToolError extends ReportedError {
  override readonly name = 'ToolError'
  readonly exitCode = EXIT.terraform
  readonly code = 'TERRAFORM_FAILED'
}

/** Ctrl-C at a prompt, before anything changed. */
export class InterruptedError extends ReportedError {
  override readonly name = 'InterruptedError'
  readonly exitCode = EXIT.interrupted
  readonly code = 'INTERRUPTED'
}
