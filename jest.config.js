/** One jest run for the whole monorepo; TypeScript and ESM-only deps (jose, oauth4webapi) go through swc. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/libs', '<rootDir>/services', '<rootDir>/channels', '<rootDir>/examples', '<rootDir>/bench', '<rootDir>/scripts', '<rootDir>/tools'],
  testMatch: ['**/test/**/*.test.ts'],
  transform: {
    '^.+\\.(t|j|mj)sx?$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(jose|oauth4webapi|openid-client)/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  testTimeout: 30000,
  globalSetup: '<rootDir>/tools/jest/kafka-global-setup.js',
  globalTeardown: '<rootDir>/tools/jest/kafka-global-teardown.js',
};
