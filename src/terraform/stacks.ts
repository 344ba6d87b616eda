import {readFileSync} from 'node:fs'
import {join, resolve} from 'node:path'

import type {StackNode} from './schedule.js'

export interface StackInfo extends StackNode {
  /** Absolute working directory of the stack. */
  readonly dir: string
}

interface CdktfManifest {
  readonly stacks: Record<
    string,
    {readonly name: string; readonly workingDirectory: string; readonly dependencies?: readonly string[]}
  >
}

/**
 * The synthesized stacks and their dependencies, from the cdktf manifest in `outDir`, in the
 * order of `order` (the spec's region order, primary first) where given.
 */
export function readStacks(outDir: string, order: readonly string[] = []): StackInfo[] {
  const manifest = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8')) as CdktfManifest
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length)
  return Object.values(manifest.stacks)
    .map((stack) => ({
      name: stack.name,
      dir: resolve(outDir, stack.workingDirectory),
      dependsOn: stack.dependencies ?? [],
    }))
    .sort((a, b) => rank(a.name) - rank(b.name))
}

/** Destroying runs the dependency graph backwards: replicas go before the primary they copy. */
export function reversed(stacks: readonly StackInfo[]): StackInfo[] {
  return stacks.map((stack) => ({
    ...stack,
    dependsOn: stacks.filter((other) => other.dependsOn.includes(stack.name)).map((other) => other.name),
  }))
}
