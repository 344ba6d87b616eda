/**
 * The spec FILE format as JSON Schema, for editors (completion, hover, validation) and CI.
 *
 * `SpecFieldsSchema` parses every field with a transform over `z.unknown()`, so zod's own
 * JSON Schema of it says nothing about the accepted forms. This file declares those input
 * forms a second time, as zod schemas that convert to JSON Schema; test/spec/json-schema.test.ts
 * keeps the two in step by feeding the same inputs to both.
 *
 * Where JSON Schema cannot follow the parser, the schema is looser, never stricter, so an editor
 * never flags a spec the CLI accepts. Known looser spots: ranges of numbers written as strings
 * ("0" or "20B" users, "20PB" of data), duplicate list entries, and the
 * cross-field rule that `regionShares` names exactly the listed regions and adds up to 100.
 * One deliberate exception: region codes in a list must be written without padding spaces,
 * so that editors can complete them from an enum.
 */
import {z} from 'zod'

import {THRESHOLD_NAMES, THRESHOLDS} from './thresholds.js'
import {AWS_REGIONS} from './regions.js'
import {MAX_USERS, SPEC_DEFAULTS} from './schema.js'

const REGION_CODES = AWS_REGIONS.map((region) => region.code)
// JSON Schema patterns carry no flags, so case-insensitive parts are spelled as classes.
const NUMBER = String.raw`(\d+(\.\d+)?|\.\d+)`
const COUNT = String.raw`^\s*(\d+(_\d{3})*(\.\d+)?|\.\d+)\s*[kKmMbB]?\s*$`
const RATIO = String.raw`^\s*\d+(\.\d+)?\s*(:\s*\d+(\.\d+)?\s*)?$`
const SIZE = String.raw`^\s*\d+(\.\d+)?\s*([kKmMgGtTpP][iI]?)?[bB]\s*$`
const PLAIN_NUMBER = String.raw`^\s*${NUMBER}\s*$`
const PERCENT = String.raw`^\s*${NUMBER}%?\s*$`
// Region codes hold only letters, digits and dashes: nothing to escape in a pattern.
const REGION = `(${REGION_CODES.join('|')})`
const SERVICE = '[a-z][a-z0-9-]{0,23}'
const SHARE = String.raw`\s*[a-zA-Z0-9-]+\s*=\s*\d+(\.\d+)?\s*%?\s*`
const commaList = (item: string) => String.raw`^\s*${item}\s*(,\s*${item}\s*)*$`

const matching = (pattern: string) => z.string().regex(new RegExp(pattern))

const ThresholdsInput = z
  .object(
    Object.fromEntries(
      THRESHOLD_NAMES.map((name) => {
        const t = THRESHOLDS[name]
        const base = 'exclusiveMin' in t && t.exclusiveMin ? z.number().gt(t.min) : z.number().min(t.min)
        return [
          name,
          z
            .union([base.max(t.max), matching(PLAIN_NUMBER)])
            .optional()
            .meta({
              description: `${t.description} (${t.unit}; default ${t.default}). Source: ${t.source}`,
              default: t.default,
            }),
        ]
      }),
    ),
  )
  .strict()

/** The input forms of a spec file, one entry per key of `SpecFieldsSchema`. */
export const SpecInputSchema = z
  .object({
    $schema: z.string().optional().meta({description: 'JSON Schema reference for editors; ignored by scaleplan'}),
    name: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,23}$/)
      .optional()
      .meta({description: 'project name: prefixes every stack and resource name', default: SPEC_DEFAULTS.name}),
    users: z
      .union([z.number().int().min(1).max(MAX_USERS), matching(COUNT)])
      .optional()
      .meta({description: 'daily active users, 1 to 10B: 2500000, "2.5M", "10k", "1_000_000"', examples: ['2.5M', 50]}),
    readWrite: z
      .union([z.number().min(0), matching(RATIO)])
      .optional()
      .meta({
        description: 'reads:writes like "90:10", or one number meaning reads per write',
        default: SPEC_DEFAULTS.readWrite,
      }),
    regions: z
      .union([z.array(z.enum(REGION_CODES as [string, ...string[]])), matching(commaList(REGION))])
      .optional()
      .meta({
        description: 'AWS region codes; the first holds the database primaries',
        default: [...SPEC_DEFAULTS.regions],
      }),
    regionShares: z
      .union([
        z.partialRecord(z.enum(REGION_CODES as [string, ...string[]]), z.number().min(0)),
        matching(`^${SHARE}(,${SHARE})*$`),
      ])
      .optional()
      .meta({
        description: 'percent of users per region, adding up to 100 (default: equal shares)',
        examples: [{'us-east-1': 60, 'eu-west-1': 40}],
      }),
    dataSize: z.string().regex(new RegExp(SIZE)).optional().meta({
      description: 'total data size with a unit, 1MB to 10PB: "500GB", "2TB", "750GiB"',
      default: SPEC_DEFAULTS.dataSize,
    }),
    requestsPerUser: z
      .union([z.number().gt(0).max(1e6), matching(PLAIN_NUMBER)])
      .optional()
      .meta({description: 'requests per user per day', default: SPEC_DEFAULTS.requestsPerUser}),
    peakFactor: z
      .union([z.number().min(1).max(100), matching(PLAIN_NUMBER)])
      .optional()
      .meta({description: 'peak-to-average ratio of the request rate', default: SPEC_DEFAULTS.peakFactor}),
    availability: z
      .union([z.number().min(90).max(99.999), matching(PERCENT)])
      .optional()
      .meta({description: 'availability target in percent, 90 to 99.999', default: SPEC_DEFAULTS.availability}),
    services: z
      .union([z.array(z.string().regex(new RegExp(String.raw`^\s*${SERVICE}\s*$`))), matching(commaList(SERVICE))])
      .optional()
      .meta({
        description: 'independently scalable services, split out at stage 7',
        default: [],
        examples: [['search', 'payment']],
      }),
    cacheEngine: z
      .enum(['valkey', 'redis'])
      .optional()
      .meta({description: 'cache engine', default: SPEC_DEFAULTS.cacheEngine}),
    thresholds: ThresholdsInput.optional().meta({
      description: 'overrides of the planning thresholds (README, "Thresholds")',
    }),
  })
  .strict()

/** The JSON Schema document `scaleplan schema` prints. */
export function specJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(SpecInputSchema, {io: 'input', target: 'draft-2020-12'}) as Record<string, unknown>
  const {$schema, ...rest} = generated
  return {
    $schema,
    title: 'scaleplan spec',
    description:
      'A scaleplan spec file (YAML or JSON). Keys are the camelCase of the `scaleplan recommend` flags; ' +
      'flags and SCALEPLAN_* environment variables override them.',
    ...rest,
  }
}
