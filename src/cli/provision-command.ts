import {BaseCommand} from './base-command.js'
import {stdoutTerminal} from './output.js'
import type {ProvisionIO} from './provision.js'

/** What plan, apply and destroy share as commands: how they talk to a person or a CI log. */
export abstract class ProvisionCommand extends BaseCommand {
  /** A person can answer a prompt: both ends are terminals and --json is off. */
  protected atTerminal(): boolean {
    return !this.jsonEnabled() && Boolean(process.stdin.isTTY) && stdoutTerminal() !== undefined
  }

  protected provisionIO(confirm: ProvisionIO['confirm'], interactive = this.atTerminal()): ProvisionIO {
    return {
      generator: `${this.config.name}/${this.config.version}`,
      loadSpec: () => this.loadSpec(this.parsedFlagValues()),
      typed: Object.keys(this.parsedFlagValues()).filter((flag) => this.givenOnCommandLine(flag)),
      json: this.jsonEnabled(),
      source: (flag) => this.flagSource(flag),
      interactive,
      log: (text) => this.log(text),
      warn: (text) => this.warnLine(text),
      error: (text) => this.errorLine(text),
      confirm,
    }
  }
}
