/**
 * The Topology as a Mermaid flowchart: users at the top, each region a subgraph with its CDN,
 * static site, load balancer, app servers or services, cache and databases, and the request
 * flow between them (cache first, database on a miss, writes to the primary region).
 *
 * Node ids derive from region, component kind and service name only, so the same topology
 * always gives the same text and a pull-request diff of a report shows real changes.
 */
import {sizeLabel} from '../topology/derived.js'
import {componentOf, componentsOf, isPrimaryRegion, type DatabaseComponent, type Topology} from '../topology/types.js'

export function renderMermaid(topology: Topology): string {
  const nodes: string[] = []
  const edges: string[] = []
  const edge = (from: string, to: string, label?: string, dotted = false) =>
    edges.push(`  ${from} ${dotted ? '-.->' : '-->'}${label ? `|"${escape(label)}"|` : ''} ${to}`)

  nodes.push('  users(("Users"))')
  const primaryDbId = `${slug(topology.primaryRegion)}_primary`

  for (const region of topology.regions) {
    const r = slug(region.region)
    const id = (part: string) => `${r}_${part}`
    const role = isPrimaryRegion(topology, region) ? 'primary region' : 'replica region'
    const title = `${region.region}: ${role}, ${formatShare(region.userShare)} of users, ${region.zones} zones`
    nodes.push(`  subgraph ${r}["${escape(title)}"]`)
    nodes.push('    direction TB')
    const node = (part: string, label: string, shape: 'box' | 'cylinder' | 'hexagon' = 'box', indent = '    ') => {
      const [open, close] = shape === 'cylinder' ? ['[(', ')]'] : shape === 'hexagon' ? ['{{', '}}'] : ['[', ']']
      nodes.push(`${indent}${id(part)}${open}"${escape(label)}"${close}`)
      return id(part)
    }

    const server = componentOf(region, 'server')
    if (server) {
      const serverId = node('server', `Server<br/>${server.instanceType}: app and database, ${server.volumeGiB} GiB`)
      nodes.push('  end')
      edge('users', serverId)
      continue
    }

    const cdn = componentOf(region, 'cdn')
    const site = componentOf(region, 'static-site')
    const lb = componentOf(region, 'load-balancer')
    const app = componentOf(region, 'app-servers')
    const services = componentsOf(region, 'service')
    const cache = componentOf(region, 'cache')
    const db = componentOf(region, 'database')

    const cdnId = cdn ? node('cdn', `CDN<br/>${sizeLabel(cdn, region)}`) : undefined
    const siteId = site ? node('static', `Static site<br/>${sizeLabel(site, region)}`) : undefined
    const lbId = lb ? node('lb', `Load balancer<br/>${sizeLabel(lb, region)}`) : undefined
    const backends: string[] = []
    if (app) {
      const scaling = app.maxCount > app.minCount ? `, auto scaling ${app.minCount}-${app.maxCount}` : ''
      backends.push(node('app', `App servers<br/>${app.minCount} x ${app.instanceType}${scaling}`))
    }

    for (const service of services) {
      backends.push(
        node(
          `svc_${slug(service.name)}`,
          `Service ${service.name}<br/>${service.minTasks}-${service.maxTasks} tasks of ${sizeLabel(service, region)}`,
        ),
      )
    }

    const cacheId = cache
      ? node(
          'cache',
          `Cache<br/>${cache.engine}, ${cache.shards} shard(s) x ${cache.nodeType} + ${cache.replicasPerShard} replica`,
          'hexagon',
        )
      : undefined
    const {primaryId, replicasId} = db
      ? databaseNodes(db, node, id, nodes)
      : {primaryId: undefined, replicasId: undefined}
    nodes.push('  end')

    // The request path: static files from the CDN or S3, dynamic requests to the back ends.
    const entry = cdnId ?? lbId ?? backends[0]
    if (entry) edge('users', entry)
    if (siteId) edge(cdnId ?? 'users', siteId, 'static files')
    if (cdnId && lbId) edge(cdnId, lbId, 'dynamic requests')
    for (const backend of backends) {
      const routed = services.find((service) => id(`svc_${slug(service.name)}`) === backend)
      if (lbId) edge(lbId, backend, routed?.path)
      else if (cdnId && backend !== entry) edge(cdnId, backend)
      const miss = cacheId ? ' on a miss' : ''
      if (cacheId) edge(backend, cacheId, 'reads')
      const writeTo = db?.role === 'replica' ? primaryDbId : primaryId
      if (replicasId) {
        edge(backend, replicasId, `reads${miss}`)
        if (writeTo) edge(backend, writeTo, 'writes')
      } else if (writeTo) {
        edge(backend, writeTo, `reads${miss}, writes`)
      }
    }

    if (primaryId && replicasId) edge(primaryId, replicasId, 'replication', true)
    if (db?.role === 'replica' && replicasId) edge(primaryDbId, replicasId, 'cross-region replication', true)
  }

  return ['flowchart TB', ...nodes, ...edges].join('\n')
}

type NodeFn = (part: string, label: string, shape?: 'box' | 'cylinder' | 'hexagon', indent?: string) => string

/** Primary and replicas; shards get their own nested group so the count is visible at a glance. */
function databaseNodes(
  db: DatabaseComponent,
  node: NodeFn,
  id: (part: string) => string,
  nodes: string[],
): {primaryId: string | undefined; replicasId: string | undefined} {
  const sharded = db.shards > 1
  const indent = sharded ? '      ' : '    '
  if (sharded) nodes.push(`    subgraph ${id('db')}["${escape(`Database: ${db.shards} shards`)}"]`)
  const perShard = sharded ? ' per shard' : ''
  const primaryId =
    db.role === 'primary'
      ? node(
          'primary',
          `Primary${sharded ? ` x ${db.shards}` : ''}<br/>${db.engine} ${db.instanceClass}${db.multiAz ? ', Multi-AZ' : ''}`,
          'cylinder',
          indent,
        )
      : undefined
  const replicasId =
    db.replicasPerShard > 0
      ? node(
          'replicas',
          `${db.role === 'replica' ? 'Cross-region replicas' : 'Read replicas'}<br/>` +
            `${db.replicasPerShard}${perShard} x ${db.replicaInstanceClass}`,
          'cylinder',
          indent,
        )
      : undefined
  if (sharded) nodes.push('    end')
  return {primaryId, replicasId}
}

/** `us-east-1` -> `us_east_1`: Mermaid ids are safest as plain word characters. */
function slug(text: string): string {
  return text.replaceAll(/[^A-Za-z0-9]/g, '_')
}

/** Mermaid labels are double-quoted strings; a quote inside one ends it. */
function escape(label: string): string {
  return label.replaceAll('"', '#quot;')
}

function formatShare(share: number): string {
  return `${Math.round(share * 1000) / 10}%`
}
