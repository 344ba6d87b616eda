import {TerraformResource, type Construct, type ITerraformDependable} from './cdktf.js'

export interface TerraformDataConfig {
  readonly dependsOn?: ITerraformDependable[]
  readonly lifecycle?: {readonly ignoreChanges?: string[]}
}

/**
 * Terraform's built-in `terraform_data` resource (Terraform 1.4 and later, OpenTofu alike): a
 * value kept in state, or an anchor other blocks wait on, with no provider.
 *
 * Written here instead of cdktf's `DataResource`, whose constructor adds a validation that runs
 * `terraform version` during synthesis: synthesis would then need a binary named `terraform` on
 * PATH (it fails where only `tofu` is) and start a process per resource.
 */
export class TerraformData extends TerraformResource {
  constructor(scope: Construct, id: string, config: TerraformDataConfig = {}) {
    super(scope, id, {
      terraformResourceType: 'terraform_data',
      terraformGeneratorMetadata: {providerName: 'terraform'},
      dependsOn: config.dependsOn,
      lifecycle: config.lifecycle && {ignoreChanges: config.lifecycle.ignoreChanges},
    })
  }
}
