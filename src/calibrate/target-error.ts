/**
 * A failure of the server under test that makes the measurement meaningless: it cannot be
 * reached, refuses a statement, or loses the connection. The message is one line for people;
 * no secret is ever in it (callers pass driver messages through `redactSecrets`).
 */
export class TargetError extends Error {
  override readonly name = 'TargetError'
}
