import {availableParallelism} from 'node:os'

/** True when `host` is this machine: the loopback range, localhost, or a Unix socket directory. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '')
  return bare === 'localhost' || bare === '::1' || /^127\.\d+\.\d+\.\d+$/.test(bare) || bare.startsWith('/')
}

/** vCPUs of this machine: the server's too when it runs on loopback. */
export function localVcpus(): number {
  return availableParallelism()
}
