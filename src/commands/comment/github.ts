import * as Flags from '../../cli/flags.js'
import {readFileSync} from 'node:fs'
import {readFile} from 'node:fs/promises'

import {BaseCommand} from '../../cli/base-command.js'
import {UsageError} from '../../cli/errors.js'
import {createComment, listComments, updateComment, type GitHubTarget} from '../../cli/github.js'
import {commentBody, markerLine} from '../../render/comment.js'

export interface CommentResult {
  /** What happened to the comment: created, updated, left as it was (same body), or only printed. */
  readonly action: 'created' | 'updated' | 'unchanged' | 'dry-run'
  readonly url: string | null
  /** Characters in the body, and whether it was cut to fit GitHub's limit. */
  readonly length: number
  readonly cut: boolean
}

export default class CommentGithub extends BaseCommand {
  static override summary = 'Post the review of a spec change on its pull request, updating one comment in place.'
  static override description =
    'Finds the comment scaleplan posted before (by a hidden marker) and updates it, or creates it: one comment per ' +
    'pull request however many pushes follow. The body is the review (`scaleplan diff` Markdown) and, collapsed under ' +
    "it, the full report. A body over GitHub's 65,536-character limit is cut between blocks, never inside a code " +
    'fence or <details>, with a link to the full text. Reads GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_API_URL and, ' +
    'inside a pull_request workflow, the pull request from GITHUB_EVENT_PATH.'

  static override examples = [
    {
      description: 'In a workflow: the review of the change, with the report collapsed',
      command: '<%= config.bin %> <%= command.id %> --body-file diff.md --report-file report.md',
    },
    {
      description: 'From a workflow_run workflow, for a pull request from a fork',
      command: '<%= config.bin %> <%= command.id %> --pr 42 --repo octo/shop --body-file diff.md',
    },
    {
      description: 'See the body without posting it',
      command: '<%= config.bin %> <%= command.id %> --body-file diff.md --dry-run',
    },
  ]

  static override enableJsonFlag = true

  static override flags = {
    'body-file': Flags.string({
      description: 'the review to post, Markdown (what `scaleplan diff` prints); - reads stdin',
      helpValue: 'FILE',
      required: true,
    }),
    'report-file': Flags.string({
      description: 'the full report (what `scaleplan report` prints), collapsed under the review',
      helpValue: 'FILE',
    }),
    pr: Flags.integer({
      description: 'pull request number (default: the one GITHUB_EVENT_PATH describes)',
      min: 1,
      helpValue: 'N',
    }),
    repo: Flags.string({
      description: 'owner/name of the repository',
      helpValue: 'OWNER/NAME',
      env: 'GITHUB_REPOSITORY',
    }),
    marker: Flags.string({
      description:
        'name of the hidden marker that finds the comment again; one per project when a repository has several',
      default: 'scaleplan-report',
      helpValue: 'NAME',
    }),
    'api-url': Flags.string({
      description: 'address of the GitHub REST API (GitHub Enterprise Server: https://HOST/api/v3)',
      default: 'https://api.github.com',
      helpValue: 'URL',
      env: 'GITHUB_API_URL',
    }),
    'full-text-url': Flags.string({
      description: 'where to read everything when the body is cut (default: this workflow run)',
      helpValue: 'URL',
    }),
    revision: Flags.string({
      description: 'what the review is of, shown in the footer (like a commit SHA)',
      helpValue: 'TEXT',
    }),
    'dry-run': Flags.boolean({description: 'print the body instead of posting it'}),
  }

  async run(): Promise<CommentResult> {
    const {flags} = await this.parse(CommentGithub)
    const review = await readText(flags['body-file'], '--body-file')
    const report =
      flags['report-file'] === undefined ? undefined : await readText(flags['report-file'], '--report-file')
    const {body, cut} = commentBody({
      marker: flags.marker,
      review,
      ...(report === undefined ? {} : {report}),
      ...((flags['full-text-url'] ?? runUrl()) ? {fullTextUrl: flags['full-text-url'] ?? runUrl()} : {}),
      ...(flags.revision ? {revision: flags.revision} : {}),
    })
    if (cut) this.warnLine(`the comment was cut to fit GitHub's limit (${body.length} characters kept)`)
    if (flags['dry-run']) {
      this.print(body)
      return {action: 'dry-run', url: null, length: body.length, cut}
    }

    const target = await this.target(flags)
    const marker = markerLine(flags.marker)
    const existing = (await listComments(target)).find((comment) => comment.body?.includes(marker))
    if (existing?.body === body) {
      this.note(`The comment is up to date: ${existing.html_url}`)
      return {action: 'unchanged', url: existing.html_url, length: body.length, cut}
    }

    const posted = existing ? await updateComment(target, existing.id, body) : await createComment(target, body)
    this.note(`${existing ? 'Updated' : 'Posted'} ${posted.html_url}`)
    return {action: existing ? 'updated' : 'created', url: posted.html_url, length: body.length, cut}
  }

  private async target(flags: {pr?: number; repo?: string; 'api-url': string}): Promise<GitHubTarget> {
    const problems: string[] = []
    const token = process.env.GITHUB_TOKEN ?? process.env.GH_TOKEN
    if (!token) problems.push('GITHUB_TOKEN: not set; give the workflow token (or a token with pull-requests: write)')
    if (!flags.repo || !/^[\w.-]+\/[\w.-]+$/.test(flags.repo))
      problems.push(
        `--repo: expected owner/name like octo/shop, got ${flags.repo ? `"${flags.repo}"` : 'nothing'} (or set GITHUB_REPOSITORY)`,
      )
    const pullRequest = flags.pr ?? (await pullRequestOfEvent())
    if (pullRequest === undefined)
      problems.push('--pr: no pull request number given, and GITHUB_EVENT_PATH describes none; give --pr N')
    if (problems.length > 0) throw new UsageError(problems)
    return {apiUrl: flags['api-url'], token: token!, repo: flags.repo!, pullRequest: pullRequest!}
  }
}

async function readText(path: string, flag: string): Promise<string> {
  try {
    return path === '-' ? readFileSync(0, 'utf8') : await readFile(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new UsageError([
      `${flag}: cannot read "${path}": ${code === 'ENOENT' ? 'no such file' : (code ?? 'unreadable')}`,
    ])
  }
}

/** The pull request of the event that started this workflow run (pull_request, issue_comment). */
async function pullRequestOfEvent(): Promise<number | undefined> {
  const path = process.env.GITHUB_EVENT_PATH
  if (!path) return undefined
  try {
    const event = JSON.parse(await readFile(path, 'utf8')) as {
      pull_request?: {number?: number}
      issue?: {number?: number}
    }
    return event.pull_request?.number ?? event.issue?.number
  } catch {
    return undefined
  }
}

/** This workflow run's page, from the variables GitHub Actions sets. */
function runUrl(): string | undefined {
  const {GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run} = process.env
  return server && repo && run ? `${server}/${repo}/actions/runs/${run}` : undefined
}
