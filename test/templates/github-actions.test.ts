/**
 * The CI workflow template must parse, and every `scaleplan` command and flag it runs must exist
 * in the built CLI (oclif's manifest via Config.load: run `npm run build` first, as `npm test`
 * does). A command still to be written fails here on purpose, naming what is missing.
 */
import {beforeAll, describe, expect, it} from '@jest/globals'
import {Config} from '@oclif/core/config'
import {readFileSync} from 'node:fs'
import {parse} from 'yaml'

const ROOT = new URL('../..', import.meta.url).pathname
const TEMPLATE = 'templates/ci/github-actions.yml'

interface Step {
  readonly name?: string
  readonly run?: string
  readonly uses?: string
  readonly with?: Record<string, unknown>
}

interface Workflow {
  readonly on: Record<string, unknown>
  readonly jobs: Record<string, {readonly if?: string; readonly steps: readonly Step[]}>
}

const text = readFileSync(TEMPLATE, 'utf8')
const workflow = parse(text) as Workflow

interface Invocation {
  readonly job: string
  readonly command: string
  readonly flags: readonly string[]
  readonly line: string
}

/** Every `scaleplan <command> --flag ...` in the jobs' run scripts, line continuations joined. */
function invocations(): Invocation[] {
  const found: Invocation[] = []
  for (const [job, {steps}] of Object.entries(workflow.jobs)) {
    for (const step of steps) {
      const script = (step.run ?? '').replaceAll(/\\\n/g, ' ')
      for (const match of script.matchAll(/\bscaleplan\s+([a-z][a-z-]*)([^\n|;&>)]*)/g)) {
        const flags = [...match[2]!.matchAll(/(?:^|\s)(--[a-z][a-z0-9-]*)/g)].map((m) => m[1]!)
        found.push({job, command: match[1]!, flags, line: match[0].trim()})
      }
    }
  }

  return found
}

let config: Config
beforeAll(async () => {
  config = await Config.load({root: ROOT})
  if (config.commands.length === 0) throw new Error('no commands found: run `npm run build` before this test')
})

describe(TEMPLATE, () => {
  it('parses, runs on pull requests and on pushes to main', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push'])
    expect(workflow.on.push).toEqual({branches: ['main']})
    expect(workflow.jobs.review?.if).toContain('pull_request')
    expect(workflow.jobs.apply?.if).toContain("refs/heads/main")
  })

  it('posts one comment, found by its hidden marker and updated in place, cut under 65,535 characters', () => {
    const script = workflow.jobs.review!.steps.find((step) => step.uses?.startsWith('actions/github-script@'))?.with?.script
    expect(typeof script).toBe('string')
    expect(script).toContain('<!-- scaleplan-report -->')
    expect(script).toContain('updateComment')
    expect(script).toContain('65535')
  })

  it('runs synth, report, plan and diff (with the plan) on a pull request, and apply --auto-approve on main', () => {
    const review = invocations().filter((i) => i.job === 'review')
    // diff twice: with the plan when planning succeeded, without it otherwise.
    expect(review.map((i) => i.command)).toEqual(['synth', 'report', 'plan', 'diff', 'diff'])
    expect(review[2]!.flags).toContain('--json')
    expect(review[3]!.flags).toContain('--plan')
    const apply = invocations().filter((i) => i.job === 'apply')
    expect(apply.map((i) => i.command)).toEqual(['apply'])
    expect(apply[0]!.flags).toEqual(expect.arrayContaining(['--auto-approve', '--backend']))
  })

  describe.each(invocations().map((i) => [i.line, i] as const))('`%s`', (_line, invocation) => {
    it('is a command of the built CLI, with every flag it passes', () => {
      const command = config.findCommand(invocation.command)
      expect({command: invocation.command, exists: Boolean(command)}).toEqual({command: invocation.command, exists: true})
      const known = new Set(Object.keys(command!.flags ?? {}).map((flag) => `--${flag}`))
      const unknown = invocation.flags.filter((flag) => !known.has(flag))
      expect({command: invocation.command, unknownFlags: unknown}).toEqual({command: invocation.command, unknownFlags: []})
    })
  })
})
