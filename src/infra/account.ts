import {Construct} from './cdktf.js'
import {DataAwsCallerIdentity, DataAwsPartition} from './aws.js'

/**
 * The AWS account and partition the stack is applied to, read at plan time.
 *
 * They are never written into the generated files: the same Topology must give the same
 * Terraform for every account, and ARNs built from these work in every partition.
 */
export class Account extends Construct {
  public readonly accountId: string
  public readonly partition: string

  constructor(scope: Construct, id: string) {
    super(scope, id)
    this.accountId = new DataAwsCallerIdentity(this, 'Caller').accountId
    this.partition = new DataAwsPartition(this, 'Partition').partition
  }
}
