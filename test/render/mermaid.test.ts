import {describe, expect, it} from '@jest/globals'

import {renderMermaid} from '../../src/render/mermaid.js'
import {REPORT_SPECS, recommendFor} from './report-specs.js'

const diagram = (name: string) => renderMermaid(recommendFor(REPORT_SPECS[name]!).topology)

describe('renderMermaid', () => {
  it('draws each region as a subgraph with deterministic ids', () => {
    const text = diagram('social')
    for (const region of ['us_east_1', 'eu_west_1', 'ap_southeast_1']) {
      expect(text).toMatch(new RegExp(`^  subgraph ${region}\\["`, 'm'))
    }

    expect(text).toBe(diagram('social'))
  })

  it('routes the request path: CDN, load balancer, back end, cache first, database on a miss', () => {
    const text = diagram('news')
    expect(text).toContain('users --> us_east_1_cdn')
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

  it("sends replica regions' writes to the primary region, and replicates across regions", () => {
    const text = diagram('shop')
    expect(text).toContain('eu_west_1_app -->|"writes"| us_east_1_primary')
    expect(text).toContain('us_east_1_primary -.->|"cross-region replication"| eu_west_1_replicas')
  })

  it('routes each service by its path at stage 7', () => {
    const text = diagram('social')
    expect(text).toContain('us_east_1_lb -->|"/search/*"| us_east_1_svc_search')
    expect(text).not.toContain('_app[')
  })

  it('draws one server at stage 1', () => {
    expect(diagram('blog')).toMatch(/users --> us_east_1_server$/m)
  })
})
