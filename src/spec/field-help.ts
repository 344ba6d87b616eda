/**
 * How each spec field is described to people: its accepted forms and `--help` placeholder.
 * Declared once here; the flags of every planning command and the wizard's questions (and the
 * `init` flags derived from them) all read it, so they never describe a field two ways.
 */
import type {SpecKey} from './resolve.js'
import {SPEC_DEFAULTS} from './schema.js'

export interface FieldHelp {
  /** What the field is, in a few words. */
  readonly summary: string
  /** The accepted forms, with examples. */
  readonly forms: string
  /** Placeholder in `--help`, like `N` or `LIST`. */
  readonly helpValue: string
  /** The built-in default, as `--help` shows it. */
  readonly defaultHelp: string
}

export const FIELD_HELP: Readonly<Record<SpecKey, FieldHelp>> = {
  name: {
    summary: 'project name',
    forms: 'lower-case letters, digits and dashes; prefixes stacks and resources',
    helpValue: 'NAME',
    defaultHelp: SPEC_DEFAULTS.name,
  },
  users: {
    summary: 'daily active users',
    forms: '2500000, 2.5M, 10k, 1_000_000',
    helpValue: 'N',
    defaultHelp: 'none, required',
  },
  readWrite: {
    summary: 'read/write mix',
    forms: 'reads:writes like 90:10, or reads per write like 9',
    helpValue: 'R:W',
    defaultHelp: SPEC_DEFAULTS.readWrite,
  },
  regions: {
    summary: 'AWS regions',
    forms: 'comma-separated region codes; the first holds the database primaries',
    helpValue: 'LIST',
    defaultHelp: SPEC_DEFAULTS.regions.join(','),
  },
  regionShares: {
    summary: 'percent of users per region',
    forms: 'us-east-1=60,eu-west-1=40',
    helpValue: 'LIST',
    defaultHelp: 'equal',
  },
  dataSize: {summary: 'data size', forms: '500GB, 2TB, 750GiB', helpValue: 'SIZE', defaultHelp: SPEC_DEFAULTS.dataSize},
  requestsPerUser: {
    summary: 'requests per user per day',
    forms: 'a number, like 50',
    helpValue: 'N',
    defaultHelp: String(SPEC_DEFAULTS.requestsPerUser),
  },
  peakFactor: {
    summary: 'peak-to-average traffic ratio',
    forms: 'a number from 1 to 100, like 2',
    helpValue: 'X',
    defaultHelp: String(SPEC_DEFAULTS.peakFactor),
  },
  availability: {
    summary: 'availability target',
    forms: 'percent from 90 to 99.999; 99.9 and up makes every tier redundant across zones',
    helpValue: 'PCT',
    defaultHelp: String(SPEC_DEFAULTS.availability),
  },
  services: {
    summary: 'services to split out at stage 7',
    forms: 'comma-separated names like search,payment,profile; empty for none',
    helpValue: 'LIST',
    defaultHelp: 'none',
  },
  cacheEngine: {
    summary: 'cache engine',
    forms: 'valkey or redis',
    helpValue: 'ENGINE',
    defaultHelp: SPEC_DEFAULTS.cacheEngine,
  },
}
