import {describe, expect, it} from '@jest/globals'

import {commentBody, markdownBlocks, markerLine} from '../../src/render/comment.js'

const fence = (lines: number) =>
  ['```mermaid', ...Array.from({length: lines}, (_, i) => `  n${i} --> n${i + 1}`), '```'].join('\n')
const detailsBlock = (summary: string, body: string) =>
  `<details>\n<summary>${summary}</summary>\n\n${body}\n\n</details>`

/** Every fence opened is closed and every <details> closed, in order. */
function balanced(markdown: string): boolean {
  let inFence = false
  let depth = 0
  for (const line of markdown.split('\n')) {
    if (/^\s*```/.test(line)) inFence = !inFence
    if (inFence) continue
    depth += (line.match(/<details>/g) ?? []).length - (line.match(/<\/details>/g) ?? []).length
    if (depth < 0) return false
  }

  return !inFence && depth === 0
}

describe('commentBody', () => {
  const review = '### scaleplan: stage 4 (cdn) unchanged\n\n| a | b |\n|---|---|\n| 1 | 2 |'

  it('starts with the hidden marker and keeps a short body whole', () => {
    const {body, cut} = commentBody({marker: 'scaleplan-report', review, report: '# report\n\ntext'})
    expect(body.split('\n')[0]).toBe('<!-- scaleplan-report -->')
    expect(cut).toBe(false)
    expect(body).toContain('<details>\n<summary>Capacity report</summary>\n\n# report\n\ntext\n\n</details>')
    expect(body).toContain('This comment is updated in place on every push.')
  })

  it('a marker cannot end the HTML comment it lives in', () => {
    expect(markerLine('a-->b')).toBe('<!-- a- ->b -->')
  })

  it('cuts a long body between blocks, never inside a code fence or <details>, and says where the rest is', () => {
    const report = [
      '# report',
      ...Array.from({length: 40}, (_, i) =>
        [`## section ${i}`, fence(30), detailsBlock(`more ${i}`, fence(10))].join('\n\n'),
      ),
    ].join('\n\n')
    const limit = 20_000
    const {body, cut} = commentBody({marker: 'm', review, report, fullTextUrl: 'https://example.com/run/1'}, limit)
    expect(cut).toBe(true)
    expect(body.length).toBeLessThanOrEqual(limit)
    expect(balanced(body)).toBe(true)
    expect(body).toContain(review)
    expect(body).toContain('the full text is in the [workflow run](https://example.com/run/1)')
    // The report's <details> was cut inside and closed, so the part that fits still shows.
    expect(body).toContain('<summary>Capacity report</summary>\n\n# report')
  })

  it('fits any limit it is given, whatever the blocks', () => {
    const report = Array.from({length: 200}, (_, i) =>
      i % 3 === 0 ? fence(20) : i % 3 === 1 ? detailsBlock('x', 'y '.repeat(300)) : 'para '.repeat(80),
    ).join('\n\n')
    for (const limit of [5_000, 12_345, 65_536]) {
      const {body} = commentBody({marker: 'm', review, report}, limit)
      expect(body.length).toBeLessThanOrEqual(limit)
      expect(balanced(body)).toBe(true)
    }
  })
})

describe('markdownBlocks', () => {
  it('keeps a fence with blank lines inside, and nested <details>, as one block each', () => {
    const text = [
      'para one',
      'line two',
      '',
      '```',
      'a',
      '',
      'b',
      '```',
      '',
      '<details>',
      '<summary>s</summary>',
      '',
      detailsBlock('inner', 'x'),
      '',
      '</details>',
      '',
      'end',
    ].join('\n')
    const blocks = markdownBlocks(text)
    expect(blocks).toHaveLength(4)
    expect(blocks[1]).toBe('```\na\n\nb\n```')
    expect(blocks[2]!.startsWith('<details>') && blocks[2]!.endsWith('</details>')).toBe(true)
  })
})
