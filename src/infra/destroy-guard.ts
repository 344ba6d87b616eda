import {Construct, Op, TerraformVariable, type IResolvable} from './cdktf.js'

import {ALLOW_DESTROY_VARIABLE} from './stack-variables.js'

/**
 * The one switch between "protect what holds data" (the default) and "let it be destroyed":
 * the `allow_destroy` variable of every stack. Deletion and termination protection follow
 * `!allow_destroy`, force-destroy follows `allow_destroy`.
 *
 * `scaleplan destroy` first applies each stack with `allow_destroy = true` (which only turns
 * protections off, in place), then destroys it; a plain `terraform destroy` without that step is
 * refused by AWS, as it should be.
 */
export class DestroyGuard extends Construct {
  /** `var.allow_destroy`: true only on the way to a destroy. */
  public readonly allowDestroy: IResolvable
  /** `!var.allow_destroy`: for deletion and termination protection. */
  public readonly protect: IResolvable

  constructor(scope: Construct, id: string) {
    super(scope, id)
    const variable = new TerraformVariable(this, 'AllowDestroy', {
      type: 'bool',
      default: false,
      nullable: false,
      description:
        'Turns off deletion and termination protection and lets buckets be emptied, so the stack can be ' +
        'destroyed. scaleplan destroy sets it; leave it false otherwise.',
    })
    variable.overrideLogicalId(ALLOW_DESTROY_VARIABLE)
    this.allowDestroy = variable.booleanValue
    this.protect = Op.not(variable.booleanValue)
  }
}
