/**
 * Renders every report's diagram with the real mermaid library in headless Chromium: a parse or
 * render error fails the test. Needs Debian's chromium at /usr/bin/chromium
 * (`apt-get install -y chromium`); without it this test fails, by design, rather than skip.
 */
import {afterAll, beforeAll, describe, expect, it} from '@jest/globals'
import {existsSync} from 'node:fs'
import {mkdtemp, rm} from 'node:fs/promises'
import {createRequire} from 'node:module'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {chromium, type BrowserContext, type Page} from 'playwright-core'

import {renderMermaid} from '../../src/render/mermaid.js'
import {REPORT_SPECS, recommendFor} from './report-specs.js'

const CHROMIUM = '/usr/bin/chromium'

/** The part of mermaid's browser API these tests call. */
interface MermaidApi {
  initialize(config: {startOnLoad: boolean; securityLevel: string}): void
  parse(text: string): Promise<unknown>
  render(id: string, text: string): Promise<{svg: string}>
}
const MERMAID = join(createRequire(import.meta.url).resolve('mermaid/package.json'), '..', 'dist', 'mermaid.min.js')

let profile: string
let context: BrowserContext
let page: Page

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: install it with "apt-get update && apt-get install -y chromium"`)
  }

  profile = await mkdtemp(join(tmpdir(), 'scaleplan-chromium-'))
  // A persistent context because Chromium's profile directory must be fresh and ours to delete.
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  page = context.pages()[0] ?? (await context.newPage())
  await page.setContent('<!doctype html><html><body></body></html>')
  // No network here: load mermaid's bundle from node_modules.
  await page.addScriptTag({path: MERMAID})
  await page.evaluate(() =>
    (globalThis as unknown as {mermaid: MermaidApi}).mermaid.initialize({startOnLoad: false, securityLevel: 'strict'}),
  )
}, 60_000)

afterAll(async () => {
  await context?.close()
  if (profile) await rm(profile, {recursive: true, force: true})
})

describe('the Mermaid diagram in a real browser', () => {
  it.each(Object.keys(REPORT_SPECS))(
    '%s parses and renders to SVG',
    async (name) => {
      const text = renderMermaid(recommendFor(REPORT_SPECS[name]!).topology)
      type Rendered = {ok: true; nodes: number; clusters: number; svg: string} | {ok: false; error: string}
      const result = await page.evaluate(
        async ({id, text}): Promise<Rendered> => {
          const mermaid = (globalThis as unknown as {mermaid: MermaidApi}).mermaid
          try {
            await mermaid.parse(text)
            const {svg} = await mermaid.render(id, text)
            // The HTML parser, as a page showing the diagram would: labels hold HTML like <br>.
            const host = document.createElement('div')
            host.innerHTML = svg
            const counts = {
              nodes: host.querySelectorAll('g.node').length,
              clusters: host.querySelectorAll('g.cluster').length,
            }
            return {ok: true as const, ...counts, svg: svg as string}
          } catch (error) {
            return {ok: false as const, error: String((error as Error)?.message ?? error)}
          }
        },
        {id: `diagram-${name}`, text},
      )

      expect(result).toMatchObject({ok: true})
      if (!result.ok) return
      expect(result.svg).not.toMatch(/Syntax error/i)
      // Every node and subgraph the text declares is drawn.
      const declaredNodes = text
        .split('\n')
        .filter((line) => /^\s+\w+(\[|\(\(|\{\{)/.test(line) && !/^\s+subgraph /.test(line)).length
      const declaredClusters = text.split('\n').filter((line) => /^\s+subgraph /.test(line)).length
      expect({nodes: result.nodes, clusters: result.clusters}).toEqual({
        nodes: declaredNodes,
        clusters: declaredClusters,
      })
    },
    30_000,
  )

  it('fails on a broken diagram, so the test above can fail', async () => {
    const result = await page.evaluate(async () => {
      try {
        await (globalThis as unknown as {mermaid: MermaidApi}).mermaid.parse('flowchart TB\n  a -->|"x| b[')
        return 'parsed'
      } catch {
        return 'rejected'
      }
    })
    expect(result).toBe('rejected')
  })
})
