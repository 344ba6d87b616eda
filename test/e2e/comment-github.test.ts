/**
 * `scaleplan comment github` against a small stand-in of GitHub's REST API on 127.0.0.1 (the
 * three endpoints it uses, with paging as GitHub pages): one comment per pull request, found again
 * by its marker and updated in place, left alone when nothing changed, and errors in scaleplan's words.
 */
import {afterAll, beforeAll, describe, expect, it} from '@jest/globals'
import {spawn} from 'node:child_process'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {BIN} from '../helpers/cli.js'
import {assertBuilt} from '../helpers/pty.js'

interface Comment {
  id: number
  body: string
  html_url: string
}

const comments: Comment[] = []
const requests: string[] = []
let refuse: number | undefined
let server: Server
let api: string

beforeAll(async () => {
  assertBuilt()
  server = createServer((request, response) => {
    let text = ''
    request.on('data', (chunk: Buffer) => (text += chunk.toString()))
    request.on('end', () => {
      const url = new URL(request.url!, 'http://localhost')
      requests.push(`${request.method} ${url.pathname}${url.search}`)
      const reply = (status: number, body: unknown) => {
        response.writeHead(status, {'content-type': 'application/json'})
        response.end(JSON.stringify(body))
      }

      if (request.headers.authorization !== 'Bearer t0ken') return reply(401, {message: 'Bad credentials'})
      if (refuse) return reply(refuse, {message: 'Resource not accessible by integration'})
      const list = /^\/repos\/octo\/shop\/issues\/7\/comments$/.exec(url.pathname)
      if (list && request.method === 'GET') {
        const [page, size] = [Number(url.searchParams.get('page') ?? 1), Number(url.searchParams.get('per_page') ?? 30)]
        return reply(200, comments.slice((page - 1) * size, page * size))
      }

      if (list && request.method === 'POST') {
        const id = 1000 + comments.length
        const comment = {
          id,
          body: JSON.parse(text).body,
          html_url: `https://github.example/octo/shop/pull/7#issuecomment-${id}`,
        }
        comments.push(comment)
        return reply(201, comment)
      }

      const one = /^\/repos\/octo\/shop\/issues\/comments\/(\d+)$/.exec(url.pathname)
      const comment = one && comments.find((c) => c.id === Number(one[1]))
      if (comment && request.method === 'PATCH') {
        comment.body = JSON.parse(text).body
        return reply(200, comment)
      }

      return reply(404, {message: 'Not Found'})
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

/** The built CLI, asynchronously: the stand-in API answers from this process. */
function comment(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [BIN, 'comment', 'github', ...args], {
    env: {PATH: process.env.PATH!, GITHUB_TOKEN: 't0ken', GITHUB_REPOSITORY: 'octo/shop', GITHUB_API_URL: api, ...env},
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let [stdout, stderr] = ['', '']
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  return new Promise<{status: number | null; stdout: string; stderr: string}>((resolve) =>
    child.on('close', (status) => resolve({status, stdout, stderr})),
  )
}

describe('scaleplan comment github', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scaleplan-comment-'))
  const review = join(dir, 'diff.md')
  const event = join(dir, 'event.json')
  writeFileSync(event, JSON.stringify({pull_request: {number: 7}}))

  it('creates the comment once, past a first page of other comments', async () => {
    for (let i = 0; i < 120; i++) comments.push({id: i, body: `someone else ${i}`, html_url: ''})
    writeFileSync(review, '### scaleplan: stage 4 (cdn) unchanged\n')
    const result = await comment(['--body-file', review, '--json'], {GITHUB_EVENT_PATH: event})
    expect(result.status).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({action: 'created', cut: false})
    expect(comments.filter((c) => c.body.startsWith('<!-- scaleplan-report -->'))).toHaveLength(1)
  })

  it('updates that same comment on the next push (found on page 2), and leaves it alone when nothing changed', async () => {
    writeFileSync(review, '### scaleplan: stage 4 (cdn) → **5 (cache)**\n')
    const updated = await comment(['--body-file', review, '--pr', '7', '--json'])
    expect(JSON.parse(updated.stdout)).toMatchObject({action: 'updated'})
    expect(requests).toContain('GET /repos/octo/shop/issues/7/comments?per_page=100&page=2')
    const ours = comments.filter((c) => c.body.startsWith('<!-- scaleplan-report -->'))
    expect(ours).toHaveLength(1)
    expect(ours[0]!.body).toContain('**5 (cache)**')

    const again = await comment(['--body-file', review, '--pr', '7', '--json'])
    expect(JSON.parse(again.stdout)).toMatchObject({action: 'unchanged'})
    expect(requests.filter((r) => r.startsWith('PATCH'))).toHaveLength(1)
  })

  it('keeps a second project in the same repository in a comment of its own (--marker)', async () => {
    const result = await comment(['--body-file', review, '--pr', '7', '--marker', 'scaleplan-payments', '--json'])
    expect(JSON.parse(result.stdout)).toMatchObject({action: 'created'})
    expect(comments.filter((c) => c.body.includes('<!-- scaleplan'))).toHaveLength(2)
  })

  it("says what a refusal means (a fork's read-only token), exit 3", async () => {
    refuse = 403
    const result = await comment(['--body-file', review, '--pr', '7'])
    refuse = undefined
    expect(result.status).toBe(3)
    expect(result.stderr).toMatch(
      /^Error: GitHub API: GET .* answered 403: Resource not accessible by integration; the token needs pull-requests: write/,
    )
  })

  it('names what is missing, exit 2, and posts nothing', async () => {
    const before = requests.length
    const result = await comment(['--body-file', review], {GITHUB_TOKEN: '', GITHUB_REPOSITORY: ''})
    expect(result.status).toBe(2)
    expect(result.stderr.trim().split('\n')).toEqual([
      'Error: GITHUB_TOKEN: not set; give the workflow token (or a token with pull-requests: write)',
      'Error: --repo: expected owner/name like octo/shop, got nothing (or set GITHUB_REPOSITORY)',
      'Error: --pr: no pull request number given, and GITHUB_EVENT_PATH describes none; give --pr N',
    ])
    expect(requests.length).toBe(before)
  })
})
