import {readFile} from 'node:fs/promises'
import {join} from 'node:path'

import {BaseCommand} from '../cli/base-command.js'
import {SCHEMA_PATH} from '../spec/json-schema.js'

export default class Schema extends BaseCommand {
  // No --json: the schema is JSON already.
  static override baseFlags = {}

  static override summary = 'Print the JSON Schema of the spec file, for editors and CI validation.'
  static override description =
    'The same document ships as templates/schema/scaleplan.schema.json, and `scaleplan init` writes a reference to ' +
    'it in the spec (a path into node_modules/scaleplan when installed, or a file beside the spec). Point an editor ' +
    'at it with a first line like "# yaml-language-server: $schema=<path>" in YAML, or "$schema" in JSON.'

  static override examples = [
    {description: 'Save it beside your spec', command: '<%= config.bin %> <%= command.id %> > scaleplan.schema.json'},
  ]

  async run(): Promise<void> {
    await this.parse(Schema)
    // The file the build generated from the spec schema, as-is (not through --json), so the
    // output is byte-identical to what editors read.
    this.print(await readFile(join(this.config.root, SCHEMA_PATH), 'utf8'))
  }
}
