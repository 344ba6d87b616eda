import {Construct, Token} from './cdktf.js'
import {SecretsmanagerSecret, SecretsmanagerSecretVersion} from './aws.js'
import {GeneratedValue} from './generated-secret.js'

/** The header CloudFront adds to every request it sends a load balancer, and nothing else does. */
export const ORIGIN_HEADER = 'X-Origin-Verify'

/** Where the primary region keeps the header's values for every region's load balancer to read. */
export const originSecretName = (primaryNamePrefix: string) => `${primaryNamePrefix}-origin-verify`

const createdAt = (slot: GeneratedValue) =>
  `parseint(formatdate("YYYYMMDDhhmmss", ${slot.data.fqn}.output.created), 10)`

/**
 * The shared secret that proves a request came through the project's CloudFront distribution:
 * the load balancers admit only CloudFront's origin-facing addresses, and of those only
 * requests carrying this header (other CloudFront customers share the addresses).
 *
 * Two slots, A and B, each a value generated once. Every load balancer accepts both; CloudFront
 * sends the older one. Rotating replaces the slot CloudFront sends (`terraform apply
 * -replace=<its address>` in the primary region's stack, output `origin_secret_slot` names it):
 * CloudFront then sends the other slot, which every load balancer has accepted since the
 * previous rotation, so the regions can be applied in any order without refusing a request. The
 * values live in Terraform state and in Secrets Manager (`<primary stack>-origin-verify`), where
 * the replica regions' stacks read them.
 */
export class OriginSecret extends Construct {
  public readonly secret: SecretsmanagerSecret
  /** Both slots: what the load balancers accept. */
  public readonly acceptedValues: readonly string[]
  /** The older slot: what CloudFront sends. */
  public readonly activeValue: string
  /** `a` or `b`: the slot CloudFront sends, to replace when rotating. */
  public readonly activeSlot: string

  constructor(scope: Construct, id: string, props: {readonly namePrefix: string}) {
    super(scope, id)
    const slotA = new GeneratedValue(this, 'SlotA', {created: true})
    const slotB = new GeneratedValue(this, 'SlotB', {created: true})
    const aIsOlder = `${createdAt(slotA)} <= ${createdAt(slotB)}`
    this.acceptedValues = [slotA.value, slotB.value]
    this.activeValue = Token.asString(
      `\${${aIsOlder} ? ${slotA.data.fqn}.output.value : ${slotB.data.fqn}.output.value}`,
    )
    this.activeSlot = Token.asString(`\${nonsensitive(${aIsOlder} ? "a" : "b")}`)

    this.secret = new SecretsmanagerSecret(this, 'Secret', {
      name: originSecretName(props.namePrefix),
      description: `Header values CloudFront proves itself with to the ${props.namePrefix} project's load balancers`,
      // A generated value can be generated again: no recovery window, so the name is free at once
      // when the secret goes (with its cache, or a destroy) and comes back.
      recoveryWindowInDays: 0,
    })
    new SecretsmanagerSecretVersion(this, 'Version', {
      secretId: this.secret.id,
      secretString: Token.asString(
        `\${jsonencode({a = ${slotA.data.fqn}.output.value, b = ${slotB.data.fqn}.output.value})}`,
      ),
    })
  }
}
