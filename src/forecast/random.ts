/**
 * A seeded pseudo-random generator: the same seed and stream give the same numbers on every
 * machine and Node version, so a forecast's output is deterministic.
 *
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, from PractRand) on 32-bit integer
 * arithmetic, seeded through splitmix32 from a hash of the seed and the stream's name. Each
 * uncertain input draws from its own stream, named after the input: adding or removing one
 * range leaves the samples of every other input as they were, so two specs compared by `diff`
 * see the same futures for the inputs they share.
 */

/** A source of numbers in [0, 1). */
export type Random = () => number

/** FNV-1a over the text's UTF-16 code units: a 32-bit seed from a name. */
function hash(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return h >>> 0
}

/** splitmix32: spreads one 32-bit seed over the generator's four words of state. */
function splitmix32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x9e3779b9) | 0
    let z = state
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
    return (z ^ (z >>> 16)) >>> 0
  }
}

/** The generator for `stream` under `seed`. */
export function createRandom(seed: number, stream = ''): Random {
  const next = splitmix32(hash(`${seed}:${stream}`))
  let [a, b, c, d] = [next(), next(), next(), next()]
  const generate = (): number => {
    const t = (((a + b) | 0) + d) | 0
    d = (d + 1) | 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) | 0
    return (t >>> 0) / 4_294_967_296
  }

  // The first outputs of a freshly seeded sfc32 are still correlated with the seed: discard them.
  for (let i = 0; i < 12; i++) generate()
  return generate
}
