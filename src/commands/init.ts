import * as Flags from '../cli/flags.js'
import {dirname, join} from 'node:path'

import {recommend, type Recommendation} from '../cost/recommend.js'
import {BaseCommand} from '../cli/base-command.js'
import {EXIT, UsageError} from '../cli/errors.js'
import {colorFlag, terminalStyle, terminalWidth} from '../cli/style.js'
import {wrapText, wrapping} from '../format/wrap.js'
import {resolveSpec} from '../spec/resolve.js'
import {fieldMeta} from '../spec/schema.js'
import {questionFlagName, questionFlags, type Answers} from '../wizard/questions.js'
import {renderSummary} from '../wizard/render-summary.js'
import {answersFromFlags, askConfirm, askText, isPromptExit, missingRequired, runWizard} from '../wizard/run-wizard.js'
import {specYaml} from '../wizard/spec-yaml.js'
import {SCHEMA_COPY, schemaLocation, writeSchemaCopy} from '../cli/schema-location.js'
import {specFileSource} from '../cli/spec-flags.js'
import {FileProblem, asFileProblem} from '../files/file-problem.js'
import {FileExistsError, exists, writeFileAtomic} from '../cli/write-file-atomic.js'

export interface InitResult {
  /** The spec file written, or null when the user declined to overwrite and gave no other name. */
  readonly file: string | null
  readonly spec: Answers
  readonly recommendation: Recommendation
}

export default class Init extends BaseCommand {
  static override summary = 'Plan interactively: answer a few questions, see the recommendation, get scaleplan.yaml.'
  static override description =
    'Asks for the project name, daily users, read/write mix, regions and data size (and, if you like, advanced ' +
    'settings), prints the recommended stage, its components and monthly cost, and writes the answers as a spec ' +
    'file that recommend, report, synth and plan then find on their own. A question answered by a flag is not ' +
    'asked; --yes takes the defaults for the rest. Off a terminal or with --json nothing is asked: give --users ' +
    '(or --yes) and any other flags.'

  static override examples = [
    {description: 'Answer the questions at a terminal', command: '<%= config.bin %> <%= command.id %>'},
    {
      description: 'No questions: flags, and defaults for the rest',
      command: '<%= config.bin %> <%= command.id %> --users 2.5M --regions us-east-1,eu-west-1 --yes',
    },
    {
      description: 'Another file, as JSON',
      command: '<%= config.bin %> <%= command.id %> --users 50k --out specs/shop.yaml --force --json',
    },
  ]

  static override enableJsonFlag = true

  static override flags = {
    ...questionFlags,
    yes: Flags.boolean({char: 'y', description: 'take the default for every question no flag answers; never prompt'}),
    out: Flags.string({char: 'o', description: 'spec file to write', default: 'scaleplan.yaml', helpValue: 'FILE'}),
    force: Flags.boolean({description: 'overwrite the spec file if it exists (the wizard asks otherwise)'}),
    synth: Flags.boolean({
      description: 'continue to synth after writing the spec (--no-synth: do not offer)',
      allowNo: true,
    }),
    color: colorFlag,
  }

  async run(): Promise<InitResult> {
    const {flags} = await this.parse(Init)
    // Prompts need a person at the keyboard; --json means a program is reading stdout.
    const prompting = Boolean(process.stdin.isTTY) && !this.jsonEnabled() && !flags.yes
    const {given, problems} = answersFromFlags(flags)
    if (!prompting && !flags.yes) {
      for (const q of missingRequired(flags)) {
        const flag = `--${questionFlagName(q.key)}`
        const example = String(fieldMeta(q.key).examples?.[0])
        problems.push(
          `${flag}: required when ${this.jsonEnabled() ? '--json is set' : 'stdin is not a terminal'}; give ${flag} ` +
            `(like ${flag} ${example}), add --yes to take the wizard's defaults, or plan from a spec file with ` +
            `\`${this.config.bin} recommend --spec FILE\``,
        )
      }
    }

    if (!prompting && !flags.force && (await exists(flags.out))) {
      problems.push(
        `--out: "${flags.out}" already exists; give --force to overwrite it, or --out FILE to write elsewhere`,
      )
    }

    if (problems.length > 0) throw new UsageError(problems)

    try {
      const spec = await runWizard({given, mode: prompting ? 'prompt' : 'defaults', cwd: process.cwd()})
      const resolved = resolveSpec({env: {}, flags: spec})
      if (!resolved.ok) throw new UsageError(resolved.problems)
      const recommendation = recommend(resolved.spec)
      if (!this.jsonEnabled())
        this.log(
          `${wrapText(renderSummary(recommendation, await terminalStyle(flags.color)), await wrapping(terminalWidth()), 4)}\n`,
        )

      const file = await this.writeSpec(flags.out, spec, {prompting, force: flags.force})
      if (file !== null && !this.jsonEnabled()) await this.offerSynth(file, {prompting, synth: flags.synth})
      return {file, spec, recommendation}
    } catch (error) {
      if (!isPromptExit(error)) throw error
      this.note('Cancelled; nothing was written.')
      return this.exit(EXIT.interrupted)
    }
  }

  /** Writes the spec, asking before overwriting; returns the path written, or null if the user kept the old file. */
  private async writeSpec(
    out: string,
    spec: Answers,
    {prompting, force}: {prompting: boolean; force: boolean},
  ): Promise<string | null> {
    let path = out
    let overwrite = force
    for (;;) {
      const schema = schemaLocation(path, this.config.root)
      const text = specYaml(spec, schema.ref)
      try {
        // eslint-disable-next-line no-await-in-loop -- one attempt per name the user gives
        await writeFileAtomic(path, text, {overwrite})
        this.log(`Wrote ${path}`)
        // eslint-disable-next-line no-await-in-loop
        await writeSchemaCopy(schema, this.config.root)
        if (schema.copyTo)
          this.log(`Wrote ${join(dirname(path), SCHEMA_COPY)} (the JSON Schema editors check the spec with)`)
        return path
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code
        if (code === 'ENOENT' || code === 'ENOTDIR')
          throw new UsageError([`--out: cannot write "${path}": its folder does not exist`])
        const problem = asFileProblem(error, path, 'write')
        if (problem instanceof FileProblem) throw new UsageError([`--out: ${problem.message}`])
        if (!(error instanceof FileExistsError)) throw error
        if (!prompting)
          throw new UsageError([
            `--out: "${path}" already exists; give --force to overwrite it, or --out FILE to write elsewhere`,
          ])
      }

      // eslint-disable-next-line no-await-in-loop
      if (await askConfirm(`${path} already exists. Overwrite it?`, false)) {
        overwrite = true
        continue
      }

      // eslint-disable-next-line no-await-in-loop
      const other = await askText('Write the spec to another file instead? (empty: write nothing)')
      if (other === '') {
        this.log(`Nothing written; ${path} is unchanged.`)
        return null
      }

      path = other
      overwrite = false
    }
  }

  private async offerSynth(
    file: string,
    {prompting, synth}: {prompting: boolean; synth: boolean | undefined},
  ): Promise<void> {
    const available = this.config.findCommand('synth') !== undefined
    const quoted = /^[\w./-]+$/.test(file) ? file : JSON.stringify(file)
    // The other commands find scaleplan.yaml in this folder on their own.
    const found = specFileSource(undefined, '--spec')?.path === file
    const spec = found ? '' : ` --spec ${quoted}`
    const command = `${this.config.bin} synth${spec}`
    let go = synth
    if (go === undefined && available && prompting)
      go = await askConfirm('Continue to synth (write the Terraform for this plan)?', false)
    const explain = `${this.config.bin} recommend${spec}`
    if (go && available) {
      await this.config.runCommand('synth', ['--spec', file])
    } else if (available) {
      this.log(`Next: ${command} writes the Terraform for this plan; ${explain} explains it.`)
    } else {
      if (go) this.warn(`this ${this.config.bin} has no synth command, so --synth was ignored`)
      this.log(
        `Next: ${explain} explains the plan. This ${this.config.bin} has no synth command; with one, ${command} writes the Terraform.`,
      )
    }
  }
}
