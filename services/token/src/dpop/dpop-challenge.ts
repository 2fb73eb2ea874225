import { conformDescription, OAuthError } from '@ciba/contracts/oauth-errors';
import { DPOP_ALGS } from './dpop-algs.ts';

/** A `WWW-Authenticate: DPoP` challenge (RFC 9449 §7.1), with the `algs` this server accepts. */
export function dpopChallenge(error?: string, description?: string): string {
  const params = [
    'realm="ciba"',
    ...(error ? [`error="${error}"`] : []),
    ...(description ? [`error_description="${conformDescription(description)}"`] : []),
    `algs="${DPOP_ALGS.join(' ')}"`,
  ];
  return `DPoP ${params.join(', ')}`;
}

/**
 * The same error as a protected resource answers it to a request in the DPoP scheme (RFC 9449 §7.1,
 * §9): a 401 with a `DPoP` challenge instead of a body-only 400, and any `DPoP-Nonce` kept. Errors
 * that are not the caller's (5xx) and `insufficient_scope` (403) keep their status.
 */
export function atDpopResource(err: unknown): unknown {
  if (!(err instanceof OAuthError) || err.status >= 500) return err;
  const status = err.status === 403 ? 403 : 401;
  const headers = { ...err.headers, 'WWW-Authenticate': dpopChallenge(err.error, err.message) };
  return new OAuthError(err.error, err.message, status, { headers, cause: err });
}
