/**
 * `recommend` as a person reads it in a real terminal: wrapped to the window, each line
 * continuing under its own text; regions that say the same thing named once; numbers and
 * plurals as people write them; colour at a terminal, and in a pipe only when asked.
 */
import {beforeAll, describe, expect, it} from '@jest/globals'
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {assertBuilt, runInPty, runPiped} from '../helpers/pty.js'

const THREE_REGIONS = [
  'recommend',
  '--users',
  '20M',
  '--regions',
  'us-east-1,eu-west-1,ap-southeast-1',
  '--services',
  'search,payment',
  '--data-size',
  '5TB',
]
const cwd = () => mkdtempSync(join(tmpdir(), 'scaleplan-text-'))
// eslint-disable-next-line no-control-regex -- what a terminal receives for colour
const COLOUR = /\u001B\[\d+(;\d+)*m/
const lines = (text: string) => text.replaceAll('\r', '').split('\n')

beforeAll(assertBuilt)

describe('recommend at an 80-column terminal', () => {
  const result = () => runInPty(THREE_REGIONS, [], {cwd: cwd(), columns: 80})

  it('keeps every line within the window, breaking between words under the line it continues', () => {
    const {output, exitCode, error} = result()
    expect({exitCode, error}).toEqual({exitCode: 0, error: null})
    const text = lines(output)
    expect(text.filter((line) => line.length > 80)).toEqual([])
    // A wrapped reason continues under its text, not at the left edge.
    const at = text.findIndex((line) => line.startsWith('  stage 2  peak'))
    expect(text[at + 1]).toMatch(/^ {11}\S/)
    // No word was cut: every word of the unwrapped text is still whole.
    const piped = runPiped(THREE_REGIONS, {cwd: cwd()}).stdout
    const words = (s: string) => s.split(/\s+/).filter(Boolean)
    expect(words(text.join('\n'))).toEqual(words(piped))
  })

  it('names regions that say the same thing once, instead of one line each', () => {
    const {output} = result()
    const flat = output.replaceAll(/\s+/g, ' ')
    expect(flat).toContain('peak 7,716 req/s in each of us-east-1, eu-west-1 and ap-southeast-1 exceeds the 60 req/s')
    expect(flat.match(/one server carries beside its database/g)).toHaveLength(1)
    expect(flat).toContain('Components in eu-west-1 and ap-southeast-1 (replica regions, 33.3% of users each)')
  })

  it('writes numbers and plurals as people do', () => {
    const output = result().output.replaceAll(/\s+/g, ' ')
    expect(output).not.toMatch(/\(s\)/)
    expect(output).not.toMatch(/\d,\d{3}\.\d{3,}/) // no 3,700.0003
    expect(output).not.toMatch(/\d\.\d+ daily users/) // no 833,333.3 daily users
    expect(output).toMatch(/peak 7,716 req\/s each/)
    expect(output).toContain('cross-region replicas: 1 per shard x 2 shards')
    expect(output).toContain('27 Fargate tasks of 2 vCPU / 8 GiB')
  })

  it('says "just over" where a peak passes a threshold by a hair, not 150.0006', () => {
    // 259,201 users in two regions: 129,600.5 each, at 50 requests a day and x2 at peak, 150.0006 req/s.
    const {output} = runInPty(['recommend', '--users', '259201', '--regions', 'us-east-1,eu-west-1'], [], {cwd: cwd()})
    expect(output.replaceAll(/\s+/g, ' ')).toContain(
      'peak just over 150 req/s in each of us-east-1 and eu-west-1 exceeds the 150 req/s one app server carries',
    )
  })
})

describe('colour', () => {
  const args = ['recommend', '--users', '10k']
  it('is on at a terminal, off with --no-color or NO_COLOR, and FORCE_COLOR=0 turns it off too', () => {
    expect(runInPty(args, [], {cwd: cwd()}).raw).toMatch(COLOUR)
    expect(runInPty([...args, '--no-color'], [], {cwd: cwd()}).raw).not.toMatch(COLOUR)
    expect(runInPty(args, [], {cwd: cwd(), env: {NO_COLOR: '1'}}).raw).not.toMatch(COLOUR)
    expect(runInPty(args, [], {cwd: cwd(), env: {FORCE_COLOR: '0'}}).raw).not.toMatch(COLOUR)
  })

  it('is off in a pipe unless --color or FORCE_COLOR asks for it', () => {
    expect(runPiped(args, {cwd: cwd()}).stdout).not.toMatch(COLOUR)
    expect(runPiped([...args, '--color'], {cwd: cwd()}).stdout).toMatch(COLOUR)
    expect(runPiped(args, {cwd: cwd(), env: {FORCE_COLOR: '1'}}).stdout).toMatch(COLOUR)
    expect(runPiped(args, {cwd: cwd(), env: {FORCE_COLOR: '1', NO_COLOR: '1'}}).stdout).toMatch(COLOUR)
  })
})

describe('in a pipe', () => {
  it('does not wrap (a log or grep wants whole lines), unless COLUMNS says how wide', () => {
    const unwrapped = lines(runPiped(THREE_REGIONS, {cwd: cwd()}).stdout)
    expect(Math.max(...unwrapped.map((line) => line.length))).toBeGreaterThan(100)
    const narrow = lines(runPiped(THREE_REGIONS, {cwd: cwd(), env: {COLUMNS: '60'}}).stdout)
    expect(narrow.filter((line) => line.length > 60)).toEqual([])
  })
})
