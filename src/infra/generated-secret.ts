import {Construct, Token} from './cdktf.js'
import {TerraformData} from './terraform-data.js'
import {SecretsmanagerSecret, SecretsmanagerSecretVersion} from './aws.js'

/**
 * A random value Terraform generates once and keeps: 122 random bits (`uuid()`), drawn at the
 * first apply and then held in state (`ignore_changes`), so later plans leave it alone. Terraform's
 * built-in `terraform_data` holds it: no other provider (such as hashicorp/random) is needed, and
 * Terraform and OpenTofu both have it.
 *
 * Rotating is replacing: `terraform apply -replace=<address of this value>`.
 */
export class GeneratedValue extends Construct {
  public readonly data: TerraformData
  /** The value (sensitive in plans and outputs). */
  public readonly value: string

  /**
   * `created`: also keep when the value was drawn (`output.created`, a timestamp) beside it
   * (`output.value`). Default false: the output is the value itself.
   */
  constructor(scope: Construct, id: string, {created = false}: {readonly created?: boolean} = {}) {
    super(scope, id)
    this.data = new TerraformData(this, 'Value', {lifecycle: {ignoreChanges: ['input']}})
    this.data.addOverride(
      'input',
      created ? '${{value = sensitive(uuid()), created = timestamp()}}' : '${sensitive(uuid())}',
    )
    this.value = Token.asString(created ? `\${${this.data.fqn}.output.value}` : `\${${this.data.fqn}.output}`)
  }
}

export interface GeneratedSecretProps {
  /** Secrets Manager name, unique in the account and region. */
  readonly name: string
  readonly description: string
}

/**
 * A generated value stored in Secrets Manager, where the application reads it with its role (the
 * value never appears in user data, task definitions or outputs; only the secret's ARN does).
 */
export class GeneratedSecret extends Construct {
  public readonly generated: GeneratedValue
  public readonly secret: SecretsmanagerSecret
  /** The value, for the resource that enforces it (sensitive). */
  public readonly value: string

  constructor(scope: Construct, id: string, props: GeneratedSecretProps) {
    super(scope, id)
    this.generated = new GeneratedValue(this, 'Generated')
    this.value = this.generated.value
    this.secret = new SecretsmanagerSecret(this, 'Secret', {
      name: props.name,
      description: props.description,
      // A generated value can be generated again: no recovery window, so the name is free at once
      // when the secret goes (with its cache, or a destroy) and comes back.
      recoveryWindowInDays: 0,
    })
    new SecretsmanagerSecretVersion(this, 'Version', {secretId: this.secret.id, secretString: this.value})
  }
}
