/**
 * Which threshold each measurement sets: the one place that knows both sides, so that a renamed
 * threshold is a one-line change here.
 */
import type {ThresholdName} from '../spec/thresholds.js'

export const THRESHOLD_FOR = {
  /** Database read mix at the latency target, scaled to the reference database node. */
  databaseRead: 'dbNodeReadRps',
  /** Database write mix at the latency target, scaled to the reference database node. */
  databaseWrite: 'dbPrimaryWriteRps',
  /** App requests/s per vCPU x the app server instance's vCPUs. */
  appServer: 'appServerRps',
  /** App requests/s per vCPU x one service task's vCPUs. */
  serviceTask: 'serviceTaskRps',
  /** Mean bytes per HTTP response, in KB (1,000 bytes). */
  responseSize: 'avgResponseKB',
  /** Cache GET/SET mix at the latency target, for the reference cache node. */
  cacheNode: 'cacheNodeOps',
} as const satisfies Record<string, ThresholdName>

export type Measurement = keyof typeof THRESHOLD_FOR
