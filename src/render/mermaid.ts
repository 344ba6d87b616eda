/**
 * The Topology as Mermaid flowcharts, one per region: the region's users at the top, then its
 * edge (the project's CDN, static site), load balancer, app servers or services, cache and databases, and the
 * request flow between them (cache first, database on a miss, writes to the primary region).
 *
 * One diagram per region, not one for all: GitHub draws a diagram at the width of the comment
 * (about 880 px), and three regions side by side scale their text down to a few pixels. A
 * region's ties to others (writes to the primary region, cross-region replication) end at a node
 * that names the other region. Whatever sits in front of every region (a global CDN) can become
 * a diagram of its own without changing these.
 *
 * Node ids derive from region, component kind and service name only, so the same topology
 * always gives the same text and a pull-request diff of a report shows real changes.
 */
import {plural} from '../format/words.js'
import {sizeLabel} from '../topology/derived.js'
import {
  componentOf,
  componentsOf,
  isPrimaryRegion,
  type DatabaseComponent,
  type RegionTopology,
  type Topology,
} from '../topology/types.js'

export interface RegionDiagram {
  /** The regions this diagram shows: one, or several whose diagrams are the same but for their names. */
  readonly regions: readonly string[]
  /** Mermaid flowchart text. */
  readonly text: string
}

/** One diagram per region; regions whose diagrams are alike (replica regions, mostly) share one. */
export function regionDiagrams(topology: Topology): RegionDiagram[] {
  const diagrams: {regions: string[]; text: string; key: string}[] = []
  for (const region of topology.regions) {
    const text = renderRegion(topology, region)
    const key = text.replaceAll(slug(region.region), '\u0000').replaceAll(region.region, '\u0000')
    const same = diagrams.find((d) => d.key === key)
    if (same) same.regions.push(region.region)
    else diagrams.push({regions: [region.region], text, key})
  }

  return diagrams.map(({regions, text}) => ({regions, text}))
}

/** Every region's diagram, in region order: for tests and tools that want them all. */
export function renderMermaid(topology: Topology): string[] {
  return topology.regions.map((region) => renderRegion(topology, region))
}

type Shape = 'box' | 'cylinder' | 'hexagon' | 'stadium'

function renderRegion(topology: Topology, region: RegionTopology): string {
  const nodes: string[] = []
  const edges: string[] = []
  const r = slug(region.region)
  const id = (part: string) => `${r}_${part}`
  const edge = (from: string, to: string, label?: string, dotted = false) =>
    edges.push(`  ${from} ${dotted ? '-.->' : '-->'}${label ? `|"${escape(label)}"|` : ''} ${to}`)
  const node = (nodeId: string, label: string, shape: Shape = 'box', indent = '  ') => {
    const [open, close] = {box: ['[', ']'], cylinder: ['[(', ')]'], hexagon: ['{{', '}}'], stadium: ['([', '])']}[shape]
    nodes.push(`${indent}${nodeId}${open}"${escape(label)}"${close}`)
    return nodeId
  }

  const users = node(
    id('users'),
    `Users in ${region.region}<br/>${formatShare(region.userShare)} of traffic`,
    'stadium',
  )
  const server = componentOf(region, 'server')
  if (server) {
    edge(users, node(id('server'), `Server<br/>${server.instanceType}<br/>app and database, ${server.volumeGiB} GiB`))
    return ['flowchart TB', ...nodes, ...edges].join('\n')
  }

  const site = componentOf(region, 'static-site')
  const lb = componentOf(region, 'load-balancer')
  const app = componentOf(region, 'app-servers')
  const services = componentsOf(region, 'service')
  const cache = componentOf(region, 'cache')
  const db = componentOf(region, 'database')

  // The project's one distribution, drawn in front of each region it serves; behind it the
  // static files come from the primary region's bucket.
  const cdnId = topology.edge.cdn ? node(id('cdn'), 'CDN<br/>CloudFront, one for the project') : undefined
  const siteId = site
    ? node(id('static'), `Static site<br/>${sizeLabel(site, region)}`)
    : cdnId
      ? node(id('static'), `Static site<br/>S3 in ${topology.primaryRegion}`)
      : undefined
  const lbId = lb ? node(id('lb'), `Load balancer<br/>${sizeLabel(lb, region)}, ${region.zones} zones`) : undefined
  const backends: {id: string; path?: string}[] = []
  if (app) {
    const scaling = app.maxCount > app.minCount ? `<br/>auto scaling ${app.minCount}-${app.maxCount}` : ''
    backends.push({id: node(id('app'), `App servers<br/>${app.minCount} x ${app.instanceType}${scaling}`)})
  }

  // Several services share their way to the data: one group, one edge to each store, so that a
  // dozen labelled edges do not cross (and their labels land on each other).
  const grouped = services.length > 1
  if (grouped) nodes.push(`  subgraph ${id('services')}["Services"]`)
  for (const service of services) {
    backends.push({
      id: node(
        id(`svc_${slug(service.name)}`),
        `Service ${service.name}<br/>${service.minTasks}-${service.maxTasks} tasks<br/>${sizeLabel(service, region)}`,
        'box',
        grouped ? '    ' : '  ',
      ),
      path: service.path,
    })
  }

  if (grouped) nodes.push('  end')

  const cacheId = cache
    ? node(
        id('cache'),
        `Cache, ${cache.engine}<br/>${plural(cache.shards, 'shard')} x ${cache.nodeType}<br/>+ ${plural(cache.replicasPerShard, 'replica')} each`,
        'hexagon',
      )
    : undefined
  const {primaryId, replicasId} = db ? databaseNodes(db, id, node, nodes) : {}

  // The other regions this one talks to: its writes and replication source, or its replicas.
  const primaryRegion = topology.primaryRegion
  const remotePrimary =
    db?.role === 'replica'
      ? node(`${slug(primaryRegion)}_primary`, `Primary database<br/>in ${primaryRegion}`, 'cylinder')
      : undefined
  const replicaRegions = isPrimaryRegion(topology, region)
    ? topology.regions.filter((other) => componentOf(other, 'database')?.role === 'replica').map((o) => o.region)
    : []
  const remoteReplicas =
    replicaRegions.length > 0
      ? node(id('remote_replicas'), `Cross-region replicas<br/>in ${replicaRegions.join(', ')}`, 'cylinder')
      : undefined

  // The request path: static files from the CDN or S3, dynamic requests to the back ends.
  const entry = cdnId ?? lbId ?? backends[0]?.id
  if (entry) edge(users, entry)
  if (siteId) edge(cdnId ?? users, siteId, 'static files')
  if (cdnId && lbId) edge(cdnId, lbId, 'dynamic requests')
  const writeTo = remotePrimary ?? primaryId
  for (const backend of backends) {
    if (lbId) edge(lbId, backend.id, backend.path)
    else if (cdnId && backend.id !== entry) edge(cdnId, backend.id)
  }

  const callers = grouped ? [id('services')] : backends.map((backend) => backend.id)
  for (const caller of callers) {
    const miss = cacheId ? ' on a miss' : ''
    if (cacheId) edge(caller, cacheId, 'reads')
    if (replicasId) {
      edge(caller, replicasId, `reads${miss}`)
      if (writeTo) edge(caller, writeTo, 'writes')
    } else if (writeTo) {
      edge(caller, writeTo, `reads${miss}, writes`)
    }
  }

  if (primaryId && replicasId) edge(primaryId, replicasId, 'replication', true)
  if (remotePrimary && replicasId) edge(remotePrimary, replicasId, 'cross-region replication', true)
  if (primaryId && remoteReplicas) edge(primaryId, remoteReplicas, 'cross-region replication', true)
  return ['flowchart TB', ...nodes, ...edges].join('\n')
}

/** Primary and replicas; shards get a group of their own so the count is visible at a glance. */
function databaseNodes(
  db: DatabaseComponent,
  id: (part: string) => string,
  node: (nodeId: string, label: string, shape?: Shape, indent?: string) => string,
  nodes: string[],
): {primaryId?: string; replicasId?: string} {
  const sharded = db.shards > 1
  const indent = sharded ? '    ' : '  '
  if (sharded) nodes.push(`  subgraph ${id('db')}["${escape(`Database: ${db.shards} shards`)}"]`)
  const perShard = sharded ? ' per shard' : ''
  const primaryId =
    db.role === 'primary'
      ? node(
          id('primary'),
          `Primary${sharded ? ` x ${db.shards}` : ''}<br/>${db.engine} ${db.instanceClass}${db.multiAz ? '<br/>Multi-AZ' : ''}`,
          'cylinder',
          indent,
        )
      : undefined
  const replicasId =
    db.replicasPerShard > 0
      ? node(
          id('replicas'),
          `${db.role === 'replica' ? 'Cross-region replicas' : 'Read replicas'}<br/>` +
            `${db.replicasPerShard}${perShard} x ${db.replicaInstanceClass}`,
          'cylinder',
          indent,
        )
      : undefined
  if (sharded) nodes.push('  end')
  return {...(primaryId ? {primaryId} : {}), ...(replicasId ? {replicasId} : {})}
}

/** `us-east-1` -> `us_east_1`: Mermaid ids are safest as plain word characters. */
function slug(text: string): string {
  return text.replaceAll(/[^A-Za-z0-9]/g, '_')
}

/**
 * Mermaid labels are double-quoted strings: a quote would end one, and `<`, `>` and `&` would be
 * read as HTML in a label that holds text from the spec (a service name). `<br/>` is ours.
 */
function escape(label: string): string {
  return label
    .replaceAll('"', '#quot;')
    .replaceAll(/<(?!br\/>)/g, '#lt;')
    .replaceAll(/(?<!<br\/)>/g, '#gt;')
}

function formatShare(share: number): string {
  return `${Math.round(share * 1000) / 10}%`
}
