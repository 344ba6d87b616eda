/**
 * Parses a command line against a command's flags and arguments (`flags.ts`), the way people
 * expect of a Unix tool and of oclif CLIs: `--name value` and `--name=value`, `-c value`, `--`
 * ending the flags, `--no-<name>` for a negatable switch, a flag's environment variable when the
 * flag is not given, then its default.
 *
 * Every problem is found, not only the first, and each is said in scaleplan's voice, naming the
 * flag or the environment variable the bad value came from: `SCALEPLAN_STAGE: expected a whole
 * number from 1 to 7, got "9"`.
 */
import {closest} from '../spec/regions.js'
import {UsageError} from './errors.js'
import type {ArgSet, ArgValues, Flag, FlagSet, FlagValues} from './flags.js'

export interface CommandLine<F extends FlagSet, A extends ArgSet> {
  readonly flags: F
  readonly args?: A
  /** Where problems send people, e.g. "see `scaleplan recommend --help`". */
  readonly help: string
}

export interface Parsed<F extends FlagSet, A extends ArgSet> {
  readonly flags: FlagValues<F>
  readonly args: ArgValues<A>
  /** What the command line should change, though it works: an old name of a flag. */
  readonly warnings: readonly string[]
}

/** Parses `argv`; throws UsageError with every problem found. */
export function parseCommandLine<F extends FlagSet, A extends ArgSet>(
  argv: readonly string[],
  line: CommandLine<F, A>,
  env: NodeJS.ProcessEnv = process.env,
): Parsed<F, A> {
  const {given, positional, problems, warnings} = tokenize(argv, line)
  if (problems.length > 0) throw new UsageError(problems)

  const flags: Record<string, unknown> = {}
  /** Flags given on the command line or by their variable, rather than defaulted. */
  const provided = new Set<string>()
  const source = (name: string) => (given.has(name) ? `--${name}` : line.flags[name]!.env!)
  for (const [name, flag] of Object.entries(line.flags)) {
    const typed = given.get(name)
    const fromEnv = typed === undefined && flag.env !== undefined && env[flag.env] ? env[flag.env] : undefined
    if (typed !== undefined || fromEnv !== undefined) provided.add(name)
    if (flag.type === 'boolean') {
      const unsaid = flag.allowNo ? undefined : false
      flags[name] = typed === undefined ? (fromEnv === undefined ? unsaid : isTruthy(fromEnv)) : typed.at(-1) === 'true'
      continue
    }

    const inputs = typed ?? (fromEnv === undefined ? [] : [fromEnv])
    const values = inputs.flatMap((input) => {
      const why = optionProblem(flag, input) ?? parseProblem(flag, input)
      if (typeof why === 'string') {
        problems.push(`${source(name)}: ${why}`)
        return []
      }
      return [why.value]
    })
    if (inputs.length > 0) {
      flags[name] = flag.multiple ? values : values[0]
    } else {
      flags[name] = flag.multiple ? undefined : flag.default
      if (flag.required) problems.push(requiredProblem(name, flag))
    }
  }

  for (const [name, flag] of Object.entries(line.flags)) {
    const missing = (flag.dependsOn ?? []).filter((other) => !provided.has(other) && flags[other] === undefined)
    if (provided.has(name) && missing.length > 0) {
      problems.push(`${source(name)}: needs ${missing.map((other) => `--${other}`).join(' and ')} too`)
    }
  }

  const names = Object.keys(line.args ?? {})
  const args = Object.fromEntries(names.map((name, i) => [name, positional[i]]))
  const extra = positional.slice(names.length)
  if (extra.length > 0) {
    problems.push(
      `unexpected argument${extra.length > 1 ? 's' : ''} ${extra.map((a) => `"${a}"`).join(', ')}; ${line.help}`,
    )
  }

  if (problems.length > 0) throw new UsageError(problems)
  return {flags: flags as FlagValues<F>, args: args as ArgValues<A>, warnings}
}

interface Tokens {
  /** The values typed for each flag by name, in order ("true"/"false" for a switch). */
  readonly given: Map<string, string[]>
  readonly positional: string[]
  readonly problems: string[]
  readonly warnings: string[]
}

function tokenize(argv: readonly string[], line: CommandLine<FlagSet, ArgSet>): Tokens {
  const given = new Map<string, string[]>()
  const positional: string[] = []
  const problems: string[] = []
  const warnings = new Set<string>()
  const find = flagFinder(line.flags)
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!
    if (token === '--') {
      positional.push(...argv.slice(i + 1))
      break
    }

    const found = find(token)
    if (found === undefined && !isFlagLike(token)) {
      positional.push(token)
      continue
    }

    if (found === undefined) {
      const typed = token.split('=')[0]!
      problems.push(`${typed}: not a flag of this command${didYouMean(typed, line.flags)}; ${line.help}`)
      continue
    }

    const {name, flag, inline, negated, alias} = found
    if (alias !== undefined && flag.deprecateAliases)
      warnings.add(`"--${alias}" is deprecated: use "--${name}" instead`)
    const values = given.get(name) ?? []
    given.set(name, values)
    if (flag.type === 'boolean') {
      if (inline !== undefined) problems.push(`--${name}: takes no value, got "${inline}"`)
      values.push(negated ? 'false' : 'true')
      continue
    }

    const next = argv[i + 1]
    const value = inline ?? (next === undefined || find(next) !== undefined ? undefined : argv[++i])
    if (value === undefined) {
      problems.push(
        `--${name}: needs a value, ${flag.options ? `one of ${flag.options.join(', ')}` : `like --${name} ${flag.helpValue ?? 'VALUE'}`}`,
      )
    } else if (values.length > 0 && !flag.multiple) {
      problems.push(`--${name}: given more than once; it takes one value`)
    } else {
      values.push(value)
    }
  }

  return {given, positional, problems, warnings: [...warnings]}
}

/** A word that reads as a flag: a dash and more, except a negative number ("-" is stdin or stdout by convention). */
const isFlagLike = (token: string) => token.startsWith('-') && token !== '-' && !/^-\d/.test(token)

interface Found {
  readonly name: string
  readonly flag: Flag
  /** The value after `=`, or after the letter of a short flag (`-ofile`). */
  readonly inline?: string
  readonly negated?: boolean
  /** The other name the flag was given by. */
  readonly alias?: string
}

/** Finds the flag a token names: `--name`, `--name=value`, an alias, `--no-name`, `-c` or `-cvalue`. */
function flagFinder(flags: FlagSet): (token: string) => Found | undefined {
  const byName = new Map<string, string>()
  const byChar = new Map<string, string>()
  for (const [name, flag] of Object.entries(flags)) {
    byName.set(name, name)
    for (const alias of flag.aliases ?? []) byName.set(alias, name)
    if (flag.char) byChar.set(flag.char, name)
  }

  const found = (name: string | undefined, extra: Omit<Found, 'name' | 'flag'> = {}): Found | undefined =>
    name === undefined ? undefined : {name, flag: flags[name]!, ...extra}
  return (token) => {
    if (!isFlagLike(token)) return undefined
    if (!token.startsWith('--')) {
      const name = byChar.get(token.charAt(1))
      if (name === undefined || token.length === 2) return found(name)
      return found(name, {inline: token.slice(token.charAt(2) === '=' ? 3 : 2)})
    }

    const equals = token.indexOf('=')
    const long = token.slice(2, equals === -1 ? undefined : equals)
    const inline = equals === -1 ? undefined : token.slice(equals + 1)
    const name = byName.get(long)
    if (name !== undefined) {
      return found(name, {...(inline === undefined ? {} : {inline}), ...(long === name ? {} : {alias: long})})
    }
    const negated = long.startsWith('no-') ? byName.get(long.slice(3)) : undefined
    const flag = negated === undefined ? undefined : flags[negated]
    if (flag?.type === 'boolean' && flag.allowNo)
      return found(negated, {negated: true, ...(inline === undefined ? {} : {inline})})
    return undefined
  }
}

function optionProblem(flag: Flag, input: string): string | undefined {
  if (flag.type !== 'option' || flag.options === undefined || flag.options.includes(input)) return undefined
  return `expected one of ${flag.options.join(', ')}, got "${input}"`
}

function parseProblem(flag: Flag, input: string): string | {value: unknown} {
  if (flag.type !== 'option') return {value: input}
  try {
    return {value: flag.parse(input)}
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    return message.charAt(0).toLowerCase() + message.slice(1)
  }
}

function requiredProblem(name: string, flag: Flag): string {
  const example = `--${name} ${flag.type === 'option' ? (flag.helpValue ?? 'VALUE') : ''}`.trimEnd()
  return `--${name}: required, like ${example}${flag.env ? ` (or set ${flag.env})` : ''}`
}

/** `--user` -> ` (did you mean --users?)` when a flag people see is that close. */
function didYouMean(typed: string, flags: FlagSet): string {
  const name = typed.replace(/^-+/, '')
  const visible = Object.keys(flags).filter((flag) => !flags[flag]!.hidden)
  const suggestion = closest(name, visible, Math.max(2, Math.floor(name.length / 3)))
  return suggestion ? ` (did you mean --${suggestion}?)` : ''
}

/** How oclif and most CLIs read a switch from the environment: "true" or "1". */
const isTruthy = (value: string) => ['true', '1'].includes(value.trim().toLowerCase())
