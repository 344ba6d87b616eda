/**
 * What changes in a topology from one month to the next, and which changes replace something
 * rather than resize it in place.
 *
 * Components are matched per region by kind (a database by role, a service by name), as `diff`
 * and the infrastructure identify them. A change *replaces* when running resources are retired
 * for others: a component removed (the single server when the database moves out), or a database
 * split into more shards (new primaries, and the data moved between them). Every other change
 * (a bigger instance class, more servers, a larger cache) is made in place.
 */
import type {Component, Topology} from '../topology/types.js'

export interface TopologyChange {
  /** What changed, in words: "database shards 1 -> 2", "cache added". */
  readonly what: string
  /** The regions it happens in, in topology order. */
  readonly regions: readonly string[]
  readonly replaces: boolean
  /** The database split into more shards: the slowest change to make (data moves between primaries). */
  readonly split: boolean
}

const identity = (c: Component) =>
  c.kind === 'service' ? `service ${c.name}` : c.kind === 'database' ? `database (${c.role})` : c.kind

/** The fields of a component that say how big it is; the rest (names, paths, engines) do not grow. */
const SIZE_FIELDS = [
  'instanceType',
  'instanceClass',
  'replicaInstanceClass',
  'nodeType',
  'shards',
  'replicasPerShard',
  'minCount',
  'minTasks',
  'cpuUnits',
  'natGateways',
  'multiAz',
] as const

/** Changes from `before` to `after`, each once with the regions it happens in. */
export function topologyChanges(before: Topology, after: Topology): TopologyChange[] {
  const found = new Map<string, {regions: string[]; replaces: boolean; split: boolean}>()
  const note = (what: string, region: string, replaces: boolean, split = false) => {
    const entry = found.get(what) ?? {regions: [], replaces, split}
    entry.regions.push(region)
    found.set(what, entry)
  }

  for (const region of after.regions) {
    const previous = before.regions.find((r) => r.region === region.region)?.components ?? []
    for (const component of region.components) {
      const was = previous.find((c) => identity(c) === identity(component))
      if (!was) {
        note(`${identity(component)} added`, region.region, false)
        continue
      }

      for (const field of SIZE_FIELDS) {
        const [from, to] = [(was as Record<string, unknown>)[field], (component as Record<string, unknown>)[field]]
        if (from === undefined || to === undefined || from === to) continue
        // A primary without replicas has no replica class to speak of, whatever the topology says.
        if (field === 'replicaInstanceClass' && component.kind === 'database' && component.role === 'primary')
          if (component.replicasPerShard === 0 && (was as typeof component).replicasPerShard === 0) continue
        // The other regions' replica databases replicate the primary's shards: one change, every region.
        const subject = field === 'shards' ? component.kind : identity(component)
        const split = field === 'shards' && component.kind === 'database' && Number(to) > Number(from)
        note(`${subject} ${field} ${String(from)} -> ${String(to)}`, region.region, split, split)
      }
    }

    for (const component of previous) {
      if (!region.components.some((c) => identity(c) === identity(component)))
        note(`${identity(component)} retired`, region.region, true)
    }
  }

  // The CloudFront distribution serves the whole project, not a region.
  if (before.edge.cdn !== after.edge.cdn) {
    for (const region of after.regions)
      note(`CDN ${after.edge.cdn ? 'added' : 'retired'}`, region.region, !after.edge.cdn)
  }

  return [...found.entries()].map(([what, {regions, replaces, split}]) => ({what, regions, replaces, split}))
}
