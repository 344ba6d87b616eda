/**
 * Imports follow the pipeline (README, "Development"): a core folder imports only the folders
 * before it, the shell imports the core and never the other way round, and no two folders import
 * each other, directly or around a cycle. The rule is the folder order below, not a list of
 * files: a new file in a placed folder is checked as it is, and a new folder must be placed
 * here unless it is a leaf (it imports no other folder, so it cannot turn the pipeline around).
 */
import {describe, expect, it} from '@jest/globals'
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import ts from 'typescript'

const SRC = fileURLToPath(new URL('../../src/', import.meta.url))

/** The shared contract: every folder may import it; it imports none. */
const CONTRACT = 'topology'
/** The pure core in pipeline order; folders on one rank are peers and do not import each other. */
const PIPELINE: readonly (readonly string[])[] = [
  ['spec'],
  ['capacity'],
  ['cost', 'calibrate'],
  ['forecast'],
  ['render', 'infra'],
  ['terraform'],
]
/** The shell: commands, their shared code, the wizard, and the entry points at the top of src/. */
const SHELL = new Set(['commands', 'cli', 'wizard', '(entry points)'])

/** A module's folder under src/: its first path segment, or "(entry points)" for files at the top. */
const folderOf = (file: string) => {
  const [first, ...rest] = path.relative(SRC, file).split(path.sep)
  return rest.length === 0 ? '(entry points)' : first!
}

const rankOf = (folder: string) => PIPELINE.findIndex((rank) => rank.includes(folder))

interface Edge {
  readonly from: string
  readonly to: string
  readonly file: string
  readonly specifier: string
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return entry.name.endsWith('.ts') ? [full] : []
  })
}

/** Every import between two folders of src/: static, type-only, re-exports and `import()` alike. */
function folderImports(): Edge[] {
  return sourceFiles(SRC).flatMap((file) =>
    ts
      .preProcessFile(readFileSync(file, 'utf8'), true, true)
      .importedFiles.map((imported) => imported.fileName)
      .filter((specifier) => specifier.startsWith('.'))
      .map((specifier) => ({
        from: folderOf(file),
        to: folderOf(path.resolve(path.dirname(file), specifier)),
        file: path.relative(SRC, file),
        specifier,
      }))
      .filter((edge) => edge.from !== edge.to),
  )
}

/** Why an import between two folders breaks the order, or undefined when it follows it. */
function violation(from: string, to: string, leaves: ReadonlySet<string>): string | undefined {
  if (to === CONTRACT || leaves.has(to)) return undefined
  if (from === CONTRACT) return `${CONTRACT}/ is the shared contract and imports no other folder`
  if (SHELL.has(from)) return undefined
  if (SHELL.has(to)) return `the core never imports the shell (${to}/)`
  const [fromRank, toRank] = [rankOf(from), rankOf(to)]
  if (fromRank === -1) return `${from}/ is not placed in the pipeline order: add it to PIPELINE (or make it a leaf)`
  if (toRank === -1) return `${to}/ is not placed in the pipeline order: add it to PIPELINE (or make it a leaf)`
  if (toRank === fromRank) return `${from}/ and ${to}/ are peers in the pipeline and do not import each other`
  if (toRank > fromRank) return `${to}/ comes after ${from}/ in the pipeline`
  return undefined
}

/** Folders that import no other folder (bar the contract): safe for anyone to import. */
function leafFolders(edges: readonly Edge[]): Set<string> {
  const placed = new Set([CONTRACT, ...PIPELINE.flat(), ...SHELL])
  const all = new Set(edges.flatMap((edge) => [edge.from, edge.to]))
  return new Set(
    [...all].filter(
      (folder) => !placed.has(folder) && !edges.some((edge) => edge.from === folder && edge.to !== CONTRACT),
    ),
  )
}

/** Folder cycles, each as the folders on it (Tarjan's strongly connected components). */
function cycles(edges: readonly {from: string; to: string}[]): string[][] {
  const next = new Map<string, Set<string>>()
  for (const {from, to} of edges) next.set(from, (next.get(from) ?? new Set()).add(to))
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const found: string[][] = []
  const visit = (node: string) => {
    index.set(node, index.size)
    low.set(node, index.get(node)!)
    stack.push(node)
    for (const to of next.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to)
        low.set(node, Math.min(low.get(node)!, low.get(to)!))
      } else if (stack.includes(to)) {
        low.set(node, Math.min(low.get(node)!, index.get(to)!))
      }
    }

    if (low.get(node) === index.get(node)) {
      const component: string[] = []
      let member: string
      do {
        member = stack.pop()!
        component.push(member)
      } while (member !== node)
      if (component.length > 1) found.push(component.sort())
    }
  }

  for (const node of next.keys()) if (!index.has(node)) visit(node)
  return found
}

describe('import direction', () => {
  const edges = folderImports()
  const leaves = leafFolders(edges)

  it('reads the imports it judges (a sanity check on the scanner)', () => {
    expect(edges).toContainEqual(
      expect.objectContaining({from: 'commands', to: 'cli', file: path.join('commands', 'recommend.ts')}),
    )
    // `import()` counts too: synth loads infra/ lazily.
    expect(edges).toContainEqual(
      expect.objectContaining({from: 'cli', to: 'infra', specifier: '../infra/synthesize.js'}),
    )
  })

  it('follows the pipeline: spec < capacity < cost < render, infra < terraform; topology/ shared; the shell on top', () => {
    const wrong = edges.flatMap((edge) => {
      const why = violation(edge.from, edge.to, leaves)
      return why === undefined ? [] : [`${edge.file} imports ${edge.specifier}: ${why}`]
    })
    expect(wrong).toEqual([])
  })

  it('has no cycle between folders', () => {
    expect(cycles(edges)).toEqual([])
  })

  it('keeps every cdktf import inside infra/, so a move to the CDK Terrain fork is one folder', () => {
    const outside = sourceFiles(SRC)
      .filter((file) => folderOf(file) !== 'infra')
      .flatMap((file) =>
        ts
          .preProcessFile(readFileSync(file, 'utf8'), true, true)
          .importedFiles.map((imported) => imported.fileName)
          .filter((specifier) => /^(cdktf|constructs|@cdktf\/)/.test(specifier))
          .map((specifier) => `${path.relative(SRC, file)} imports ${specifier}`),
      )
    expect(outside).toEqual([])
  })

  it('judges what it should: a few imports against the order are caught', () => {
    const none = new Set<string>()
    expect(violation('capacity', 'cost', none)).toMatch(/comes after/)
    expect(violation('render', 'infra', none)).toMatch(/peers/)
    expect(violation('infra', 'cli', none)).toMatch(/never imports the shell/)
    expect(violation('topology', 'spec', none)).toMatch(/shared contract/)
    expect(violation('billing', 'spec', none)).toMatch(/not placed/)
    expect(violation('commands', 'terraform', none)).toBeUndefined()
    expect(
      cycles([
        {from: 'a', to: 'b'},
        {from: 'b', to: 'c'},
        {from: 'c', to: 'a'},
        {from: 'c', to: 'd'},
      ]),
    ).toEqual([['a', 'b', 'c']])
  })
})
