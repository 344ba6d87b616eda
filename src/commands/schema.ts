import {Command} from '@oclif/core/command'

import {specJsonSchema} from '../spec/json-schema.js'

export default class Schema extends Command {
  static override summary = 'Print the JSON Schema of the spec file, for editors and CI validation.'
  static override description =
    'The same document is checked in as templates/schema/scaleplan.schema.json. Point an editor at it with a first line ' +
    'like "# yaml-language-server: $schema=<path>/scaleplan.schema.json" in a YAML spec, or "$schema" in a JSON one.'

  static override examples = ['<%= config.bin %> <%= command.id %> > scaleplan.schema.json']

  async run(): Promise<void> {
    await this.parse(Schema)
    // Written as-is, not through --json, so the output is byte-identical to the checked-in file.
    process.stdout.write(formatSchema(specJsonSchema()))
  }
}

export function formatSchema(schema: Record<string, unknown>): string {
  return `${JSON.stringify(schema, null, 2)}\n`
}
