/**
 * Every synth spec case (test/fixtures/specs/synth/) through the planner and synthesis, as
 * `scaleplan synth --spec` runs them: each lands on its stage, and each region's stack holds
 * exactly what the planned Topology says, count for count and size for size. Three of the cases
 * are also whole-output goldens (golden.test.ts); the rest are judged only here, so a change
 * to, say, the network's route tables rewrites three golden files, not eight.
 */
import {afterAll, beforeAll, describe, expect, it} from '@jest/globals'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import {loadSpecFile} from '../../src/cli/load-spec.js'
import {recommend, type Recommendation} from '../../src/cost/recommend.js'
import {unitCount} from '../../src/topology/derived.js'
import {
  componentOf,
  componentsOf,
  isPrimaryRegion,
  type RegionTopology,
  type Topology,
} from '../../src/topology/types.js'
import {resourcesOf, synthToTemp, type SynthOutput, type TerraformJson} from './helpers/synth-output.js'

const SPECS = fileURLToPath(new URL('../fixtures/specs/synth/', import.meta.url))

/** Each case and the stage its spec must land on, so a planner change that moves it says so plainly. */
export const SPEC_CASES = [
  {name: 'stage-1', stage: 1},
  {name: 'stage-2', stage: 2},
  {name: 'stage-3', stage: 3},
  {name: 'stage-4', stage: 4},
  {name: 'stage-5', stage: 5},
  {name: 'stage-6', stage: 6},
  {name: 'stage-7', stage: 7},
  {name: 'stage-7-three-regions', stage: 7},
] as const

const planned = new Map<string, {recommendation: Recommendation; output: SynthOutput}>()

// Eight syntheses, a second or two each on a loaded machine: far more than jest's 5 s default.
beforeAll(async () => {
  for (const {name} of SPEC_CASES) {
    // Spec file only: SCALEPLAN_* variables of the developer's shell must not change the case.
    const recommendation = recommend(await loadSpecFile(path.join(SPECS, `${name}.yaml`), name))
    planned.set(name, {recommendation, output: await synthToTemp(recommendation.topology)})
  }
}, 120_000)
afterAll(() => {
  for (const {output} of planned.values()) output.dispose()
})

const all = (stack: TerraformJson, type: string) => Object.values(resourcesOf(stack, type))

/** What the stack of one region must hold, read off the region's components. */
function expectStackMatches(stack: TerraformJson, region: RegionTopology, topology: Topology): void {
  const network = componentOf(region, 'network')!
  // Private subnets hold the app and data tiers: none at stage 1, where the server is all there is.
  const tiers = componentOf(region, 'server') ? 1 : 2
  expect(all(stack, 'aws_subnet')).toHaveLength(tiers * region.zones)
  expect(all(stack, 'aws_nat_gateway')).toHaveLength(network.natGateways)

  const server = componentOf(region, 'server')
  const app = componentOf(region, 'app-servers')
  const instances = all(stack, 'aws_instance')
  const groups = all(stack, 'aws_autoscaling_group')
  if (server) {
    expect(instances).toEqual([
      expect.objectContaining({
        instance_type: server.instanceType,
        root_block_device: expect.objectContaining({volume_size: server.volumeGiB}),
      }),
    ])
  } else if (app && app.maxCount === 1) {
    expect(instances).toEqual([
      expect.objectContaining({
        instance_type: app.instanceType,
        root_block_device: expect.objectContaining({volume_size: app.volumeGiB}),
      }),
    ])
  } else {
    expect(instances).toEqual([])
  }

  if (app && app.maxCount > 1) {
    expect(groups).toEqual([expect.objectContaining({min_size: app.minCount, max_size: app.maxCount})])
    const [template] = all(stack, 'aws_launch_template')
    expect(template).toMatchObject({instance_type: app.instanceType})
    expect(template!.block_device_mappings).toEqual([
      expect.objectContaining({ebs: expect.objectContaining({volume_size: app.volumeGiB})}),
    ])
  } else {
    expect(groups).toEqual([])
  }

  expect(all(stack, 'aws_lb')).toHaveLength(componentOf(region, 'load-balancer') ? 1 : 0)
  // The project's one distribution lives in the primary region's stack, with its log bucket.
  const edge = topology.edge.cdn && isPrimaryRegion(topology, region)
  expect(all(stack, 'aws_cloudfront_distribution')).toHaveLength(edge ? 1 : 0)
  const buckets = Object.keys(resourcesOf(stack, 'aws_s3_bucket')).sort()
  expect(buckets).toEqual([
    ...(edge ? ['EdgeLogs_Bucket'] : []),
    'Logs_Bucket',
    ...(componentOf(region, 'static-site') ? ['StaticSite_Bucket'] : []),
  ])

  const cache = componentOf(region, 'cache')
  const replicationGroups = all(stack, 'aws_elasticache_replication_group')
  if (cache) {
    const [group] = replicationGroups
    expect(group).toMatchObject({node_type: cache.nodeType, engine: cache.engine})
    // One shard is written as a node count, more as node groups; either way, the Topology's nodes.
    const nodes =
      group!.num_cache_clusters ?? Number(group!.num_node_groups) * (1 + Number(group!.replicas_per_node_group))
    expect(nodes).toBe(unitCount(cache))
  } else {
    expect(replicationGroups).toEqual([])
  }

  const db = componentOf(region, 'database')
  const databases = all(stack, 'aws_db_instance')
  if (db) {
    expect(databases).toHaveLength(unitCount(db))
    const primaries = databases.filter((instance) => instance.replicate_source_db === undefined)
    const replicas = databases.filter((instance) => instance.replicate_source_db !== undefined)
    expect(replicas.map((r) => r.instance_class)).toEqual(replicas.map(() => db.replicaInstanceClass))
    if (db.role === 'primary') {
      expect(primaries).toHaveLength(db.shards)
      for (const primary of primaries) {
        expect(primary).toMatchObject({
          instance_class: db.instanceClass,
          allocated_storage: db.storageGiB,
          multi_az: db.multiAz,
        })
      }
    } else {
      expect(primaries).toEqual([])
    }
  } else {
    expect(databases).toEqual([])
  }

  // Terraform JSON lists resources by name, so both sides go in name order.
  const services = componentsOf(region, 'service').sort((a, b) => a.name.localeCompare(b.name))
  expect(all(stack, 'aws_ecs_service').map((s) => s.name)).toEqual(services.map((s) => s.name))
  expect(all(stack, 'aws_ecs_task_definition').map((t) => [t.family, t.cpu, t.memory])).toEqual(
    services.map((s) => [expect.stringMatching(new RegExp(`-${s.name}$`)), String(s.cpuUnits), String(s.memoryMiB)]),
  )
}

describe.each(SPEC_CASES)('spec $name', ({name, stage}) => {
  it(`lands on stage ${stage}`, () => {
    expect(planned.get(name)!.recommendation.stage.number).toBe(stage)
  })

  it('synthesizes one stack per region holding exactly the planned components', () => {
    const {recommendation, output} = planned.get(name)!
    const {topology} = recommendation
    expect([...output.stackText.keys()]).toEqual(topology.regions.map((r) => `${topology.name}-${r.region}`))
    for (const region of topology.regions) {
      const stack = JSON.parse(output.stackText.get(`${topology.name}-${region.region}`)!) as TerraformJson
      expectStackMatches(stack, region, topology)
    }
  })
})
