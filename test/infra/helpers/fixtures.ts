import {readFileSync} from 'node:fs'

import {parseTopology} from '../../../src/topology/schema.js'
import type {Topology} from '../../../src/topology/types.js'

/** Hand-written Topologies, one per stage plus a three-region stage 7 (until the planner produces them). */
export const TOPOLOGY_CASES = [
  'stage-1',
  'stage-2',
  'stage-3',
  'stage-4',
  'stage-5',
  'stage-6',
  'stage-7',
  'stage-7-three-regions',
] as const

export type TopologyCase = (typeof TOPOLOGY_CASES)[number]

const FIXTURES = new URL('../../fixtures/topologies/', import.meta.url)

/** A fixture, checked against the Topology schema like any Topology from outside. */
export function loadTopology(name: TopologyCase): Topology {
  const parsed = parseTopology(JSON.parse(readFileSync(new URL(`${name}.json`, FIXTURES), 'utf8')))
  if (!parsed.ok) throw new Error(`test/fixtures/topologies/${name}.json:\n  ${parsed.problems.join('\n  ')}`)
  return parsed.topology
}
