/**
 * Which threshold each measurement sets: the one place that knows both sides, so that a renamed
 * threshold is a one-line change here.
 */
import type {ThresholdName} from '../spec/thresholds.js'

export const THRESHOLD_FOR = {
  /** Database read mix at the latency target (statements/s), scaled to the reference database node. */
  databaseRead: 'dbNodeReadQps',
  /** Database write mix at the latency target (statements/s, each its own transaction), scaled to the reference node. */
  databaseWrite: 'dbNodeWriteQps',
  /** App requests/s per vCPU x the app server instance's vCPUs. */
  appServer: 'appServerRps',
  /** App requests/s per vCPU x one service task's vCPUs. */
  serviceTask: 'serviceTaskRps',
  /** Cache GET/SET mix at the latency target, for the reference cache node. */
  cacheNode: 'cacheNodeOps',
} as const satisfies Record<string, ThresholdName>

export type Measurement = keyof typeof THRESHOLD_FOR
