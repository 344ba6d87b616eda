/**
 * How every run ends, as one table (README, "Exit codes"): each outcome and its exit code under
 * the two conventions scaleplan speaks.
 *
 * | outcome       | scaleplan | terraform | meaning |
 * |---------------|-----------|-----------|---------|
 * | `ok`          | 0         | 0         | success; nothing to change |
 * | `changes`     | 0         | 2         | success, and the plan (or the two specs) differ |
 * | `bug`         | 1         | 1         | an unexpected error: a bug in scaleplan |
 * | `usage`       | 2         | 1         | bad input: flags, spec file or environment (nothing was written) |
 * | `terraform`   | 3         | 1         | Terraform failed, or no terraform/tofu binary was found, or another program or service scaleplan called (GitHub's API) |
 * | `refused`     | 4         | 1         | approval or confirmation missing, or a plan would lose data |
 * | `target`      | 5         | 1         | `calibrate`: the server under test failed (unreachable, refused a statement) |
 * | `interrupted` | 130       | 1         | Ctrl-C (128 + SIGINT, as shells report it) |
 * | `terminated`  | 143       | 1         | SIGTERM: a cancelled CI job, `timeout`, `docker stop` (128 + 15); `calibrate` and provisioning clean up first |
 * | `hangup`      | 129       | 1         | SIGHUP: the terminal closed (128 + 1) |
 *
 * Most commands follow scaleplan's own codes. `diff` and `plan --detailed-exitcode` follow
 * Terraform's `-detailed-exitcode` (and diff(1)): 2 can then only mean "changes", so every
 * error is 1.
 */
export const EXIT_CODES = {
  ok: {scaleplan: 0, terraform: 0},
  changes: {scaleplan: 0, terraform: 2},
  bug: {scaleplan: 1, terraform: 1},
  usage: {scaleplan: 2, terraform: 1},
  terraform: {scaleplan: 3, terraform: 1},
  refused: {scaleplan: 4, terraform: 1},
  target: {scaleplan: 5, terraform: 1},
  interrupted: {scaleplan: 130, terraform: 1},
  terminated: {scaleplan: 143, terraform: 1},
  hangup: {scaleplan: 129, terraform: 1},
} as const satisfies Record<string, Record<ExitConvention, number>>

export type Outcome = keyof typeof EXIT_CODES
export type ExitConvention = 'scaleplan' | 'terraform'

export function exitCode(outcome: Outcome, convention: ExitConvention = 'scaleplan'): number {
  return EXIT_CODES[outcome][convention]
}

/** scaleplan's own codes by outcome, for the few places that exit outside a command's result. */
export const EXIT = Object.fromEntries(
  Object.entries(EXIT_CODES).map(([outcome, codes]) => [outcome, codes.scaleplan]),
) as {readonly [O in Outcome]: (typeof EXIT_CODES)[O]['scaleplan']}

/**
 * A failure scaleplan expected and explains: one line per problem, no stack trace, and the exit
 * code of its outcome. BaseCommand prints these; anything else is a bug and exits 1.
 */
export abstract class ReportedError extends Error {
  abstract readonly outcome: Exclude<Outcome, 'ok' | 'changes' | 'bug'>
  /** Stable identifier for `--json` consumers. */
  abstract readonly code: string

  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'))
  }
}

/** Bad input. Every problem names the field, what was received and what is accepted. */
export class UsageError extends ReportedError {
  override readonly name = 'UsageError'
  readonly outcome = 'usage'
  readonly code = 'INVALID_INPUT'
}

/** A run scaleplan stopped on purpose (no approval, data loss). */
export class RefusedError extends ReportedError {
  override readonly name = 'RefusedError'
  readonly outcome = 'refused'
  readonly code = 'REFUSED'
}

/** Terraform failed or is missing: the lines say what, and what to do. */
export class ToolError extends ReportedError {
  override readonly name = 'ToolError'
  readonly outcome = 'terraform'
  readonly code = 'TERRAFORM_FAILED'
}

/** A service scaleplan called failed (GitHub's API for `comment github`): exit 3, like Terraform failing. */
export class ExternalError extends ReportedError {
  override readonly name = 'ExternalError'
  readonly outcome = 'terraform'
  readonly code = 'EXTERNAL_FAILED'
}

/** Ctrl-C at a prompt, before anything changed. */
export class InterruptedError extends ReportedError {
  override readonly name = 'InterruptedError'
  readonly outcome = 'interrupted'
  readonly code = 'INTERRUPTED'
}
