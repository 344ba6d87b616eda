/**
 * Growth against a state: stage N is "applied" into a test state, then stage N+1 is planned
 * against that state with the real provider, which decides what it would update in place and
 * what it would replace. No AWS account: the apply uses Terraform's mock provider.
 *
 * One `terraform test` file, three runs sharing one state (`state_key`):
 *   before   apply  stage N, mock provider (computed values invented, ARNs and ids well-formed)
 *   control  plan   stage N again, real provider, no refresh: must replace nothing, or the
 *                   state is not a faithful stand-in for what AWS would hold
 *   after    plan   stage N+1, real provider, no refresh: the plan under test
 *
 * The mock provider knows no provider defaults (the real one fills in `instance_tenancy =
 * "default"` and the like), so stage N's copy sets them explicitly: every optional, non-computed
 * argument the real plan of stage N knew a value for. Without that, the real provider would see
 * them change from null and plan replacements that would never happen.
 */
import {mkdirSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {FAKE_ACCOUNT_ID, dataOverrides} from './data-overrides.js'
import {
  readStackConfig,
  relaxProviderPin,
  run,
  runTerraformTest,
  withFakeCredentials,
  writeTestFile,
  type PlannedChange,
  type ResourceSchemas,
  type StackPlan,
} from './plan-stack.js'
import type {Workspace} from './toolchain.js'

type Body = Record<string, unknown>
interface StackJson {
  terraform?: Body
  resource?: Record<string, Record<string, Body>>
}

/** Ids the provider validates by prefix when another resource refers to them. */
const MOCK_IDS: Readonly<Record<string, string>> = {
  aws_vpc: 'vpc-0a1b2c3d4e5f60001',
  aws_subnet: 'subnet-0a1b2c3d4e5f60001',
  aws_security_group: 'sg-0a1b2c3d4e5f60001',
  aws_default_security_group: 'sg-0a1b2c3d4e5f60002',
  aws_internet_gateway: 'igw-0a1b2c3d4e5f60001',
  aws_nat_gateway: 'nat-0a1b2c3d4e5f60001',
  aws_eip: 'eipalloc-0a1b2c3d4e5f60001',
  aws_route_table: 'rtb-0a1b2c3d4e5f60001',
  aws_route_table_association: 'rtbassoc-0a1b2c3d4e5f60001',
  aws_launch_template: 'lt-0a1b2c3d4e5f60001',
  aws_instance: 'i-0a1b2c3d4e5f60001',
}

/**
 * Computed values AWS fills in that the plan cannot know, where the provider replaces the
 * resource when state and configuration disagree. The control run finds any that are missing.
 */
const AWS_COMPUTED: Readonly<Record<string, Body>> = {
  // HTTP and HTTPS target groups answer HTTP1 unless configured otherwise.
  aws_lb_target_group: {protocol_version: 'HTTP1'},
  // RDS keeps the master password of an instance it manages in a secret of its own.
  aws_db_instance: {
    master_user_secret: [
      {
        secret_arn: `arn:aws:secretsmanager:us-east-1:${FAKE_ACCOUNT_ID}:secret:rds!db-mock-AbCdEf`,
        kms_key_id: `arn:aws:kms:us-east-1:${FAKE_ACCOUNT_ID}:key/mock`,
        secret_status: 'active',
      },
    ],
  },
}

/**
 * Values that follow from a resource's own configuration, which a mock cannot know: ACM's DNS
 * validation record for each of a certificate's names (a CNAME, as ACM issues them).
 */
function configuredValues(type: string, body: Body): Body {
  if (type !== 'aws_acm_certificate') return {}
  const names = [body.domain_name, ...((body.subject_alternative_names as unknown[] | undefined) ?? [])]
  return {
    domain_validation_options: names.map((name, index) => ({
      domain_name: name,
      // Without the trailing dot, as the record resource stores names.
      resource_record_name: `_mock${index}.${String(name)}`,
      resource_record_type: 'CNAME',
      resource_record_value: `_mock${index}.acm-validations.aws.`,
    })),
  }
}

export interface GrowthStack {
  /** The synthesized stack directory (JSON). */
  readonly stackDir: string
  /** Its plan from the matrix: the values the real provider fills in. */
  readonly plan: StackPlan
}

export interface GrowthPlans {
  readonly control: StackPlan
  readonly after: StackPlan
  /** `terraform test` output, for failure messages. */
  readonly output: string
  readonly passed: boolean
}

/** Applies `before` into a test state and plans `control` (before again) and `after` against it. */
export async function planGrowth(
  workspace: Workspace,
  label: string,
  before: GrowthStack,
  after: GrowthStack,
  into: string,
): Promise<GrowthPlans> {
  mkdirSync(into, {recursive: true})
  const providerVersion = workspace.toolchain.providerVersion
  const beforeJson = readJsonStack(before.stackDir, providerVersion)
  writeModule(path.join(into, 'before'), withDefaults(beforeJson, before.plan.changes ?? [], before.plan.schemas ?? {}))
  writeModule(path.join(into, 'control'), readJsonStack(before.stackDir, providerVersion))
  writeModule(path.join(into, 'after'), readJsonStack(after.stackDir, providerVersion))
  writeFileSync(
    path.join(into, 'main.tf.json'),
    JSON.stringify({
      terraform: {required_providers: {aws: {source: 'hashicorp/aws', version: `>= ${providerVersion}`}}},
    }),
  )
  writeFileSync(path.join(into, '.terraform.lock.hcl'), readFileSync(workspace.lockFile))

  const beforeConfig = await readStackConfig(path.join(before.stackDir, 'cdk.tf.json'), 'json')
  const afterConfig = await readStackConfig(path.join(after.stackDir, 'cdk.tf.json'), 'json')
  const dataSources = unique([...beforeConfig.dataSources, ...afterConfig.dataSources])
  const resourceTypes = [...new Set(beforeConfig.resources.map((resource) => resource.type))].sort()
  const schemas = before.plan.schemas ?? {}
  const planOptions = {refresh: false}
  // One mock provider per provider the stack configures (the default one and its aliases).
  const aliases = unique(
    [...beforeConfig.providers, ...afterConfig.providers].map((p) => ({type: 'aws', name: String(p.alias ?? '')})),
  )
  const mockAlias = (alias: string) => (alias === '' ? 'fake' : `fake_${alias}`)
  const mockResources = Object.fromEntries(
    resourceTypes.map((type) => [type, {defaults: mockDefaults(type, afterConfig.region, schemas)}]),
  )
  writeTestFile(into, {
    mock_provider: {
      aws: aliases.map(({name}) => ({alias: mockAlias(name), mock_resource: mockResources})),
    },
    // Every provider either stage configures: a stage that drops an alias still needs it to plan its own state.
    provider: {
      aws: withFakeCredentials(
        [...afterConfig.providers, ...beforeConfig.providers].filter(
          (provider, index, all) => all.findIndex((other) => other.alias === provider.alias) === index,
        ),
      ),
    },
    override_data: dataOverrides(dataSources, afterConfig.region),
    run: {
      before: {
        command: 'apply',
        state_key: 'growth',
        providers: Object.fromEntries(
          aliases.map(({name}) => [name === '' ? 'aws' : `aws.${name}`, `aws.${mockAlias(name)}`]),
        ),
        module: {source: './before'},
        override_resource: computedValues(before.plan.changes ?? [], schemas, beforeJson, afterConfig.region),
      },
      control: {command: 'plan', state_key: 'growth', module: {source: './control'}, plan_options: planOptions},
      after: {command: 'plan', state_key: 'growth', module: {source: './after'}, plan_options: planOptions},
    },
  })

  // The runs' modules are installed into a data directory of this test's own (the shared one
  // is read by other stacks at the same time); the provider is the shared installation.
  const dataDir = path.join(into, '.terraform-data')
  mkdirSync(dataDir)
  symlinkSync(path.join(workspace.env.TF_DATA_DIR!, 'providers'), path.join(dataDir, 'providers'))
  const env = {...workspace.env, TF_DATA_DIR: dataDir}
  const get = await run(workspace.toolchain.terraform, [`-chdir=${into}`, 'get', '-test-directory=tests'], {env})
  if (get.code !== 0) throw new Error(`terraform get failed in ${into}:\n${get.stdout}${get.stderr}`)

  const result = await runTerraformTest(workspace, into, label, env)
  const plans = result.plansByRun ?? {}
  const failed = (run: string): StackPlan => ({
    ...result,
    label: `${label} (${run})`,
    passed: false,
    changes: undefined,
  })
  return {
    control: plans.control ? {...result, label: `${label} (control)`, changes: plans.control} : failed('control'),
    after: plans.after ? {...result, label: `${label} (after)`, changes: plans.after} : failed('after'),
    output: result.output,
    passed: result.passed,
  }
}

/** A stack's JSON with the provider pin relaxed and no backend (a module's backend is ignored, with a warning). */
function readJsonStack(stackDir: string, providerVersion: string): StackJson {
  const text = relaxProviderPin(readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8'), 'json', providerVersion)
  const stack = JSON.parse(text) as StackJson
  delete stack.terraform?.backend
  return stack
}

function writeModule(dir: string, stack: StackJson): void {
  mkdirSync(dir, {recursive: true})
  writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(stack, null, 2))
}

/**
 * Sets, in a copy of the stack, every optional non-computed argument that the real plan knew a
 * value for and the configuration left unset: the provider's defaults, which a real apply
 * would have stored in state. Strings are escaped, since every string in Terraform JSON is a
 * template.
 */
export function withDefaults(stack: StackJson, changes: readonly PlannedChange[], schemas: ResourceSchemas): StackJson {
  const copy = structuredClone(stack)
  for (const change of changes) {
    if (change.mode !== 'managed' || change.after === null) continue
    const body = copy.resource?.[change.type]?.[change.name]
    const attributes = schemas[change.type]?.attributes
    if (body === undefined || attributes === undefined) continue
    for (const [key, flags] of Object.entries(attributes)) {
      const value = change.after[key]
      if (!flags.optional || flags.computed || (body[key] !== undefined && body[key] !== null)) continue
      if (value === null || value === undefined || change.afterUnknown[key] === true) continue
      body[key] = escapeTemplates(value)
    }
  }
  return copy
}

function escapeTemplates(value: unknown): unknown {
  if (typeof value === 'string') return value.replaceAll('${', () => '$${').replaceAll('%{', () => '%%{')
  if (Array.isArray(value)) return value.map(escapeTemplates)
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, escapeTemplates(item)]))
  }
  return value
}

/**
 * The computed values the real plan of the stage already knew (`protocol_version = "HTTP1"` and
 * the like), as `override_resource` for the mocked apply, so the state holds them instead of
 * invented ones; what the plan did not know yet (ids, ARNs) the mock invents.
 */
function computedValues(
  changes: readonly PlannedChange[],
  schemas: ResourceSchemas,
  stack: StackJson,
  region: string,
): Body[] {
  const overrides: Body[] = []
  for (const change of changes) {
    const attributes = schemas[change.type]?.attributes
    const body = stack.resource?.[change.type]?.[change.name]
    if (change.mode !== 'managed' || change.after === null || attributes === undefined || body === undefined) continue
    // An override replaces the mock_resource defaults for its resource, so it carries them too.
    const configured = configuredValues(change.type, body)
    const values: Body = {...mockDefaults(change.type, region, schemas), ...configured}
    for (const [key, flags] of Object.entries(attributes)) {
      const value = change.after[key]
      if (!flags.computed || key === 'id' || key in configured || (body[key] !== undefined && body[key] !== null))
        continue
      if (value === null || value === undefined || change.afterUnknown[key] === true) continue
      values[key] = escapeTemplates(value)
    }
    if (Object.keys(values).length > 0) overrides.push({target: change.address, values})
  }
  return overrides
}

/** Well-formed ARNs and ids for the mock provider, where the real provider checks their form. */
function mockDefaults(type: string, region: string, schemas: ResourceSchemas): Body {
  const attributes = schemas[type]?.attributes ?? {}
  const defaults: Body = {...AWS_COMPUTED[type]}
  if (attributes.arn?.computed) defaults.arn = `arn:aws:mock:${region}:${FAKE_ACCOUNT_ID}:${type}/mock`
  if (MOCK_IDS[type] !== undefined) defaults.id = MOCK_IDS[type]
  return defaults
}

function unique<T extends {type: string; name: string}>(items: readonly T[]): T[] {
  const seen = new Map(items.map((item) => [`${item.type}.${item.name}`, item]))
  return [...seen.values()]
}
