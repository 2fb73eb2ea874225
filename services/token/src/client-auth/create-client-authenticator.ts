import type { ClientCredentials } from '@ciba/contracts';
import { InvalidClient, InvalidRequest } from '@ciba/contracts/oauth-errors';
import { decodeJwt } from 'jose';
import type { ClientRecord } from '../domain/clients/client-record.ts';
import { CLIENT_ASSERTION_TYPE } from './client-assertion-type.ts';
import { parseBasicAuthorization } from './parse-basic-authorization.ts';
import { selectAuthMethod } from './select-auth-method.ts';
import { verifyClientAssertion, type VerifyClientAssertionDeps } from './verify-client-assertion.ts';
import { verifyClientSecret } from './verify-client-secret.ts';

export interface ClientAuthenticatorDeps extends VerifyClientAssertionDeps {
  findClient(clientId: string): Promise<ClientRecord | null>;
  /** Accepted as assertion `aud` besides the caller's endpoint URL: the issuer and the token endpoint URL. */
  audiences: string[];
}

export type AuthenticateClient = (credentials: ClientCredentials) => Promise<ClientRecord>;

/** The client id a JWT assertion claims (`sub`), without trusting it yet. */
function assertedClientId(assertion: string): string {
  try {
    const { sub, iss } = decodeJwt(assertion);
    if (typeof sub === 'string' && sub.length > 0) return sub;
    if (typeof iss === 'string' && iss.length > 0) return iss;
  } catch {
    // fall through
  }
  throw new InvalidClient('client assertion is invalid');
}

/**
 * Authenticates a client with the one method it registered (`token_endpoint_auth_method`):
 * `client_secret_basic`, `client_secret_post` or `private_key_jwt`. Throws `InvalidClient` (401)
 * for an unknown client, a wrong secret or a bad assertion, `InvalidRequest` for several methods.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-2.3
 */
export function createClientAuthenticator(deps: ClientAuthenticatorDeps): AuthenticateClient {
  return async (credentials) => {
    const method = selectAuthMethod(credentials);
    let clientId: string;
    let secret: string | undefined;
    if (method === 'client_secret_basic') {
      ({ clientId, clientSecret: secret } = parseBasicAuthorization(credentials.authorization!));
      if (credentials.client_id !== undefined && credentials.client_id !== clientId) {
        throw new InvalidRequest('client_id does not match the authorization header');
      }
    } else if (method === 'client_secret_post') {
      if (!credentials.client_id) throw new InvalidClient('client_id is required');
      clientId = credentials.client_id;
      secret = credentials.client_secret!;
    } else {
      if (credentials.client_assertion_type !== CLIENT_ASSERTION_TYPE) throw new InvalidClient('client_assertion_type is not supported');
      if (!credentials.client_assertion) throw new InvalidClient('client_assertion is required');
      clientId = assertedClientId(credentials.client_assertion);
      if (credentials.client_id !== undefined && credentials.client_id !== clientId) {
        throw new InvalidClient('client_id does not match the client assertion');
      }
    }

    const client = clientId.length > 0 && clientId.length <= 200 ? await deps.findClient(clientId) : null;
    if (client && client.metadata.token_endpoint_auth_method !== method) {
      throw new InvalidClient(`client is registered for ${client.metadata.token_endpoint_auth_method}, not ${method}`);
    }
    if (secret !== undefined) {
      verifyClientSecret(client, secret);
      return client!;
    }
    if (!client) throw new InvalidClient('client authentication failed');
    await verifyClientAssertion(deps, client, credentials.client_assertion!, [...new Set([...deps.audiences, credentials.endpoint])]);
    return client;
  };
}
