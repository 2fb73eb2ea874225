/** Notifier and expiry settings that keep end-to-end tests fast: short timeouts and backoffs. */
export const NOTIFY_TEST_ENV = {
  NOTIFY_TIMEOUT_MS: '500',
  NOTIFY_MAX_ATTEMPTS: '3',
  NOTIFY_BACKOFF_BASE_MS: '50',
  NOTIFY_BACKOFF_MAX_MS: '200',
  NOTIFY_RECONCILE_INTERVAL_MS: '500',
  CIBA_MIN_EXPIRY: '1',
  CONSENT_EXPIRY_SWEEP_MS: '200',
} as const;
