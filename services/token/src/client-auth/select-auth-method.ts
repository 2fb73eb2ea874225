import type { ClientCredentials } from '@ciba/contracts';
import { InvalidClient, InvalidRequest } from '@ciba/contracts/oauth-errors';
import { isBasicAuthorization } from './parse-basic-authorization.ts';

/**
 * How a request authenticates: a secret in the header or the body, a JWT assertion
 * (`private_key_jwt` or `client_secret_jwt`, told apart by its `alg` later), or, with nothing else
 * but a `client_id`, the client certificate (`tls_client_auth`, `self_signed_tls_client_auth`).
 */
export type PresentedAuth = 'client_secret_basic' | 'client_secret_post' | 'assertion' | 'certificate';

/**
 * The one authentication method a request uses. More than one is `invalid_request` (RFC 6749 §2.3:
 * "MUST NOT use more than one authentication method in each request"); a certificate beside another
 * method is not a second method (it may be there for binding tokens, RFC 8705 §3). None is
 * `invalid_client`, as every client of this server is confidential.
 */
export function selectAuthMethod(credentials: ClientCredentials): PresentedAuth {
  const used: PresentedAuth[] = [];
  if (isBasicAuthorization(credentials.authorization)) used.push('client_secret_basic');
  if (credentials.client_secret !== undefined) used.push('client_secret_post');
  if (credentials.client_assertion !== undefined || credentials.client_assertion_type !== undefined) used.push('assertion');
  if (used.length > 1) throw new InvalidRequest('only one client authentication method may be used');
  if (used.length === 1) return used[0]!;
  if (credentials.client_id !== undefined && credentials.client_certificate !== undefined) return 'certificate';
  throw new InvalidClient('client authentication is required');
}
