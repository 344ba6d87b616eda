/**
 * How synthesis reaches the output directory without ever leaving it half-written, and without
 * losing or writing through anything it did not create.
 *
 * Synthesis writes into a fresh directory beside the output (same file system, so renames are
 * atomic). Once every file is written, what the old output holds that synthesis does not write
 * (Terraform's state, lock files, `.terraform/`, saved plans, logs, whole stacks of regions no
 * longer planned) is carried into the new one by hard link (a copy where links are refused), and
 * the new directory takes the output's name: the old output goes aside by one rename, the new one
 * comes in by another, the old one is removed. Interrupted or out of space before that, the old
 * output is untouched and the staging directory is removed (or, after SIGKILL, cleaned up by the
 * next run); interrupted between the two renames, the next run puts the old output back.
 *
 * Symbolic links are never followed: one that synthesis would write over (a stack file, the
 * manifest, the stacks directory) is refused unless forced, and then replaced, not written
 * through; carried-over links are recreated as links. An output directory that holds anything
 * scaleplan did not write (no cdktf manifest, or other entries beside it) is refused unless forced.
 */
import {randomBytes} from 'node:crypto'
import {
  copyFileSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  renameSync,
  rmdirSync,
  rmSync,
  symlinkSync,
  type Stats,
} from 'node:fs'
import path from 'node:path'

import {asFileProblem, quotePath, withFileProblemSync} from '../files/file-problem.js'
import {makeDirectories} from '../files/make-directories.js'
import {kindOf} from '../files/read-bounded.js'

/** What synthesis writes at the top of the output directory. */
export const MANIFEST_FILE = 'manifest.json'
export const STACKS_DIR = 'stacks'
/** What synthesis writes in a stack directory; everything else there is carried over. */
export const GENERATED_STACK_FILES = ['cdk.tf.json', 'cdk.tf', 'metadata.json', 'policy-report.json'] as const

/** The output directory cannot be used as it is: a file, a symbolic link, or someone else's files. */
export class OutputDirError extends Error {
  override readonly name = 'OutputDirError'
}

export interface StagedOutput {
  /** Where to synthesize: a new, empty directory beside the output directory. */
  readonly dir: string
  /**
   * Lets a signal that arrived during synthesis (which runs without yielding) be handled now,
   * before anything is swapped in: the staging directory is removed and the process ends by it.
   */
  checkpoint(): Promise<void>
  /** What the old output had that needs saying: a restored interrupted run, entries left out. */
  readonly notes: readonly string[]
  /**
   * Carries over what the old output holds beyond synthesis's own files, then swaps the staged
   * directory in. Returns the stack directories of the old output that `stacks` no longer names
   * (carried over whole: they may hold state).
   */
  commit(stacks: readonly string[]): string[]
  /** Removes the staged directory; the old output stays as it was. Safe to call twice. */
  discard(): void
}

export interface StageOptions {
  /** Write over entries scaleplan did not create (replacing symbolic links, never following them). */
  readonly force?: boolean
  /** Files the caller writes at the top of the output beside the manifest (the synth record): its own, rewritten each run. */
  readonly ownFiles?: readonly string[]
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const

/**
 * Checks the output directory and creates the staging directory beside it; throws OutputDirError
 * for an output scaleplan must not replace, and FileProblem for a file system failure.
 */
export function stageOutput(outDir: string, {force = false, ownFiles = []}: StageOptions = {}): StagedOutput {
  const target = path.resolve(outDir)
  const parent = path.dirname(target)
  const base = path.basename(target)
  const cwd = process.cwd()
  if (target === parent || cwd === target || cwd.startsWith(`${target}${path.sep}`)) {
    // Replacing it would move the working directory (or the root) aside: never, even forced.
    throw new OutputDirError(
      `${quotePath(outDir)} holds the current directory; give a directory of its own, like ${path.join(outDir, 'cdktf.out')}`,
    )
  }

  const notes: string[] = []
  const createdParents = makeDirectories(parent, outDir)
  notes.push(...recoverInterruptedRun(parent, base, target, outDir))
  const own = new Set([MANIFEST_FILE, STACKS_DIR, ...ownFiles])
  const old = inspect(target, outDir, force, own)
  const staging = path.join(parent, `.${base}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`)

  let open = true
  // A signal during synthesis removes the staging directory, then ends the process as the
  // signal would have (so a parent sees "killed by SIGTERM", and the shell 143).
  const onSignal = (signal: NodeJS.Signals) => {
    discard()
    process.kill(process.pid, signal)
  }

  const release = () => {
    for (const signal of SIGNALS) process.off(signal, onSignal)
  }

  const discard = () => {
    if (!open) return
    open = false
    release()
    rmSync(staging, {recursive: true, force: true})
    // Parents created for this output go too, deepest first, if nothing else was put in them.
    for (const directory of createdParents.toReversed()) {
      try {
        rmdirSync(directory)
      } catch {
        break
      }
    }
  }

  // Listening before the staging directory exists: a signal that arrives the moment it is created
  // (the process may be descheduled right after mkdir on a loaded machine) must find the handler
  // that removes it, not the default action that would leave it behind.
  for (const signal of SIGNALS) process.once(signal, onSignal)
  try {
    withFileProblemSync(outDir, 'create a directory beside', () => mkdirSync(staging))
  } catch (error) {
    open = false
    release()
    throw error
  }

  return {
    dir: staging,
    notes,
    discard,
    // Signals reach JavaScript in the poll phase of the event loop. The first immediate may run
    // before any poll (straight after synchronous work); the second runs after a whole turn.
    checkpoint: () => new Promise((resolve) => setImmediate(() => setImmediate(resolve))),
    commit(stacks) {
      if (!open) throw new Error('the staged output was already committed or discarded')
      const stale = old.exists ? carryOver(target, staging, stacks, notes, outDir, own) : []
      swapIn(staging, target, parent, base, old.exists, outDir)
      open = false
      release()
      return stale
    },
  }
}

/**
 * Cleans up after a run that was killed: staging directories of processes that are gone, and an
 * old output set aside but never removed. When the output itself is missing and its set-aside
 * copy is there (killed between the two renames), the copy is put back.
 */
function recoverInterruptedRun(parent: string, base: string, target: string, outDir: string): string[] {
  const notes: string[] = []
  const leftovers = withFileProblemSync(outDir, 'list the directory of', () => readdirSync(parent)).filter(
    (name) => name.startsWith(`.${base}.tmp-`) || name.startsWith(`.${base}.old-`),
  )
  const dead = leftovers.filter((name) => !isRunning(Number(/-(\d+)-[0-9a-f]+$/.exec(name)?.[1])))
  const setAside = dead.filter((name) => name.startsWith(`.${base}.old-`))
  if (lstatOrUndefined(target, outDir) === undefined && setAside.length > 0) {
    if (setAside.length > 1) {
      // Which copy is the real one is for a person to say; nothing is removed.
      throw new OutputDirError(
        `${quotePath(outDir)} is missing and several interrupted runs left copies of it beside it ` +
          `(${sample(setAside)}); rename the right one to ${path.basename(target)}`,
      )
    }

    withFileProblemSync(outDir, 'restore', () => renameSync(path.join(parent, setAside[0]!), target))
    notes.push(`${outDir} was put back as it was before a run that was interrupted while replacing it`)
  }

  // Staging directories and set-aside outputs of finished runs hold nothing the output lacks.
  for (const name of dead.filter((name) => lstatOrUndefined(path.join(parent, name), outDir))) {
    withFileProblemSync(outDir, 'clean up beside', () =>
      rmSync(path.join(parent, name), {recursive: true, force: true}),
    )
  }

  return notes
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** What the output directory holds, refusing what synthesis must not replace. */
function inspect(target: string, outDir: string, force: boolean, own: ReadonlySet<string>): {exists: boolean} {
  const stats = lstatOrUndefined(target, outDir)
  if (stats === undefined) return {exists: false}
  if (stats.isSymbolicLink()) {
    throw new OutputDirError(
      `${quotePath(outDir)} is a symbolic link; scaleplan replaces the output directory as a whole, ` +
        'which would replace the link: give the directory it points to',
    )
  }

  if (!stats.isDirectory()) throw new OutputDirError(`${quotePath(outDir)} is ${kind(stats)}, not a directory`)
  const entries = list(target, outDir)
  if (entries.length === 0) return {exists: true}

  const foreign: string[] = []
  const links: string[] = []
  if (lstatOrUndefined(path.join(target, MANIFEST_FILE), outDir)?.isSymbolicLink()) {
    links.push(MANIFEST_FILE)
    foreign.push(...entries.filter((entry) => !own.has(entry)))
  } else if (!isManifest(path.join(target, MANIFEST_FILE), outDir)) {
    foreign.push(...entries)
  } else {
    for (const entry of entries) {
      if (!own.has(entry)) foreign.push(entry)
      else if (entry !== MANIFEST_FILE && entry !== STACKS_DIR) {
        // The caller's own files are rewritten each run: a link there is refused like the manifest's.
        const stats = lstatOrUndefined(path.join(target, entry), outDir)!
        if (stats.isSymbolicLink()) links.push(entry)
        else if (!stats.isFile()) foreign.push(entry)
      }
    }

    const stacksStats = entries.includes(STACKS_DIR)
      ? lstatOrUndefined(path.join(target, STACKS_DIR), outDir)
      : undefined
    if (stacksStats?.isSymbolicLink()) links.push(STACKS_DIR)
    else if (stacksStats && !stacksStats.isDirectory()) foreign.push(STACKS_DIR)
    else if (stacksStats) {
      for (const stack of list(path.join(target, STACKS_DIR), outDir)) {
        const relative = `${STACKS_DIR}/${stack}`
        const stackStats = lstatOrUndefined(path.join(target, relative), outDir)!
        if (stackStats.isSymbolicLink()) links.push(relative)
        else if (!stackStats.isDirectory()) foreign.push(relative)
        else {
          for (const file of GENERATED_STACK_FILES) {
            const fileStats = lstatOrUndefined(path.join(target, relative, file), outDir)
            if (fileStats?.isSymbolicLink()) links.push(`${relative}/${file}`)
            else if (fileStats && !fileStats.isFile()) foreign.push(`${relative}/${file}`)
          }
        }
      }
    }
  }

  if (force || (foreign.length === 0 && links.length === 0)) return {exists: true}
  const problems = [
    ...(links.length > 0
      ? [`it holds symbolic links where scaleplan writes (${sample(links)}), which scaleplan never writes through`]
      : []),
    ...(foreign.length > 0 ? [`it holds files scaleplan did not write (${sample(foreign)})`] : []),
  ]
  throw new OutputDirError(
    `${quotePath(outDir)}: ${problems.join('; ')}. Choose another directory, or pass --force to ` +
      'write the output there anyway (links are replaced, not followed; other files are kept)',
  )
}

/**
 * Links (or copies) into `staging` what the old output holds beyond the files synthesis writes:
 * in every stack directory synthesis writes, all but its own files; every other stack directory
 * whole; and, when forced, the other entries at the top. Returns the stacks no longer written.
 */
function carryOver(
  target: string,
  staging: string,
  stacks: readonly string[],
  notes: string[],
  outDir: string,
  own: ReadonlySet<string>,
): string[] {
  const current = new Set(stacks)
  const stale: string[] = []
  for (const entry of list(target, outDir)) {
    // Synthesis writes these afresh; the stacks directory is merged below.
    if (own.has(entry) && entry !== STACKS_DIR) continue
    const from = path.join(target, entry)
    const stats = lstatOrUndefined(from, outDir)!
    const shown = path.join(outDir, entry)
    if (entry !== STACKS_DIR || !stats.isDirectory()) {
      // Forced over someone else's files: kept. A link where the stacks go: replaced.
      if (entry !== STACKS_DIR) copyTree(from, path.join(staging, entry), shown, notes, outDir)
      continue
    }

    for (const stack of list(from, outDir)) {
      const stackFrom = path.join(from, stack)
      const stackTo = path.join(staging, STACKS_DIR, stack)
      const stackStats = lstatOrUndefined(stackFrom, outDir)!
      if (!current.has(stack)) {
        if (stackStats.isDirectory()) stale.push(stack)
        copyTree(stackFrom, stackTo, path.join(shown, stack), notes, outDir)
        continue
      }

      // A link where a stack synthesis writes goes (forced): the stack is written in its place.
      if (!stackStats.isDirectory()) continue
      for (const file of list(stackFrom, outDir)) {
        if ((GENERATED_STACK_FILES as readonly string[]).includes(file)) continue
        copyTree(path.join(stackFrom, file), path.join(stackTo, file), path.join(shown, stack, file), notes, outDir)
      }
    }
  }

  return stale.sort()
}

/**
 * Hard-links a file, recreates a link, recurses into a directory; never follows a link. `shown`
 * is the path as the user knows it, for notes.
 */
function copyTree(from: string, to: string, shown: string, notes: string[], outDir: string): void {
  const stats = lstatOrUndefined(from, outDir)
  if (stats === undefined) return
  withFileProblemSync(outDir, 'carry over files in', () => {
    if (stats.isDirectory()) {
      mkdirSync(to, {recursive: true, mode: stats.mode & 0o7777})
      for (const entry of readdirSync(from)) {
        copyTree(path.join(from, entry), path.join(to, entry), path.join(shown, entry), notes, outDir)
      }
    } else if (stats.isSymbolicLink()) {
      symlinkSync(readlinkSync(from), to)
    } else if (stats.isFile()) {
      linkOrCopy(from, to)
    } else {
      notes.push(`${shown} is ${kind(stats)}; it was left out of the new output`)
    }
  })
}

function linkOrCopy(from: string, to: string): void {
  try {
    linkSync(from, to)
  } catch (error) {
    // No hard links on this file system, or not allowed for this file: a copy keeps it just as well.
    const code = (error as NodeJS.ErrnoException).code
    if (!['EPERM', 'EXDEV', 'EMLINK', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'].includes(code ?? '')) throw error
    copyFileSync(from, to)
  }
}

/** The old output aside, the new one in, the old one gone; put back if the second rename fails. */
function swapIn(staging: string, target: string, parent: string, base: string, exists: boolean, outDir: string): void {
  if (!exists) {
    withFileProblemSync(outDir, 'write', () => renameSync(staging, target))
    return
  }

  const aside = path.join(parent, `.${base}.old-${process.pid}-${randomBytes(4).toString('hex')}`)
  withFileProblemSync(outDir, 'replace', () => renameSync(target, aside))
  try {
    renameSync(staging, target)
  } catch (error) {
    renameSync(aside, target)
    throw asFileProblem(error, outDir, 'replace')
  }

  // The old output's files that matter live on in the new one as links; this removes the rest.
  rmSync(aside, {recursive: true, force: true})
}

function isManifest(file: string, outDir: string): boolean {
  const stats = lstatOrUndefined(file, outDir)
  if (!stats?.isFile() || stats.size > 16 * 2 ** 20) return false
  try {
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as unknown
    return typeof manifest === 'object' && manifest !== null && 'stacks' in manifest && 'version' in manifest
  } catch {
    return false
  }
}

function lstatOrUndefined(file: string, outDir: string): Stats | undefined {
  try {
    return lstatSync(file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw asFileProblem(error, outDir, 'read')
  }
}

function list(dir: string, outDir: string): string[] {
  return withFileProblemSync(outDir, 'read', () => readdirSync(dir)).sort()
}

function sample(paths: readonly string[]): string {
  const shown = paths.slice(0, 3).join(', ')
  return paths.length > 3 ? `${shown} and ${paths.length - 3} more` : shown
}

function kind(stats: Stats): string {
  return stats.isFile() ? 'a file' : kindOf(stats)
}
