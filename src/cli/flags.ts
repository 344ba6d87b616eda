/**
 * The flags and arguments of scaleplan's commands, declared as plain data and read by two
 * readers: `parse-command-line.ts`, which parses a command line with them, and oclif, which
 * writes them into the command manifest (`scripts/write-manifest.mjs`) that its help reads.
 *
 * They are shaped like oclif's own (`type`, `helpValue`, `helpGroup`, `env`, `allowNo`, ...), so
 * oclif's help shows them as it shows its own; they are scaleplan's so that running a command
 * loads no part of oclif (`@oclif/core/flags` alone loads oclif's help and its error classes:
 * a fifth of a `recommend` run).
 */
import {statSync} from 'node:fs'

/** What every flag may declare. */
interface FlagSettings {
  readonly description: string
  /** The --help section the flag is listed under. */
  readonly helpGroup?: string
  /** A one-letter form: `-y` for `--yes`. */
  readonly char?: string
  /** Other long names the flag answers to (`--out` for `--out-dir`). */
  readonly aliases?: readonly string[]
  /** The aliases are old names: using one warns, naming the flag to use instead. */
  readonly deprecateAliases?: boolean
  /** The environment variable read when the flag is not on the command line. */
  readonly env?: string
  /** Flags that must be given too when this one is. */
  readonly dependsOn?: readonly string[]
  readonly hidden?: boolean
}

export interface BooleanFlag extends FlagSettings {
  readonly type: 'boolean'
  /**
   * `--no-<name>` sets it false, and then not given at all it is undefined ("not said"); a plain
   * switch is false unless given.
   */
  readonly allowNo?: boolean
}

interface OptionSettings<T> extends FlagSettings {
  /** What help shows for the value: `--users N`. */
  readonly helpValue?: string
  readonly default?: T
  readonly required?: boolean
  /** The accepted values, checked before `parse`. */
  readonly options?: readonly string[]
  /** Repeatable: the values of every occurrence, in order. */
  readonly multiple?: boolean
}

/** A flag that takes a value. `parse` turns the text into `T`, or throws an Error saying why not. */
export interface OptionFlag<T = unknown> extends OptionSettings<T> {
  readonly type: 'option'
  parse(input: string): T
}

export type Flag = BooleanFlag | OptionFlag
export type FlagSet = Readonly<Record<string, Flag>>

/** A positional argument: a string, optional (a command says what it does without one). */
export interface Arg {
  readonly description: string
}

export type ArgSet = Readonly<Record<string, Arg>>

/** The value a parsed flag holds: undefined unless given, defaulted or required; an array if repeatable. */
type FlagValue<F> = F extends BooleanFlag
  ? F extends {allowNo: true}
    ? boolean | undefined
    : boolean
  : F extends OptionFlag<infer T>
    ? F extends {multiple: true}
      ? T[] | undefined
      : F extends {default: unknown} | {required: true}
        ? T
        : T | undefined
    : never

export type FlagValues<F extends FlagSet> = {-readonly [K in keyof F]: FlagValue<F[K]>}
export type ArgValues<A extends ArgSet> = {-readonly [K in keyof A]: string | undefined}

export function boolean<const S extends Omit<BooleanFlag, 'type'>>(settings: S): S & BooleanFlag {
  return {...settings, type: 'boolean'}
}

/** A flag whose value is its text. */
export function string<const S extends OptionSettings<string>>(settings: S): S & OptionFlag<string> {
  return {...settings, type: 'option', parse: (input) => input}
}

/**
 * A path to a file. With `exists`, a path where there is no file is refused here; otherwise the
 * command reads it later and says what is wrong in its own words.
 */
export function file<const S extends OptionSettings<string> & {readonly exists?: boolean}>(
  settings: S,
): S & OptionFlag<string> {
  return {...settings, type: 'option', parse: (input) => existingFile(input, settings.exists)}
}

function existingFile(input: string, exists = false): string {
  if (exists && !isFile(input)) throw new Error(`no file found at ${input}`)
  return input
}

const isFile = (path: string) => statSync(path, {throwIfNoEntry: false})?.isFile() ?? false

/** A whole number within `min` and `max`. */
export function integer<const S extends OptionSettings<number> & {readonly min?: number; readonly max?: number}>(
  settings: S,
): S & OptionFlag<number> {
  return {...settings, type: 'option', parse: (input) => wholeNumber(input, settings)}
}

function wholeNumber(input: string, {min, max}: {min?: number; max?: number}): number {
  const value = Number(input)
  if (!/^-?\d+$/.test(input.trim()) || !Number.isSafeInteger(value) || outside(value, min, max)) {
    const range =
      min !== undefined && max !== undefined ? ` from ${min} to ${max}` : min !== undefined ? ` of at least ${min}` : ''
    throw new Error(`expected a whole number${range}, got "${input}"`)
  }

  return value
}

const outside = (value: number, min?: number, max?: number) =>
  (min !== undefined && value < min) || (max !== undefined && value > max)

/** A positional argument. */
export function arg<const S extends Arg>(settings: S): S {
  return settings
}
