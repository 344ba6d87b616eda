import {describe, expect, it} from '@jest/globals'

import {regionDiagrams, renderMermaid} from '../../src/render/mermaid.js'
import {REPORT_SPECS, recommendFor} from './report-specs.js'

/** The diagram of one region of a report spec. */
const diagram = (name: string, region = 'us-east-1') => {
  const topology = recommendFor(REPORT_SPECS[name]!).topology
  return renderMermaid(topology)[topology.regions.findIndex((r) => r.region === region)]!
}

describe('regionDiagrams', () => {
  it('draws one diagram per region, sharing one among regions alike but for their names', () => {
    const diagrams = regionDiagrams(recommendFor(REPORT_SPECS.social!).topology)
    expect(diagrams.map((d) => d.regions)).toEqual([['us-east-1'], ['eu-west-1', 'ap-southeast-1']])
    expect(diagrams).toEqual(regionDiagrams(recommendFor(REPORT_SPECS.social!).topology))
  })

  it('routes the request path: CDN, load balancer, back end, cache first, database on a miss', () => {
    const text = diagram('news')
    expect(text).toContain('us_east_1_users --> us_east_1_cdn')
    expect(text).toContain('us_east_1_cdn -->|"dynamic requests"| us_east_1_lb')
    expect(text).toContain('us_east_1_lb --> us_east_1_app')
    expect(text).toContain('us_east_1_app -->|"reads"| us_east_1_cache')
    expect(text).toContain('us_east_1_app -->|"reads on a miss, writes"| us_east_1_primary')
  })

  it('groups shards and shows replicas of the primary', () => {
    const text = diagram('ledger')
    expect(text).toMatch(/subgraph us_east_1_db\["Database: \d+ shards"\]/)
    expect(text).toContain('us_east_1_primary -.->|"replication"| us_east_1_replicas')
  })

  it("ends a region's ties to others at a node naming the other region", () => {
    const replica = diagram('shop', 'eu-west-1')
    expect(replica).toContain('us_east_1_primary[("Primary database<br/>in us-east-1")]')
    expect(replica).toContain('eu_west_1_app -->|"writes"| us_east_1_primary')
    expect(replica).toContain('us_east_1_primary -.->|"cross-region replication"| eu_west_1_replicas')
    expect(diagram('shop')).toContain('us_east_1_primary -.->|"cross-region replication"| us_east_1_remote_replicas')
  })

  it('routes each service by its path at stage 7, and their data through one group', () => {
    const text = diagram('social')
    expect(text).toContain('us_east_1_lb -->|"/search/*"| us_east_1_svc_search')
    expect(text).toContain('subgraph us_east_1_services["Services"]')
    // Shards for its data carry social's reads: no cache, the group reaches the primaries.
    expect(text).toContain('us_east_1_services -->|"reads, writes"| us_east_1_primary')
    expect(text).not.toContain('_app[')
    // 20M users reading 99:1 from 50 GB: a cache for the reads, which the group reads first.
    const topology = recommendFor({users: '20M', readWrite: '99:1', dataSize: '50GB', services: 'feed,search'}).topology
    const cached = renderMermaid(topology)[0]!
    expect(cached).toContain('us_east_1_services -->|"reads"| us_east_1_cache')
    expect(cached).toContain('us_east_1_services -->|"reads on a miss, writes"| us_east_1_primary')
  })

  it('draws one server at stage 1', () => {
    expect(diagram('blog')).toMatch(/us_east_1_users --> us_east_1_server$/m)
  })
})
