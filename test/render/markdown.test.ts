/**
 * Golden Markdown reports. A change in output fails here; review the new text like a pull
 * request, then accept it with: UPDATE_GOLDEN=1 NODE_OPTIONS=--experimental-vm-modules npx jest test/render
 */
import {describe, expect, it} from '@jest/globals'
import {mkdir, readFile, writeFile} from 'node:fs/promises'

import {renderMarkdown} from '../../src/render/markdown.js'
import {REPORT_SPECS, recommendFor} from './report-specs.js'

const UPDATE = process.env.UPDATE_GOLDEN === '1'

describe('renderMarkdown', () => {
  it.each(Object.keys(REPORT_SPECS))('matches test/golden/report/%s.md', async (name) => {
    const markdown = renderMarkdown(recommendFor(REPORT_SPECS[name]!))
    const path = `test/golden/report/${name}.md`
    if (UPDATE) {
      await mkdir('test/golden/report', {recursive: true})
      await writeFile(path, markdown)
    }

    expect(markdown).toBe(await readFile(path, 'utf8'))
  })

  it('has every section the review needs, in order', () => {
    const markdown = renderMarkdown(recommendFor(REPORT_SPECS.news!))
    const headings = markdown.split('\n').filter((line) => line.startsWith('## '))
    expect(headings.map((h) => h.replace(/:.*/, ''))).toEqual([
      '## Why this stage',
      '## Diagram',
      '## Load',
      '## Components',
      '## Monthly cost',
      '## Cache by the 80/20 rule',
      '## Edge',
      '## Availability',
      '## What triggers the next stage',
      '## Warnings',
      '## Assumptions',
    ])
  })

  it('is byte-identical for the same input', () => {
    const spec = REPORT_SPECS.social!
    expect(renderMarkdown(recommendFor(spec))).toBe(renderMarkdown(recommendFor(spec)))
  })

  it('keeps every table row to its columns even when a cell holds a pipe', () => {
    const rec = recommendFor(REPORT_SPECS.shop!)
    const markdown = renderMarkdown({...rec, next: [{...rec.next[0]!, because: 'a | b'}]})
    expect(markdown).toContain(String.raw`a \| b`)
  })
})
