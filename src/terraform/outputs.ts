export interface OutputValue {
  readonly sensitive: boolean
  readonly value: unknown
}

export const MASK = '(sensitive)'

/**
 * Terraform's `output -json` includes sensitive values in clear, for the consumer to mask
 * (docs/sources.md, terraform-cli); scaleplan masks them unless asked to show them.
 */
export function maskOutputs(
  outputs: Readonly<Record<string, OutputValue>>,
  showSensitive: boolean,
): Record<string, OutputValue> {
  return Object.fromEntries(
    Object.entries(outputs).map(([name, o]) => [
      name,
      {sensitive: o.sensitive, value: o.sensitive && !showSensitive ? MASK : o.value},
    ]),
  )
}
