/**
 * The spec FILE format as JSON Schema, for editors (completion, hover, validation) and CI.
 *
 * Generated from the input side of the very schema that parses spec files (`SpecFileSchema`), by
 * `scripts/generate-schema.mjs` at build time into `templates/schema/scaleplan.schema.json`;
 * `scaleplan schema` prints that file. Where a field's transform checks more than its input
 * form can say (ranges inside strings like "0" users or "20PB", duplicate list entries, the
 * items of a comma-separated list, and that `regionShares` names exactly the listed regions and
 * adds up to 100), the JSON Schema is looser than scaleplan, never stricter; one exception:
 * the items of a YAML list (region codes, service names) must be written without padding
 * spaces, which scaleplan trims, so that editors can complete region codes from an enum.
 */
import * as z from 'zod/mini'

import {fieldHelp} from './field-help.js'
import {SPEC_FIELDS, SPEC_KEYS, SpecFileSchema, type FieldMeta, type SpecKey} from './schema.js'

/** Where the generated JSON Schema ships, relative to the package root. */
export const SCHEMA_PATH = 'templates/schema/scaleplan.schema.json'

/** The keys of a field's meta that are JSON Schema annotations; the rest are scaleplan's own. */
const ANNOTATIONS = new Set(['title', 'description', 'default', 'examples'])

const FIELD_KEYS = new Map<unknown, SpecKey>(SPEC_KEYS.map((key) => [SPEC_FIELDS[key], key]))

/** The JSON Schema document of a spec file. */
export function specJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(SpecFileSchema, {
    io: 'input',
    target: 'draft-2020-12',
    override: ({zodSchema, jsonSchema}) => {
      const meta = z.globalRegistry.get(zodSchema) as Partial<FieldMeta> | undefined
      if (!meta) return
      for (const key of Object.keys(meta)) if (!ANNOTATIONS.has(key)) delete jsonSchema[key]
      // Defaults and examples are written as user input; zod drops them from a transforming
      // schema's input side, where they belong here.
      if (meta.default !== undefined) jsonSchema.default = meta.default
      if (meta.examples !== undefined) jsonSchema.examples = [...meta.examples]
      // Editors show the description on hover: say what the field accepts too, as --help does.
      const key = FIELD_KEYS.get(zodSchema)
      if (key !== undefined) jsonSchema.description = fieldHelp(key)
    },
  }) as Record<string, unknown>
  // No key is required in a file: users, say, may come from --users or SCALEPLAN_USERS instead.
  const {$schema, required: _, ...rest} = generated
  return {
    $schema,
    title: 'scaleplan spec',
    description:
      'A scaleplan spec file (YAML or JSON). Keys are the camelCase of the `scaleplan recommend` flags; ' +
      'flags and SCALEPLAN_* environment variables override them.',
    ...rest,
  }
}

/** The JSON Schema as the shipped file holds it. */
export function specJsonSchemaText(): string {
  return `${JSON.stringify(specJsonSchema(), null, 2)}\n`
}
