/**
 * The three calls of GitHub's REST API that keep one comment on a pull request up to date:
 * list the comments (every page), update one, or create it. Node's own fetch; the token, the
 * repository and the API's address come from the caller (GitHub Actions sets GITHUB_TOKEN,
 * GITHUB_REPOSITORY and GITHUB_API_URL).
 */
import {ExternalError} from './errors.js'

export interface GitHubTarget {
  /** https://api.github.com, or a GitHub Enterprise Server's /api/v3. */
  readonly apiUrl: string
  readonly token: string
  /** owner/name */
  readonly repo: string
  readonly pullRequest: number
}

export interface IssueComment {
  readonly id: number
  readonly body: string
  readonly html_url: string
}

/** Comments on the pull request, oldest first, every page of them. */
export async function listComments(target: GitHubTarget): Promise<IssueComment[]> {
  const comments: IssueComment[] = []
  for (let page = 1; ; page++) {
    // eslint-disable-next-line no-await-in-loop -- pages come one after another
    const batch = (await call(
      target,
      'GET',
      `/issues/${target.pullRequest}/comments?per_page=100&page=${page}`,
    )) as IssueComment[]
    comments.push(...batch)
    if (batch.length < 100) return comments
  }
}

export async function updateComment(target: GitHubTarget, id: number, body: string): Promise<IssueComment> {
  return (await call(target, 'PATCH', `/issues/comments/${id}`, {body})) as IssueComment
}

export async function createComment(target: GitHubTarget, body: string): Promise<IssueComment> {
  return (await call(target, 'POST', `/issues/${target.pullRequest}/comments`, {body})) as IssueComment
}

async function call(target: GitHubTarget, method: string, path: string, body?: unknown): Promise<unknown> {
  const url = `${target.apiUrl.replace(/\/$/, '')}/repos/${target.repo}${path}`
  let response: Response
  try {
    response = await fetch(url, {
      method,
      headers: {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${target.token}`,
        'x-github-api-version': '2022-11-28',
        'user-agent': 'scaleplan',
        ...(body === undefined ? {} : {'content-type': 'application/json'}),
      },
      ...(body === undefined ? {} : {body: JSON.stringify(body)}),
    })
  } catch (error) {
    throw new ExternalError([
      `GitHub API: ${method} ${url} failed: ${(error as Error).cause ?? (error as Error).message}`,
    ])
  }

  if (!response.ok) {
    const text = await response.text()
    const message = (() => {
      try {
        return (JSON.parse(text) as {message?: string}).message ?? text
      } catch {
        return text
      }
    })()
    const hint =
      response.status === 403 || response.status === 404
        ? '; the token needs pull-requests: write (a pull request from a fork gets a read-only token: ' +
          'post from a workflow_run workflow, as templates/ci does)'
        : ''
    throw new ExternalError([`GitHub API: ${method} ${path} answered ${response.status}: ${message.trim()}${hint}`])
  }

  return response.json()
}
