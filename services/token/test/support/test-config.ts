import { loadTokenConfig, type TokenConfig } from '../../src/config.ts';

export const TEST_ISSUER = 'https://op.example.test';
export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

/** The token service's configuration for tests: defaults, a fixed issuer and admin token, silent logs. */
export function testConfig(env: Record<string, string> = {}): TokenConfig {
  return loadTokenConfig({
    NODE_ENV: 'test',
    ISSUER: TEST_ISSUER,
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    LOG_LEVEL: 'silent',
    DATABASE_URL: process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/ciba_test',
    ...env,
  });
}
