import {COMPLIANT, NOT_APPLICABLE, nonCompliant, type PolicyRule} from '../rule.js'
import {blocks, isTrue} from '../subject.js'

export const ebsEncrypted: PolicyRule = {
  id: 'ebs-encrypted',
  level: 'error',
  explanation: 'Every EBS volume (instance root and data volumes, launch template volumes) is encrypted at rest.',
  resourceTypes: ['aws_instance', 'aws_launch_template', 'aws_ebs_volume'],
  check(subject) {
    const {attributes} = subject
    switch (subject.type) {
      case 'aws_ebs_volume': {
        return isTrue(attributes.encrypted) ? COMPLIANT : nonCompliant('encrypted is not true')
      }
      case 'aws_instance': {
        const root = blocks(attributes.root_block_device)
        if (root.length === 0 || !root.every((device) => isTrue(device.encrypted)))
          return nonCompliant('root_block_device.encrypted is not true')
        const unencrypted = blocks(attributes.ebs_block_device).filter((device) => !isTrue(device.encrypted))
        return unencrypted.length === 0
          ? COMPLIANT
          : nonCompliant(`${unencrypted.length} ebs_block_device without encryption`)
      }
      case 'aws_launch_template': {
        // Without mappings the AMI's own (possibly unencrypted) volume settings would apply.
        const mappings = blocks(attributes.block_device_mappings)
        if (mappings.length === 0)
          return nonCompliant('no block_device_mappings, so volumes follow the AMI, which may be unencrypted')
        const unencrypted = mappings.filter((mapping) => !blocks(mapping.ebs).some((ebs) => isTrue(ebs.encrypted)))
        return unencrypted.length === 0
          ? COMPLIANT
          : nonCompliant(
              `block_device_mappings without ebs.encrypted: ${unencrypted.map((m) => String(m.device_name)).join(', ')}`,
            )
      }
      default: {
        return NOT_APPLICABLE
      }
    }
  },
}
