import type { ClientCredentials } from '@ciba/contracts';
import type { TokenEndpointAuthMethod } from '@ciba/contracts/api/registration';
import { InvalidClient, InvalidRequest } from '@ciba/contracts/oauth-errors';
import { isBasicAuthorization } from './parse-basic-authorization.ts';

/**
 * The one authentication method a request uses. More than one is `invalid_request` (RFC 6749 §2.3:
 * "MUST NOT use more than one authentication method in each request"); none is `invalid_client`,
 * as every client of this server is confidential.
 */
export function selectAuthMethod(credentials: ClientCredentials): TokenEndpointAuthMethod {
  const used: TokenEndpointAuthMethod[] = [];
  if (isBasicAuthorization(credentials.authorization)) used.push('client_secret_basic');
  if (credentials.client_secret !== undefined) used.push('client_secret_post');
  if (credentials.client_assertion !== undefined || credentials.client_assertion_type !== undefined) used.push('private_key_jwt');
  if (used.length > 1) throw new InvalidRequest('only one client authentication method may be used');
  if (used.length === 0) throw new InvalidClient('client authentication is required');
  return used[0]!;
}
