import {spawnSync} from 'node:child_process'
import {accessSync, constants, statSync} from 'node:fs'
import {delimiter, isAbsolute, join, resolve} from 'node:path'

export interface TerraformBinary {
  /** Absolute path of the executable. */
  readonly path: string
  /** How it was chosen, for the report: the flag or environment variable that named it, or `PATH`. */
  readonly source: string
  /** `terraform` or `tofu`, from the executable's name; `version -json` says which release. */
  readonly name: string
  readonly version: string
}

export class TerraformNotFoundError extends Error {
  override readonly name = 'TerraformNotFoundError'
}

const INSTALL_HINT =
  'install Terraform >= 1.11 (https://developer.hashicorp.com/terraform/install) or OpenTofu ' +
  '(https://opentofu.org/docs/intro/install/), or name the binary with --terraform-bin or SCALEPLAN_TERRAFORM_BIN'

/** A binary the user named, and where they named it (`--terraform-bin` or its environment variable). */
export interface NamedBinary {
  readonly value: string
  readonly source: string
}

/**
 * The binary the user named (the flag, or else its environment variable), or else `terraform`
 * on PATH, then `tofu` on PATH. scaleplan never downloads one.
 */
export function findTerraform(named: NamedBinary | undefined, pathEnv: string | undefined): TerraformBinary {
  let path: string | undefined
  let source = 'PATH'
  if (named) {
    source = named.source
    path = named.value.includes('/') ? resolve(named.value) : onPath(named.value, pathEnv)
    if (!path || !isExecutable(path)) {
      throw new TerraformNotFoundError(`${named.source}: "${named.value}" is not an executable file; ${INSTALL_HINT}`)
    }
  } else {
    path = onPath('terraform', pathEnv) ?? onPath('tofu', pathEnv)
    if (!path) throw new TerraformNotFoundError(`neither terraform nor tofu is on PATH; ${INSTALL_HINT}`)
  }

  return {path, source, name: path.split('/').at(-1)!, version: readVersion(path)}
}

function readVersion(path: string): string {
  const result = spawnSync(path, ['version', '-json'], {encoding: 'utf8', timeout: 30_000})
  if (result.status !== 0) {
    throw new TerraformNotFoundError(
      `${path} version -json failed (exit ${result.status}): ${firstLine(result.stderr)}; ${INSTALL_HINT}`,
    )
  }

  try {
    // OpenTofu keeps Terraform's key name in `version -json`.
    const version = (JSON.parse(result.stdout) as {terraform_version?: unknown}).terraform_version
    if (typeof version === 'string') return version
  } catch {
    // Not JSON: reported below as not Terraform.
  }

  throw new TerraformNotFoundError(`${path} version -json printed no terraform_version; is it Terraform or OpenTofu?`)
}

function onPath(name: string, pathEnv: string | undefined): string | undefined {
  for (const dir of (pathEnv ?? '').split(delimiter)) {
    if (!dir || !isAbsolute(dir)) continue
    const candidate = join(dir, name)
    if (isExecutable(candidate)) return candidate
  }

  return undefined
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return statSync(path).isFile()
  } catch {
    return false
  }
}

const firstLine = (text: string) => text.trim().split('\n')[0] ?? ''
