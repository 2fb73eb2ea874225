import { loadAuthEndpointConfig, type AuthEndpointConfig } from '../../src/config.ts';
import { TEST_ISSUER } from './test-directory.ts';

/** The service's configuration for tests: defaults, a fixed issuer, silent logs. */
export function testConfig(env: Record<string, string> = {}): AuthEndpointConfig {
  return loadAuthEndpointConfig({ NODE_ENV: 'test', ISSUER: TEST_ISSUER, ADMIN_TOKEN: 'test-admin-token-0123456789', LOG_LEVEL: 'silent', ...env });
}
