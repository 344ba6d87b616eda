import {lstat, realpath} from 'node:fs/promises'
import {join, posix, relative, resolve, sep} from 'node:path'
import * as z from 'zod'

import {FileProblem, quotePath} from '../files/file-problem.js'
import {readBoundedText} from '../files/read-bounded.js'
import type {StackNode} from './schedule.js'

export interface StackInfo extends StackNode {
  /** Absolute working directory of the stack, inside `<outDir>/stacks`. */
  readonly dir: string
}

/** The manifest synth writes is a few KiB per stack; anything near this is not one. */
const MAX_MANIFEST_BYTES = 16 * 2 ** 20

/** The cdktf manifest as scaleplan writes it; a manifest is read from disk, so it can hold anything. */
const manifestSchema = z.looseObject({
  stacks: z.record(
    z.string(),
    z.looseObject({
      name: z
        .string()
        .regex(/^[a-z0-9][a-z0-9-]{0,127}$/, 'expected a stack name of lower-case letters, digits and dashes'),
      workingDirectory: z.string(),
      dependencies: z.array(z.string()).optional(),
    }),
  ),
})

/** The output directory does not hold stacks scaleplan can run: no manifest, or one that points elsewhere. */
export class StacksError extends Error {
  override readonly name = 'StacksError'
}

/**
 * The synthesized stacks and their dependencies, from the cdktf manifest in `outDir`, in the
 * order of `order` (the spec's region order, primary first) where given.
 *
 * Terraform runs in each stack's `workingDirectory`, so the manifest is checked before anything
 * runs there: every working directory is `stacks/<name>` inside `outDir`, a real directory and no
 * symbolic link, so a manifest edited by hand or by an attacker cannot send Terraform (and the
 * state and secrets it writes) anywhere else.
 */
export async function readStacks(outDir: string, order: readonly string[] = []): Promise<StackInfo[]> {
  const file = join(outDir, 'manifest.json')
  let text: string
  try {
    text = readBoundedText(file, {maxBytes: MAX_MANIFEST_BYTES, what: 'the manifest scaleplan synth writes'})
  } catch (error) {
    if (error instanceof FileProblem && error.code === 'ENOENT') {
      throw new StacksError(
        `no synthesized stacks in ${quotePath(outDir)} (no manifest.json); run scaleplan synth or apply first`,
      )
    }

    throw error
  }

  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new StacksError(`${quotePath(file)} is not JSON; run scaleplan synth to write it again`)
  }

  const parsed = manifestSchema.safeParse(value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new StacksError(`${quotePath(file)} is not a cdktf manifest: ${issue.path.join('.')}: ${issue.message}`)
  }

  const root = await realpath(outDir)
  const stacksRoot = join(root, 'stacks')
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length)
  const stacks = await Promise.all(
    Object.values(parsed.data.stacks).map(async (stack) => {
      const expected = posix.join('stacks', stack.name)
      if (stack.workingDirectory !== expected) {
        throw new StacksError(
          `${quotePath(file)}: stack ${stack.name} runs in ${JSON.stringify(stack.workingDirectory).slice(0, 200)}, ` +
            `not ${expected}; scaleplan runs Terraform only inside ${quotePath(join(outDir, 'stacks'))}`,
        )
      }

      const dir = resolve(root, stack.workingDirectory)
      const inside = relative(stacksRoot, dir)
      const stats = await lstat(dir).catch(() => undefined)
      if (inside.startsWith('..') || inside.includes(sep) || !stats?.isDirectory()) {
        const what = stats?.isSymbolicLink() ? 'a symbolic link' : stats ? 'not a directory' : 'missing'
        throw new StacksError(
          `${quotePath(join(outDir, expected))} is ${what}; run scaleplan synth to write the stacks again`,
        )
      }

      return {name: stack.name, dir, dependsOn: stack.dependencies ?? []}
    }),
  )
  return stacks.sort((a, b) => rank(a.name) - rank(b.name))
}

/** Destroying runs the dependency graph backwards: replicas go before the primary they copy. */
export function reversed(stacks: readonly StackInfo[]): StackInfo[] {
  return stacks.map((stack) => ({
    ...stack,
    dependsOn: stacks.filter((other) => other.dependsOn.includes(stack.name)).map((other) => other.name),
  }))
}
