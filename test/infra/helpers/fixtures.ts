import {readFileSync} from 'node:fs'
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

export function loadTopology(name: TopologyCase): Topology {
  return JSON.parse(readFileSync(new URL(`${name}.json`, FIXTURES), 'utf8')) as Topology
}
