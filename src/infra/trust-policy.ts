/** The assume-role policy that lets an AWS service principal (e.g. `ec2.amazonaws.com`) use a role. */
export function trustPolicy(servicePrincipal: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{Effect: 'Allow', Principal: {Service: servicePrincipal}, Action: 'sts:AssumeRole'}],
  })
}
