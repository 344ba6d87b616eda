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

import {recommend} from '../../src/cost/recommend.js'
import {timeline} from '../../src/forecast/timeline.js'
import {timelineCharts} from '../../src/render/forecast-markdown.js'
import {regionDiagrams} from '../../src/render/mermaid.js'
import {specOf} from '../helpers/spec.js'
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

/** GitHub draws a diagram at the width of the comment or file view: about 880 px. */
const PR_WIDTH = 880
/** The smallest text a reader can take in without zooming, in CSS pixels as drawn. */
const MIN_TEXT_PX = 11

type Rendered =
  | {
      ok: true
      nodes: number
      clusters: number
      svg: string
      /** Width of the drawn SVG in a PR-wide container, and its natural (unscaled) width. */
      drawnWidth: number
      naturalWidth: number
      /** Smallest label height as drawn, and label boxes that overlap another. */
      minTextPx: number
      overlaps: string[]
    }
  | {ok: false; error: string}

/** Renders `text` with mermaid into a container as wide as a pull request, and measures it. */
async function renderAtPrWidth(text: string, id: string): Promise<Rendered> {
  return page.evaluate(
    async ({id, text, width}): Promise<Rendered> => {
      const mermaid = (globalThis as unknown as {mermaid: MermaidApi}).mermaid
      try {
        await mermaid.parse(text)
        const {svg} = await mermaid.render(id, text)
        // As GitHub shows it: the SVG in a box as wide as the comment, scaled down to fit.
        const host = document.createElement('div')
        host.style.width = `${width}px`
        document.body.replaceChildren(host)
        host.innerHTML = svg
        const element = host.querySelector('svg')!
        element.style.maxWidth = '100%'
        element.style.height = 'auto'
        const naturalWidth = element.viewBox.baseVal.width
        const labels = Array.from(
          host.querySelectorAll('g.node .nodeLabel, g.cluster .nodeLabel, .edgeLabel .edgeLabel'),
        )
          .filter((label) => (label.textContent ?? '').trim() !== '')
          .map((label) => ({text: (label.textContent ?? '').trim(), box: label.getBoundingClientRect(), label}))
        // Text as drawn: its font size, times the scale the container forces on the SVG.
        const scale = element.getBoundingClientRect().width / naturalWidth
        const fontPx = labels.map(({label}) => parseFloat(getComputedStyle(label).fontSize) * scale)
        const overlaps: string[] = []
        for (let i = 0; i < labels.length; i++) {
          for (let j = i + 1; j < labels.length; j++) {
            const [a, b] = [labels[i]!.box, labels[j]!.box]
            const overlap =
              Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 &&
              Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1
            if (overlap) overlaps.push(`"${labels[i]!.text}" / "${labels[j]!.text}"`)
          }
        }

        return {
          ok: true as const,
          nodes: host.querySelectorAll('g.node').length,
          clusters: host.querySelectorAll('g.cluster').length,
          svg: svg as string,
          drawnWidth: element.getBoundingClientRect().width,
          naturalWidth,
          minTextPx: Math.min(...fontPx),
          overlaps,
        }
      } catch (error) {
        return {ok: false as const, error: String((error as Error)?.message ?? error)}
      }
    },
    {id, text, width: PR_WIDTH},
  )
}

const diagrams = Object.keys(REPORT_SPECS).flatMap((name) =>
  regionDiagrams(recommendFor(REPORT_SPECS[name]!).topology).map(
    (diagram) => [`${name}: ${diagram.regions.join(', ')}`, diagram.text] as const,
  ),
)

describe('the Mermaid diagrams in a real browser, at pull-request width', () => {
  it.each(diagrams)(
    '%s parses, renders, and reads at 880 px: text at least 11 px tall, no label over another',
    async (name, text) => {
      const result = await renderAtPrWidth(text, `diagram-${name.replaceAll(/\W/g, '-')}`)
      expect(result).toMatchObject({ok: true})
      if (!result.ok) return
      expect(result.svg).not.toMatch(/Syntax error/i)
      // Every node and subgraph the text declares is drawn.
      const declaredNodes = text
        .split('\n')
        .filter((line) => /^\s+\w+(\[|\(\(|\{\{|\(\[)/.test(line) && !/^\s+subgraph /.test(line)).length
      const declaredClusters = text.split('\n').filter((line) => /^\s+subgraph /.test(line)).length
      expect({nodes: result.nodes, clusters: result.clusters}).toEqual({
        nodes: declaredNodes,
        clusters: declaredClusters,
      })
      expect(result.drawnWidth).toBeLessThanOrEqual(PR_WIDTH)
      expect({name, minTextPx: result.minTextPx >= MIN_TEXT_PX}).toEqual({name, minTextPx: true})
      expect(result.overlaps).toEqual([])
    },
    30_000,
  )

  it('draws the timeline charts: a line through every month, within pull-request width', async () => {
    const growing = timeline(specOf({users: '200k', growth: '8%/month', dataGrowth: '50GB/month'}), recommend)
    for (const [index, chart] of timelineCharts(growing).entries()) {
      const result = await renderAtPrWidth(chart, `timeline-${index}`)
      expect(result).toMatchObject({ok: true})
      if (!result.ok) continue
      expect(result.svg).not.toMatch(/Syntax error/i)
      // One segment from each month to the next.
      const line = /class="line-plot-0"><path d="(M[^"]*)"/.exec(result.svg)?.[1] ?? ''
      expect(line.split('L')).toHaveLength(growing.months.length)
      expect(result.drawnWidth).toBeLessThanOrEqual(PR_WIDTH)
    }
  }, 60_000)

  it('fails on a diagram too wide for a pull request, so the check above can fail', async () => {
    // Twelve boxes in a row: the layout one diagram for three regions side by side amounted to.
    const wide = [
      'flowchart LR',
      ...Array.from({length: 12}, (_, i) => `  n${i}["Load balancer<br/>ALB, 3 zones ${i}"]`),
    ]
    wide.push(...Array.from({length: 11}, (_, i) => `  n${i} --> n${i + 1}`))
    const result = await renderAtPrWidth(wide.join('\n'), 'too-wide')
    expect(result).toMatchObject({ok: true})
    if (result.ok) expect(result.minTextPx).toBeLessThan(MIN_TEXT_PX)
  })

  it('fails on a broken diagram, so the parse check can fail', async () => {
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
