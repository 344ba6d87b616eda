/**
 * The provider-backed plan suite (`npm run test:plan`): test/terraform-plan only, one file at a
 * time, since each file runs its own pool of terraform processes.
 * @type {import('jest').Config}
 */
import base from './jest.config.js'

export default {
  ...base,
  roots: ['<rootDir>/test/terraform-plan'],
  testMatch: ['**/plan.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  maxWorkers: 1,
  testTimeout: 30 * 60_000,
}
