import * as Flags from '../cli/flags.js'
import {relative} from 'node:path'

import {BaseCommand} from '../cli/base-command.js'
import {ToolError, UsageError} from '../cli/errors.js'
import {parseDuration, terraformBinary, terraformFlags} from '../cli/provision.js'
import {FileProblem} from '../files/file-problem.js'
import {outDirFlag} from '../cli/synth-options.js'
import {readSynthRecord} from '../cli/synth-record.js'
import {maskOutputs, type OutputValue} from '../terraform/outputs.js'
import {logFileOf} from '../terraform/provision.js'
import {CliTerraformRunner, TerraformError} from '../terraform/runner.js'
import {StacksError, readStacks} from '../terraform/stacks.js'

export type OutputsByStack = Record<string, Record<string, OutputValue>>

export default class Output extends BaseCommand {
  static override summary = "Print the stacks' outputs: endpoints of the load balancer, CDN, database and cache."
  static override description =
    'Works from the stacks in --out-dir alone, as synth recorded them, and reads their Terraform state. ' +
    'Sensitive values are masked unless --show-sensitive.'

  static override examples = [
    {description: 'Endpoints of every region', command: '<%= config.bin %> <%= command.id %>'},
    {description: 'As JSON, by stack, for scripts', command: '<%= config.bin %> <%= command.id %> --json'},
  ]

  static override enableJsonFlag = true

  static override flags = {
    ...terraformFlags,
    'out-dir': outDirFlag('directory of the stacks synth wrote'),
    'show-sensitive': Flags.boolean({description: 'print sensitive values instead of masking them'}),
  }

  async run(): Promise<OutputsByStack> {
    const {flags} = await this.parse(Output)
    const outDir = flags['out-dir']
    // Only the stacks synth wrote: no spec, no sizing inputs.
    const record = await readSynthRecord(outDir)
    let stacks
    try {
      // Terraform runs in each stack's directory: only inside <out-dir>/stacks (stacks.ts).
      stacks = await readStacks(
        outDir,
        record.stacks.map((stack) => stack.name),
      )
    } catch (error) {
      if (error instanceof StacksError || error instanceof FileProblem) {
        throw new UsageError([`${this.flagSource('out-dir')}: ${error.message}`])
      }

      throw error
    }

    const timeoutMs = parseDuration(flags['terraform-timeout'], this.flagSource('terraform-timeout'))
    const binary = terraformBinary(flags['terraform-bin'], this.flagSource('terraform-bin'))
    const runner = new CliTerraformRunner({bin: binary.path, timeoutMs})
    const result: OutputsByStack = {}
    for (const stack of stacks) {
      try {
        // One stack at a time: a failure names its stack, and output is quick.
        // eslint-disable-next-line no-await-in-loop
        const outputs = await runner.output({dir: stack.dir, logFile: logFileOf(stack)})
        result[stack.name] = maskOutputs(outputs, flags['show-sensitive'])
      } catch (error) {
        if (error instanceof TerraformError)
          throw new ToolError([
            [
              `${stack.name}: ${error.message}`,
              ...error.detail,
              `(full log: ${relative(process.cwd(), logFileOf(stack))})`,
            ].join('\n'),
          ])
        throw error
      }
    }

    for (const [stack, outputs] of Object.entries(result)) {
      this.log(stack)
      if (Object.keys(outputs).length === 0) this.log('  (no outputs: not applied yet?)')
      for (const [name, o] of Object.entries(outputs))
        this.log(`  ${name} = ${typeof o.value === 'string' ? o.value : JSON.stringify(o.value)}`)
    }

    return result
  }
}
