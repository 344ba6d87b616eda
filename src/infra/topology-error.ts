/**
 * A Topology the constructs cannot build: a missing component another one needs, a count out
 * of range. It names the input that is wrong, so callers report it as bad input, not as a bug.
 */
export class TopologyError extends Error {
  override readonly name = 'TopologyError'
}
