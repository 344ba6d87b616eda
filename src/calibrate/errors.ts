/**
 * How a calibration stops before it has a result, besides a failing server (TargetError): each
 * says, in lines for people, what happened and that nothing was left behind. The shell turns
 * them into its exit codes.
 */

/** Bad input, found in the options or by asking the server: every problem at once, each naming its flag. */
export class InputError extends Error {
  override readonly name = 'InputError'

  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'))
  }
}

/** The person said no to the plan: nothing was sent. */
export class DeclinedError extends Error {
  override readonly name = 'DeclinedError'

  constructor() {
    super('declined; no load was sent')
  }
}

/** Ctrl-C or SIGTERM during the load: it stopped, and what calibration created was removed. */
export class InterruptedRunError extends Error {
  override readonly name = 'InterruptedRunError'

  constructor() {
    super('interrupted; the load stopped and everything calibrate created was removed')
  }
}
