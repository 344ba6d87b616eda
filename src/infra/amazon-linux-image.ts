import {Construct} from './cdktf.js'
import {DataAwsSsmParameter} from './aws.js'

export type CpuArchitecture = 'arm64' | 'x86_64'

/**
 * The CPU architecture of an EC2 instance type: Graviton families carry a `g` after the
 * generation digit (m7g, c7gn, t4g, r8gd, im4gn); everything else here runs x86_64.
 */
export function architectureOf(instanceType: string): CpuArchitecture {
  const family = instanceType.split('.')[0] ?? ''
  return /^[a-z]+\d+[a-z]*g[a-z]*$/.test(family) ? 'arm64' : 'x86_64'
}

export interface AmazonLinuxImageProps {
  readonly architecture: CpuArchitecture
}

/**
 * The current Amazon Linux 2023 AMI, read from AWS's public SSM parameter at plan time.
 *
 * An AMI id literal would differ per region and go stale; the parameter keeps the generated
 * Terraform identical across runs. Instances ignore later AMI changes (see their lifecycle),
 * so a new image release does not replace running servers on the next apply.
 */
export class AmazonLinuxImage extends Construct {
  public readonly imageId: string

  constructor(scope: Construct, id: string, props: AmazonLinuxImageProps) {
    super(scope, id)
    const parameter = new DataAwsSsmParameter(this, 'Parameter', {
      name: `/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-${props.architecture}`,
    })
    // The parameter is public and not secret: its plain value keeps AMI ids readable in plans.
    this.imageId = parameter.insecureValue
  }
}
