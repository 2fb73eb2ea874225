import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. Anything that could carry a secret or personal data is redacted by path,
 * as a second line of defence: code logs identifiers only.
 */
export function createLogger(namespace: string, level = 'info'): Logger {
  return pino({
    name: namespace,
    level,
    base: { service: namespace },
    redact: {
      paths: [
        'req.headers.authorization',
        'headers.authorization',
        '*.client_secret',
        '*.client_assertion',
        '*.client_notification_token',
        '*.access_token',
        '*.refresh_token',
        '*.id_token',
        '*.decision_token',
        '*.user_code',
        '*.login_hint',
        '*.login_hint_token',
        '*.id_token_hint',
        '*.auth_req_id',
        '*.password',
        '*.token',
      ],
      censor: '[redacted]',
    },
  });
}
