/**
 * The output directory is replaced whole, never half-written, never written through a link, and
 * what Terraform keeps in it survives. Real files in a scratch directory; the synthesis itself is
 * stood in for by writing the files it would write into the staging directory.
 */
import {afterEach, beforeEach, describe, expect, it} from '@jest/globals'
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {OutputDirError, stageOutput} from '../../src/infra/output-dir.js'

let scratch: string
let out: string

beforeEach(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'scaleplan-outdir-'))
  out = path.join(scratch, 'cdktf.out')
})
afterEach(() => rmSync(scratch, {recursive: true, force: true}))

/** What one synthesis writes: the manifest and one file per stack. */
function synthesizeInto(dir: string, stacks: readonly string[], version = 'new'): void {
  const manifest = {version: '0.21.0', stacks: Object.fromEntries(stacks.map((name) => [name, {name}]))}
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest))
  for (const stack of stacks) {
    mkdirSync(path.join(dir, 'stacks', stack), {recursive: true})
    writeFileSync(path.join(dir, 'stacks', stack, 'cdk.tf.json'), `{"${version}": true}`)
  }
}

function write(stacks: readonly string[], options: {force?: boolean; version?: string} = {}): string[] {
  const staged = stageOutput(out, {force: options.force})
  synthesizeInto(staged.dir, stacks, options.version)
  return staged.commit(stacks)
}

/** Every path under `dir` with its content (files), target (links) or "dir". */
function tree(dir: string): Record<string, string> {
  const entries: Record<string, string> = {}
  const walk = (relative: string) => {
    for (const name of readdirSync(path.join(dir, relative)).sort()) {
      const rel = path.join(relative, name)
      const stats = lstatSync(path.join(dir, rel))
      if (stats.isSymbolicLink()) entries[rel] = `-> ${readlinkSync(path.join(dir, rel))}`
      else if (stats.isDirectory()) {
        entries[rel] = 'dir'
        walk(rel)
      } else entries[rel] = readFileSync(path.join(dir, rel), 'utf8')
    }
  }

  walk('')
  return entries
}

const besideOut = () => readdirSync(scratch).filter((name) => name !== 'cdktf.out')

describe('stageOutput', () => {
  it('writes a new output whole and leaves nothing beside it', () => {
    expect(write(['shop-us-east-1'])).toEqual([])
    expect(tree(out)).toEqual({
      'manifest.json': expect.any(String),
      stacks: 'dir',
      'stacks/shop-us-east-1': 'dir',
      'stacks/shop-us-east-1/cdk.tf.json': '{"new": true}',
    })
    expect(besideOut()).toEqual([])
  })

  it("keeps Terraform's state, locks, working directory, plans and logs, and replaces only its own files", () => {
    write(['shop-us-east-1', 'shop-eu-west-1'], {version: 'old'})
    const stack = path.join(out, 'stacks/shop-us-east-1')
    const terraformFiles = {
      'terraform.shop-us-east-1.tfstate': '{"serial": 7}',
      'terraform.shop-us-east-1.tfstate.backup': '{"serial": 6}',
      'errored.tfstate': '{"serial": 8}',
      '.terraform.lock.hcl': 'provider "registry.terraform.io/hashicorp/aws" {}',
      '.terraform.tfstate.lock.info': '{"ID": "x"}',
      tfplan: 'plan',
      'scaleplan.log': '$ terraform apply',
      'policy-report.json': 'stale report',
    }
    for (const [file, text] of Object.entries(terraformFiles)) writeFileSync(path.join(stack, file), text)
    mkdirSync(path.join(stack, '.terraform/providers/registry.terraform.io'), {recursive: true})
    writeFileSync(path.join(stack, '.terraform/terraform.tfstate'), '{"backend": "s3"}')
    symlinkSync('/opt/tf-plugins/aws', path.join(stack, '.terraform/providers/registry.terraform.io/aws'))
    const stateInode = statSync(path.join(stack, 'terraform.shop-us-east-1.tfstate')).ino

    const stale = write(['shop-us-east-1'])
    const after = tree(out)
    for (const [file, text] of Object.entries(terraformFiles)) {
      if (file !== 'policy-report.json') expect(after[`stacks/shop-us-east-1/${file}`]).toBe(text)
    }

    expect(after['stacks/shop-us-east-1/policy-report.json']).toBeUndefined()
    expect(after['stacks/shop-us-east-1/cdk.tf.json']).toBe('{"new": true}')
    expect(after['stacks/shop-us-east-1/.terraform/terraform.tfstate']).toBe('{"backend": "s3"}')
    expect(after['stacks/shop-us-east-1/.terraform/providers/registry.terraform.io/aws']).toBe('-> /opt/tf-plugins/aws')
    // The state is the same file (a hard link), not a copy that could drift from it.
    expect(statSync(path.join(stack, 'terraform.shop-us-east-1.tfstate')).ino).toBe(stateInode)
    // A region no longer planned keeps its whole directory, and is reported.
    expect(stale).toEqual(['shop-eu-west-1'])
    expect(after['stacks/shop-eu-west-1/cdk.tf.json']).toBe('{"old": true}')
    expect(besideOut()).toEqual([])
  })

  it('leaves the old output byte for byte when the new one is discarded', () => {
    write(['shop-us-east-1'], {version: 'old'})
    const before = tree(out)
    const staged = stageOutput(out)
    synthesizeInto(staged.dir, ['shop-us-east-1'])
    staged.discard()
    staged.discard()
    expect(tree(out)).toEqual(before)
    expect(besideOut()).toEqual([])
  })

  it('refuses a directory of files scaleplan did not write, unless forced, and then keeps them', () => {
    mkdirSync(out)
    writeFileSync(path.join(out, 'manifest.json'), '{"artifacts": {}}')
    writeFileSync(path.join(out, 'notes.md'), 'mine')
    expect(() => stageOutput(out)).toThrow(OutputDirError)
    expect(() => stageOutput(out)).toThrow('it holds files scaleplan did not write (manifest.json, notes.md)')
    expect(besideOut()).toEqual([])
    write(['shop-us-east-1'], {force: true})
    expect(tree(out)['notes.md']).toBe('mine')
    expect(JSON.parse(tree(out)['manifest.json']!)).toHaveProperty('stacks')
  })

  it('refuses entries beside its own in an output it wrote, unless forced', () => {
    write(['shop-us-east-1'])
    writeFileSync(path.join(out, 'README.txt'), 'hand-written')
    expect(() => stageOutput(out)).toThrow('it holds files scaleplan did not write (README.txt)')
    write(['shop-us-east-1'], {force: true})
    expect(tree(out)['README.txt']).toBe('hand-written')
  })

  it("takes the caller's own files as its own: rewritten each run, forced or not, never linked through", () => {
    const writeWithRecord = (record: string, force = false) => {
      const staged = stageOutput(out, {force, ownFiles: ['record.json']})
      synthesizeInto(staged.dir, ['shop-us-east-1'])
      writeFileSync(path.join(staged.dir, 'record.json'), record)
      staged.commit(['shop-us-east-1'])
    }

    writeWithRecord('first')
    writeWithRecord('second')
    expect(tree(out)['record.json']).toBe('second')
    writeWithRecord('third', true)
    expect(tree(out)['record.json']).toBe('third')

    const target = path.join(scratch, 'elsewhere.txt')
    writeFileSync(target, 'precious')
    rmSync(path.join(out, 'record.json'))
    symlinkSync(target, path.join(out, 'record.json'))
    expect(() => stageOutput(out, {ownFiles: ['record.json']})).toThrow(
      'it holds symbolic links where scaleplan writes (record.json)',
    )
    writeWithRecord('fourth', true)
    expect(readFileSync(target, 'utf8')).toBe('precious')
    expect(tree(out)['record.json']).toBe('fourth')
  })

  it.each([
    ['a stack file', 'stacks/shop-us-east-1/cdk.tf.json'],
    ['the manifest', 'manifest.json'],
  ])('never writes through a symbolic link in place of %s: refused, or replaced when forced', (_, relative) => {
    write(['shop-us-east-1'])
    const target = path.join(scratch, 'elsewhere.txt')
    writeFileSync(target, 'precious')
    rmSync(path.join(out, relative))
    symlinkSync(target, path.join(out, relative))
    expect(() => stageOutput(out)).toThrow(`it holds symbolic links where scaleplan writes (${relative})`)
    write(['shop-us-east-1'], {force: true})
    expect(readFileSync(target, 'utf8')).toBe('precious')
    expect(lstatSync(path.join(out, relative)).isSymbolicLink()).toBe(false)
  })

  it('never writes through a linked stacks directory', () => {
    write(['shop-us-east-1'])
    const elsewhere = path.join(scratch, 'elsewhere')
    mkdirSync(path.join(elsewhere, 'shop-us-east-1'), {recursive: true})
    writeFileSync(path.join(elsewhere, 'shop-us-east-1/cdk.tf.json'), 'precious')
    rmSync(path.join(out, 'stacks'), {recursive: true})
    symlinkSync(elsewhere, path.join(out, 'stacks'))
    expect(() => stageOutput(out)).toThrow('symbolic links where scaleplan writes (stacks)')
    write(['shop-us-east-1'], {force: true})
    expect(readFileSync(path.join(elsewhere, 'shop-us-east-1/cdk.tf.json'), 'utf8')).toBe('precious')
  })

  it('refuses an output that is a link, a file, or holds the working directory, even forced', () => {
    mkdirSync(path.join(scratch, 'real'))
    symlinkSync(path.join(scratch, 'real'), out)
    expect(() => stageOutput(out, {force: true})).toThrow('is a symbolic link')
    rmSync(out)
    writeFileSync(out, 'x')
    expect(() => stageOutput(out, {force: true})).toThrow('is a file, not a directory')
    expect(() => stageOutput(process.cwd(), {force: true})).toThrow('holds the current directory')
    expect(() => stageOutput('/', {force: true})).toThrow('holds the current directory')
  })

  it('creates missing parents, and says which part of the path is a file', () => {
    out = path.join(scratch, 'a/b/cdktf.out')
    write(['shop-us-east-1'])
    expect(existsSync(path.join(out, 'manifest.json'))).toBe(true)
    writeFileSync(path.join(scratch, 'file'), '')
    expect(() => stageOutput(path.join(scratch, 'file/out'))).toThrow(/is not a directory/)
    stageOutput(path.join(scratch, 'x/y/cdktf.out')).discard()
    expect(existsSync(path.join(scratch, 'x'))).toBe(false)
  })

  it('puts back an output a killed run had set aside, and clears what killed runs left', () => {
    write(['shop-us-east-1'], {version: 'old'})
    const before = tree(out)
    // A run killed between its two renames (the process is gone: pid 2^22 + 1 is beyond pid_max).
    const aside = path.join(scratch, '.cdktf.out.old-4194305-0a0b0c0d')
    const staging = path.join(scratch, '.cdktf.out.tmp-4194305-0a0b0c0d')
    renameSync(out, aside)
    mkdirSync(staging)
    const staged = stageOutput(out)
    expect(staged.notes).toEqual([`${out} was put back as it was before a run that was interrupted while replacing it`])
    staged.discard()
    expect(tree(out)).toEqual(before)
    expect(besideOut()).toEqual([])
  })
})
