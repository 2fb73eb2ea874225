import { SpanStatusCode, type Span } from '@opentelemetry/api';
import { OAuthError } from '@ciba/contracts/oauth-errors';

/**
 * Notes a failure on `span`: an OAuth error's code (`authorization_pending`, `invalid_grant`…) as
 * `ciba.oauth_error`, an error status for a 5xx or anything else, named by class only (messages can
 * quote input; they stay in the redacting logs).
 */
export function recordError(span: Span, err: unknown): void {
  if (err instanceof OAuthError) {
    span.setAttribute('ciba.oauth_error', err.error);
    if (err.status < 500) return;
  }
  span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.name : 'Error' });
}
