/**
 * The real Terraform and the real hashicorp/aws provider the plan suite runs against, and one
 * provider installation that every planned stack shares.
 *
 * No network: the provider comes from a local plugin directory (the layout `terraform init
 * -plugin-dir` takes: `<dir>/registry.terraform.io/hashicorp/aws/<version>/<os>_<arch>/`).
 */
import {spawnSync} from 'node:child_process'
import {copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import {homedir, tmpdir} from 'node:os'
import path from 'node:path'

import {findTerraform, TerraformNotFoundError} from '../../../src/terraform/binary.js'

/** The provider source the stacks require. */
const PROVIDER = 'registry.terraform.io/hashicorp/aws'
/** `state_key` in test run blocks (the growth test) arrived in Terraform 1.11. */
const MIN_TERRAFORM = [1, 11] as const

/**
 * Where to look when SCALEPLAN_TF_PLUGIN_DIR is not set: Terraform's implied local mirror
 * directories on Unix (https://developer.hashicorp.com/terraform/cli/config/config-file#implied-local-mirror-directories),
 * then the plugin directory of the project's CI image.
 */
export function pluginDirCandidates(env: NodeJS.ProcessEnv): string[] {
  const home = env.HOME ?? homedir()
  const xdgDataDirs = (env.XDG_DATA_DIRS ?? '/usr/local/share:/usr/share').split(':').filter(Boolean)
  return [
    path.join(home, '.terraform.d', 'plugins'),
    path.join(env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'terraform', 'plugins'),
    ...xdgDataDirs.map((dir) => path.join(dir, 'terraform', 'plugins')),
    '/opt/tf-plugins',
  ]
}

/** Versions of hashicorp/aws a plugin directory holds for this platform, newest first. */
export function providerVersionsIn(pluginDir: string, platform = currentPlatform()): string[] {
  const versionsDir = path.join(pluginDir, PROVIDER)
  if (!existsSync(versionsDir)) return []
  return readdirSync(versionsDir)
    .filter((version) => {
      const binaries = path.join(versionsDir, version, platform)
      return existsSync(binaries) && readdirSync(binaries).some((file) => file.startsWith('terraform-provider-aws'))
    })
    .sort(compareVersions)
    .reverse()
}

export interface Toolchain {
  readonly terraform: string
  readonly terraformVersion: string
  readonly pluginDir: string
  readonly providerVersion: string
}

/** What is missing, in one line, when the suite cannot run. */
export type ToolchainLookup =
  | {readonly ok: true; readonly toolchain: Toolchain}
  | {readonly ok: false; readonly missing: 'terraform' | 'provider'; readonly reason: string}

/**
 * Finds Terraform (SCALEPLAN_TERRAFORM_BIN, else PATH, as scaleplan itself does) and a plugin
 * directory holding hashicorp/aws (SCALEPLAN_TF_PLUGIN_DIR, else the first candidate that has it).
 */
export function findToolchain(env: NodeJS.ProcessEnv): ToolchainLookup {
  let terraform
  try {
    const named = env.SCALEPLAN_TERRAFORM_BIN
      ? {value: env.SCALEPLAN_TERRAFORM_BIN, source: 'SCALEPLAN_TERRAFORM_BIN'}
      : undefined
    terraform = findTerraform(named, env.PATH)
  } catch (error) {
    if (error instanceof TerraformNotFoundError) return {ok: false, missing: 'terraform', reason: error.message}
    throw error
  }
  if (terraform.name !== 'terraform' || !atLeast(terraform.version, MIN_TERRAFORM)) {
    return {
      ok: false,
      missing: 'terraform',
      reason: `${terraform.path} is ${terraform.name} ${terraform.version}; the plan suite needs Terraform >= ${MIN_TERRAFORM.join('.')}`,
    }
  }

  const named = env.SCALEPLAN_TF_PLUGIN_DIR
  const candidates = named ? [named] : pluginDirCandidates(env)
  for (const pluginDir of candidates) {
    const [providerVersion] = providerVersionsIn(pluginDir)
    if (providerVersion !== undefined) {
      return {
        ok: true,
        toolchain: {terraform: terraform.path, terraformVersion: terraform.version, pluginDir, providerVersion},
      }
    }
  }
  const where = named ? `SCALEPLAN_TF_PLUGIN_DIR=${named}` : `any of ${candidates.join(', ')}`
  return {
    ok: false,
    missing: 'provider',
    reason: `no ${PROVIDER} provider for ${currentPlatform()} in ${where}; set SCALEPLAN_TF_PLUGIN_DIR to the directory that holds registry.terraform.io/`,
  }
}

/**
 * A workspace for one run of the suite: the provider installed once (`terraform init` hashes the
 * 700 MB binary, about 2 s) into a data directory every stack then shares through TF_DATA_DIR,
 * with its lock file; and an environment that cannot reach a real AWS account.
 */
export interface Workspace {
  readonly root: string
  readonly toolchain: Toolchain
  /** `.terraform.lock.hcl` to copy next to each stack. */
  readonly lockFile: string
  /** The environment every terraform call runs with. */
  readonly env: NodeJS.ProcessEnv
  readonly dispose: () => void
}

export function createWorkspace(toolchain: Toolchain, parentEnv: NodeJS.ProcessEnv = process.env): Workspace {
  const root = mkdtempSync(path.join(tmpdir(), 'scaleplan-plan-'))
  // An empty CLI configuration: a developer's ~/.terraformrc (credentials, mirrors) plays no part.
  const cliConfig = path.join(root, 'terraformrc')
  writeFileSync(cliConfig, '')
  const env: NodeJS.ProcessEnv = {
    ...Object.fromEntries(
      Object.entries(parentEnv).filter(([key]) => !key.startsWith('AWS_') && !key.startsWith('TF_')),
    ),
    TF_CLI_CONFIG_FILE: cliConfig,
    TF_DATA_DIR: path.join(root, 'terraform-data'),
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    CHECKPOINT_DISABLE: '1',
    // Never a real account: no shared config or credentials files, no instance metadata.
    AWS_CONFIG_FILE: path.join(root, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(root, 'no-aws-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
  }

  const boot = path.join(root, 'boot')
  mkdirSync(boot)
  writeFileSync(
    path.join(boot, 'main.tf'),
    `terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = "${toolchain.providerVersion}"\n    }\n  }\n}\n`,
  )
  const init = spawnSync(
    toolchain.terraform,
    [`-chdir=${boot}`, 'init', '-backend=false', `-plugin-dir=${toolchain.pluginDir}`, '-input=false', '-no-color'],
    {env, encoding: 'utf8', timeout: 120_000},
  )
  if (init.status !== 0) {
    rmSync(root, {recursive: true, force: true})
    throw new Error(`terraform init of the shared provider failed (exit ${init.status}):\n${init.stdout}${init.stderr}`)
  }
  const lockFile = path.join(root, '.terraform.lock.hcl')
  copyFileSync(path.join(boot, '.terraform.lock.hcl'), lockFile)
  return {root, toolchain, lockFile, env, dispose: () => rmSync(root, {recursive: true, force: true})}
}

function currentPlatform(): string {
  const arch = {x64: 'amd64', arm64: 'arm64', ia32: '386', arm: 'arm'}[process.arch as string] ?? process.arch
  return `${process.platform}_${arch}`
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number)
  const pb = b.split('.').map(Number)
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0)
    if (diff !== 0) return diff
  }
  return 0
}

function atLeast(version: string, minimum: readonly number[]): boolean {
  return compareVersions(version.replace(/-.*$/, ''), minimum.join('.')) >= 0
}
