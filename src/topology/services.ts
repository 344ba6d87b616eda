/**
 * What every stage-7 service shares with the rest of a region's stack, for the spec (which
 * validates service names), the cost (which prices tasks) and infra (which builds them).
 */

/**
 * Name suffixes of the fixed components' AWS resources: `<project>-<region>-db` is the
 * database's security group and subnet group, `<project>-<region>-alb` the load balancer's, and
 * so on. A service's resources are named `<project>-<region>-<service>`, so a service may not
 * take one of these names.
 */
export const COMPONENT_NAMES = {
  singleServer: 'server',
  appServers: 'app',
  loadBalancer: 'alb',
  cache: 'cache',
  database: 'db',
} as const

/** Service names that would give a service the same resource names as a fixed component. */
export const RESERVED_SERVICE_NAMES: readonly string[] = Object.values(COMPONENT_NAMES).sort()

/** Why `name` cannot name a service, or undefined when it can. */
export function reservedServiceName(name: string): string | undefined {
  return RESERVED_SERVICE_NAMES.includes(name)
    ? `service name "${name}" is reserved (scaleplan's own resources are named <name>-<region>-${name}); use a name other than ${RESERVED_SERVICE_NAMES.join(', ')}`
    : undefined
}

/**
 * The CPU architecture Fargate tasks run on: Graviton (ARM64), like the EC2 servers, and priced
 * at the Linux/ARM Fargate rates. Service images must be built for linux/arm64 (or be
 * multi-architecture, as the placeholder nginx image is).
 */
export const SERVICE_CPU_ARCHITECTURE = 'arm64' as const
export type ServiceCpuArchitecture = typeof SERVICE_CPU_ARCHITECTURE
