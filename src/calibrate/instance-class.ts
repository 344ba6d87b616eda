/**
 * vCPUs of an AWS instance class from its name (db.r7g.xlarge, cache.m7g.large, m7g.large), so a
 * measurement on one size can be scaled to the catalog's reference size.
 *
 * The rule AWS follows for current families: large = 2 vCPUs, xlarge = 4, N.xlarge = 4 x N;
 * medium is 1 vCPU except in the burstable T families, where nano to large have 2 (1 for
 * t2.nano to t2.small). Bare-metal sizes vary by family and are not guessed.
 */

export interface InstanceClassInfo {
  readonly name: string
  readonly vcpus: number
  /** T families run on CPU credits: sustained throughput drops once they are spent. */
  readonly burstable: boolean
}

const CLASS_PATTERN = /^(?:(db|cache)\.)?([a-z][a-z0-9-]*?\d[a-z0-9-]*)\.(nano|micro|small|medium|large|(\d*)xlarge)$/

/** Parses a class name; null when the name is not of the form family.size or its size is not known. */
export function instanceClassInfo(name: string): InstanceClassInfo | null {
  const match = CLASS_PATTERN.exec(name.trim().toLowerCase())
  if (!match) return null
  const [, , family, size, multiple] = match as unknown as [
    string,
    string | undefined,
    string,
    string,
    string | undefined,
  ]
  const burstable = family.startsWith('t')
  let vcpus: number
  if (size.endsWith('xlarge')) vcpus = 4 * (multiple ? Number(multiple) : 1)
  else if (size === 'large') vcpus = 2
  else if (burstable) vcpus = family === 't2' && size !== 'medium' ? 1 : 2
  else if (size === 'medium') vcpus = 1
  else return null
  return {name: match[0], vcpus, burstable}
}
