/**
 * The repository stands on its own: every source a threshold, price or limit cites is a section of
 * docs/sources.md with a public address, and nothing cites files outside the repository (the
 * reference notes and design file the project started from).
 */
import {describe, expect, it} from '@jest/globals'
import {readFileSync, readdirSync, statSync} from 'node:fs'
import {join, relative} from 'node:path'

import {ROOT} from '../helpers/cli.js'

const files = (dir: string): string[] =>
  readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name)
    return statSync(join(ROOT, path)).isDirectory() ? files(path) : [path]
  })

const SOURCES = readFileSync(join(ROOT, 'docs/sources.md'), 'utf8')
/** Section names of docs/sources.md: `### postgresbench`, `### alb-quotas, cloudfront-quotas`. */
const SECTIONS = new Set([...SOURCES.matchAll(/^### (.+)$/gm)].flatMap((m) => m[1]!.split(', ')))
const CHECKED = ['README.md', 'docs', 'src', 'templates', 'test/golden', 'test/fixtures/terraform/terraform']
const text = CHECKED.flatMap((entry) => (statSync(join(ROOT, entry)).isDirectory() ? files(entry) : [entry])).map(
  (file) => ({file: relative(ROOT, join(ROOT, file)), content: readFileSync(join(ROOT, file), 'utf8')}),
)

describe('the repository stands on its own', () => {
  it('cites nothing outside it: no reference notes, design file or section numbers of either', () => {
    const outside = text.flatMap(({file, content}) =>
      [...content.matchAll(/aws-facts|shared\/reference|terraform-cli-contract|DESIGN\.md|§\s?\d/g)].map(
        (m) => `${file}: ${m[0]}`,
      ),
    )
    expect(outside).toEqual([])
  })

  it('every "sources: name" names a section of docs/sources.md', () => {
    const cited = text.flatMap(({file, content}) =>
      [...content.matchAll(/\bsources: ([a-z0-9-]+(?:, [a-z0-9-]+)*)/g)].flatMap((m) =>
        m[1]!.split(', ').map((name) => ({file, name})),
      ),
    )
    expect(cited.length).toBeGreaterThan(30)
    expect(cited.filter(({name}) => !SECTIONS.has(name))).toEqual([])
  })

  it('every section of docs/sources.md gives a public address', () => {
    const sections = SOURCES.split(/^### /m).slice(1)
    for (const section of sections) {
      const title = section.split('\n')[0]
      expect({title, address: /https?:\/\/\S+/.test(section)}).toEqual({title, address: true})
    }
  })
})
