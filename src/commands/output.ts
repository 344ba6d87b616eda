import * as Flags from '@oclif/core/flags'
import {relative} from 'node:path'

import {BaseCommand} from '../cli/base-command.js'
import {ToolError, UsageError} from '../cli/errors.js'
import {terraformBinary, terraformFlags} from '../cli/provision.js'
import {DEFAULT_OUT_DIR, SYNTH_ENV} from '../cli/synth-options.js'
import {maskOutputs, type OutputValue} from '../terraform/outputs.js'
import {logFileOf} from '../terraform/provision.js'
import {CliTerraformRunner, TerraformError} from '../terraform/runner.js'
import {readStacks} from '../terraform/stacks.js'

export type OutputsByStack = Record<string, Record<string, OutputValue>>

export default class Output extends BaseCommand {
  static override summary = "Print the stacks' outputs: endpoints of the load balancer, database and cache."
  static override description =
    'Reads the state of the stacks in the output directory. Sensitive values are masked unless --show-sensitive.'
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --json']
  static override enableJsonFlag = true

  static override flags = {
    ...terraformFlags,
    out: Flags.string({
      description: 'directory that synth wrote',
      default: DEFAULT_OUT_DIR,
      helpValue: 'DIR',
      env: SYNTH_ENV.out,
    }),
    'show-sensitive': Flags.boolean({description: 'print sensitive values instead of masking them'}),
  }

  async run(): Promise<OutputsByStack> {
    const {flags} = await this.parse(Output)
    let stacks
    try {
      stacks = readStacks(flags.out)
    } catch {
      throw new UsageError([
        `--out: no synthesized stacks in "${flags.out}" (no manifest.json); run scaleplan synth or apply first`,
      ])
    }

    const binary = terraformBinary(flags['terraform-bin'], this.flagSource('terraform-bin'))
    const runner = new CliTerraformRunner({bin: binary.path, color: false})
    const result: OutputsByStack = {}
    for (const stack of stacks) {
      try {
        // One stack at a time: a failure names its stack, and output is quick.
        // eslint-disable-next-line no-await-in-loop
        const outputs = await runner.output({dir: stack.dir, logFile: logFileOf(stack)})
        result[stack.name] = maskOutputs(outputs, flags['show-sensitive'])
      } catch (error) {
        if (error instanceof TerraformError)
          throw new ToolError([`${stack.name}: ${error.message} (log: ${relative(process.cwd(), logFileOf(stack))})`])
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
