import { ConfigError } from '@ciba/service-kit';
import { loadNotifierConfig } from '../../src/config.ts';

describe('loadNotifierConfig', () => {
  it('defaults: 5 s timeout, 8 attempts, 1 s base backoff capped at 2 min, Retry-After up to 1 h, 64 first attempts in flight', () => {
    const config = loadNotifierConfig({});
    expect(config).toMatchObject({
      schema: 'notifier',
      timeoutMs: 5000,
      maxAttempts: 8,
      backoff: { baseMs: 1000, maxMs: 120_000, retryAfterMaxMs: 3_600_000 },
      concurrency: 10,
      firstAttemptsInFlight: 64,
      reconcileIntervalMs: 5000,
      production: false,
    });
  });

  it('reads every variable', () => {
    const config = loadNotifierConfig({
      NOTIFY_TIMEOUT_MS: '750',
      NOTIFY_MAX_ATTEMPTS: '3',
      NOTIFY_BACKOFF_BASE_MS: '20',
      NOTIFY_BACKOFF_MAX_MS: '200',
      NOTIFY_RETRY_AFTER_MAX_MS: '1000',
      NOTIFY_CONCURRENCY: '4',
      NOTIFY_FIRST_ATTEMPTS_IN_FLIGHT: '0',
      NOTIFY_RECONCILE_INTERVAL_MS: '250',
    });
    expect(config).toMatchObject({ timeoutMs: 750, maxAttempts: 3, backoff: { baseMs: 20, maxMs: 200, retryAfterMaxMs: 1000 }, concurrency: 4, firstAttemptsInFlight: 0, reconcileIntervalMs: 250 });
  });

  it.each([
    [{ NOTIFY_TIMEOUT_MS: 'soon' }, 'invalid configuration: NOTIFY_TIMEOUT_MS: expected a number of milliseconds'],
    [{ NOTIFY_MAX_ATTEMPTS: '0' }, 'invalid configuration: NOTIFY_MAX_ATTEMPTS: must be at least 1 attempts'],
    [{ NOTIFY_FIRST_ATTEMPTS_IN_FLIGHT: '-1' }, 'invalid configuration: NOTIFY_FIRST_ATTEMPTS_IN_FLIGHT: must be at least 0 notifications'],
    [{ NOTIFY_FIRST_ATTEMPTS_IN_FLIGHT: '10001' }, 'invalid configuration: NOTIFY_FIRST_ATTEMPTS_IN_FLIGHT: must be at most 10000 notifications'],
    [{ NOTIFY_BACKOFF_BASE_MS: '1.5' }, 'invalid configuration: NOTIFY_BACKOFF_BASE_MS: expected a whole number of milliseconds'],
    [{ NOTIFY_BACKOFF_BASE_MS: '5000', NOTIFY_BACKOFF_MAX_MS: '1000' }, 'invalid configuration: NOTIFY_BACKOFF_MAX_MS: must be at least NOTIFY_BACKOFF_BASE_MS'],
  ])('a bad value stops with one line naming the variable: %j', (env, message) => {
    expect(() => loadNotifierConfig(env)).toThrow(new ConfigError(message));
  });
});
