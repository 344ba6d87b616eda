import {describe, expect, it} from '@jest/globals'

import {parseTopology} from '../../src/topology/schema.js'
import {componentOf, type RegionTopology, type Topology} from '../../src/topology/types.js'
import {TOPOLOGY_CASES, loadTopology} from '../infra/helpers/fixtures.js'

const stage7 = () => structuredClone(loadTopology('stage-7-three-regions'))

/** The problems of the three-region stage-7 fixture changed by `edit`, or [] when it passes. */
function problemsAfter(edit: (topology: Topology) => void): readonly string[] {
  const topology = stage7()
  edit(topology)
  const parsed = parseTopology(topology)
  return parsed.ok ? [] : parsed.problems
}

/** A component as loose JSON, for edits the types rightly forbid. */
const loose = <T extends object>(value: T) => value as Record<string, unknown>
const database = (region: RegionTopology) => componentOf(region, 'database')!
const firstService = (region: RegionTopology) => componentOf(region, 'service')!

describe('the Topology schema', () => {
  it.each(TOPOLOGY_CASES)('accepts the %s fixture as it is', (name) => {
    expect(parseTopology(loadTopology(name)).ok).toBe(true)
  })

  it('names the primary region once: primaryRegion must be one of the regions', () => {
    expect(problemsAfter((t) => (t.primaryRegion = 'sa-east-1'))).toEqual([
      'primaryRegion: "sa-east-1" is not one of the regions (us-east-1, eu-west-1, ap-southeast-1)',
      // The databases still say us-east-1 holds the primaries, so they disagree with it too.
      'regions[0].components[7].role: only the primary region (sa-east-1) holds primary databases; us-east-1 holds replicas',
      // And behind the CDN only the primary region keeps a static site.
      'regions[0].components: a static site in us-east-1: behind the CDN only the primary region (sa-east-1) holds one',
    ])
  })

  it('region order carries no meaning: the primary region may come second', () => {
    const topology = stage7()
    const moved = {...topology, regions: [topology.regions[1]!, topology.regions[0]!, topology.regions[2]!]}
    expect(parseTopology(moved).ok).toBe(true)
  })

  it('a database role that disagrees with primaryRegion is refused', () => {
    expect(
      problemsAfter((t) =>
        Object.assign(database(t.regions[1]!), {role: 'primary', instanceClass: 'db.r7g.large', multiAz: false}),
      ),
    ).toEqual([
      'regions[1].components[6].role: only the primary region (us-east-1) holds primary databases; eu-west-1 holds replicas',
    ])
  })

  it('discriminates the database on role: a replica has no multiAz, and at least one replica', () => {
    const problems = problemsAfter((t) => Object.assign(database(t.regions[1]!), {multiAz: true, replicasPerShard: 0}))
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^regions\[1\]\.components\[6\]\.replicasPerShard: /),
        'regions[1].components[6]: Unrecognized key: "multiAz"',
      ]),
    )
  })

  it('says every unit in the name: a service with a bare cpu, or a CPU Fargate does not offer, is refused', () => {
    const renamed = problemsAfter((t) => {
      const service = loose(firstService(t.regions[0]!))
      delete service.cpuUnits
      service.cpu = 1
    })
    expect(renamed).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^regions\[0\]\.components\[2\]\.cpuUnits: /),
        'regions[0].components[2]: Unrecognized key: "cpu"',
      ]),
    )
    expect(problemsAfter((t) => (loose(firstService(t.regions[0]!)).cpuUnits = 1000))).toEqual([
      expect.stringMatching(/^regions\[0\]\.components\[2\]\.cpuUnits: /),
    ])
  })

  it('holds no display strings: a size label from an older Topology is an unknown key', () => {
    expect(problemsAfter((t) => (loose(t.regions[0]!.components[0]!).size = '3 zones'))).toEqual([
      'regions[0].components[0]: Unrecognized key: "size"',
    ])
  })

  it('reports every problem at once, each with its path', () => {
    const problems = problemsAfter((t) => {
      const [first, second, third] = t.regions as [RegionTopology, RegionTopology, RegionTopology]
      third.region = 'us-east-1'
      first.components = first.components.filter((c) => c.kind !== 'network')
      first.components.push({kind: 'load-balancer'})
      firstService(second).maxTasks = 1
    })
    expect(problems).toEqual([
      'regions[0].components[7]: a second load-balancer',
      'regions[0].components: no network component; every region needs one',
      'regions[1].components[2].maxTasks: 1 is below minTasks 3',
      'regions[2].region: "us-east-1" appears twice',
      expect.stringContaining('regions[2].components[6].role: '),
    ])
  })

  it('refuses what is not a Topology at all, without throwing', () => {
    expect(parseTopology(null)).toEqual({ok: false, problems: [expect.stringMatching(/^\(topology\): /)]})
    expect(parseTopology({...stage7(), regions: []})).toEqual({
      ok: false,
      problems: [expect.stringMatching(/^regions: /)],
    })
  })
})
