import {describe, expect, it} from '@jest/globals'

import {TOPOLOGY_BOUNDS, topologyExcesses} from '../../src/topology/bounds.js'
import type {Component, Topology} from '../../src/topology/types.js'
import {TOPOLOGY_CASES, loadTopology} from '../infra/helpers/fixtures.js'

/** stage-7-three-regions with every component of `kind` changed by `edit`. */
function edited<K extends Component['kind']>(
  kind: K,
  edit: (component: Extract<Component, {kind: K}>) => Component,
): Topology {
  const topology = loadTopology('stage-7-three-regions')
  return {
    ...topology,
    regions: topology.regions.map((region) => ({
      ...region,
      components: region.components.map((c) => (c.kind === kind ? edit(c as Extract<Component, {kind: K}>) : c)),
    })),
  }
}

describe('topologyExcesses', () => {
  it.each(TOPOLOGY_CASES)('finds the %s fixture within every bound', (name) => {
    expect(topologyExcesses(loadTopology(name))).toEqual([])
  })

  it('counts database instances per region (primaries and replicas of every shard) and in all regions', () => {
    const topology = edited('database', (db) => ({...db, shards: 20, replicasPerShard: db.role === 'primary' ? 9 : 5}))
    // us-east-1: 20 x (1 + 9) = 200, at the bound; each replica region 20 x 5 = 100; 400 in all.
    expect(topologyExcesses(topology)).toEqual([])
    const past = edited('database', (db) => ({...db, shards: 21, replicasPerShard: db.role === 'primary' ? 9 : 15}))
    expect(topologyExcesses(past).map((e) => [e.bound, e.region, e.count])).toEqual([
      ['databaseInstancesPerRegion', 'us-east-1', 210],
      ['databaseInstancesPerRegion', 'eu-west-1', 315],
      ['databaseInstancesPerRegion', 'ap-southeast-1', 315],
    ])
  })

  it('says what is past its bound, by how much, and why the bound is there', () => {
    const [excess] = topologyExcesses(edited('cache', (cache) => ({...cache, shards: 251, replicasPerShard: 1})))
    expect(excess).toMatchObject({bound: 'cacheNodesPerRegion', region: 'us-east-1', count: 502, max: 500})
    expect(excess!.message).toBe(
      'us-east-1 needs 502 cache nodes in one region; scaleplan synthesizes at most 500 ' +
        '(ElastiCache allows at most 500 nodes per cluster, even after a quota increase)',
    )
  })

  it('bounds each service, the services of a region and the deployments of all regions', () => {
    const tasks = topologyExcesses(edited('service', (service) => ({...service, maxTasks: 1001})))
    expect(tasks[0]!.message).toMatch(/^service orders in us-east-1 needs 1,001 tasks/)
    const topology = loadTopology('stage-7-three-regions')
    const many = {
      ...topology,
      regions: topology.regions.map((region) => {
        const service = region.components.find((c) => c.kind === 'service')!
        const services = Array.from({length: 70}, (_, i) => ({...service, name: `svc${i}`, path: `/svc${i}/*`}))
        return {...region, components: [...region.components.filter((c) => c.kind !== 'service'), ...services]}
      }),
    }
    expect(topologyExcesses(many).map((e) => e.bound)).toEqual(['serviceDeployments'])
    expect(TOPOLOGY_BOUNDS.serviceDeployments.max).toBeLessThan(3 * 70)
  })
})
