/** @type {import('jest').Config} */
export default {
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // The provider-backed plan suite has its own script and config (jest.plan.config.js); its
  // helpers' unit tests run here.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/terraform-plan/plan\\.test\\.ts$'],
  // ts-jest's ESM preset needs explicit .js -> .ts mapping for NodeNext-style imports.
  moduleNameMapper: {'^(\\.{1,2}/.*)\\.js$': '$1'},
  transform: {'^.+\\.ts$': ['ts-jest', {useESM: true, tsconfig: 'tsconfig.json'}]},
  setupFiles: ['<rootDir>/test/setup/console.ts'],
  setupFilesAfterEnv: ['<rootDir>/test/setup/cdktf-matchers.ts'],
  verbose: true,
}
