import { X509Certificate } from 'node:crypto';
import type { ClientCredentials } from '@ciba/contracts';
import { InvalidClient, InvalidRequest } from '@ciba/contracts/oauth-errors';
import { certificateThumbprint } from '@ciba/service-kit';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import type { ClientRecord } from '../domain/clients/client-record.ts';
import { assertionPolicy, type AssertionPolicyDeps } from './assertion-policy.ts';
import { CLIENT_ASSERTION_TYPE } from './client-assertion-type.ts';
import { parseBasicAuthorization } from './parse-basic-authorization.ts';
import { selectAuthMethod } from './select-auth-method.ts';
import { verifyClientAssertion, type VerifyClientAssertionDeps } from './verify-client-assertion.ts';
import { verifyClientSecret } from './verify-client-secret.ts';
import { verifySelfSignedCertificate } from './verify-self-signed-certificate.ts';
import { verifyTlsClientAuth } from './verify-tls-client-auth.ts';

export interface ClientAuthenticatorDeps extends VerifyClientAssertionDeps, AssertionPolicyDeps {
  findClient(clientId: string): Promise<ClientRecord | null>;
}

export type AuthenticateClient = (credentials: ClientCredentials) => Promise<ClientRecord>;

/** The client id a JWT assertion claims (`sub`), and the method its `alg` means, without trusting either yet. */
function readAssertion(assertion: string): { clientId: string; method: 'private_key_jwt' | 'client_secret_jwt' } {
  try {
    const { sub, iss } = decodeJwt(assertion);
    const { alg } = decodeProtectedHeader(assertion);
    const method = typeof alg === 'string' && alg.startsWith('HS') ? 'client_secret_jwt' : 'private_key_jwt';
    if (typeof sub === 'string' && sub.length > 0) return { clientId: sub, method };
    if (typeof iss === 'string' && iss.length > 0) return { clientId: iss, method };
  } catch {
    // fall through
  }
  throw new InvalidClient('client assertion is invalid');
}

/** The client id and the method a request presents, before any lookup. */
function presented(credentials: ClientCredentials): { clientId: string; method: string; secret?: string } {
  const kind = selectAuthMethod(credentials);
  if (kind === 'client_secret_basic') {
    const { clientId, clientSecret } = parseBasicAuthorization(credentials.authorization!);
    if (credentials.client_id !== undefined && credentials.client_id !== clientId) throw new InvalidRequest('client_id does not match the authorization header');
    return { clientId, method: kind, secret: clientSecret };
  }
  if (kind === 'client_secret_post') {
    if (!credentials.client_id) throw new InvalidClient('client_id is required');
    return { clientId: credentials.client_id, method: kind, secret: credentials.client_secret! };
  }
  if (kind === 'certificate') return { clientId: credentials.client_id!, method: 'mTLS' };
  if (credentials.client_assertion_type !== CLIENT_ASSERTION_TYPE) throw new InvalidClient('client_assertion_type is not supported');
  if (!credentials.client_assertion) throw new InvalidClient('client_assertion is required');
  const { clientId, method } = readAssertion(credentials.client_assertion);
  if (credentials.client_id !== undefined && credentials.client_id !== clientId) throw new InvalidClient('client_id does not match the client assertion');
  return { clientId, method };
}

const MTLS_METHODS = ['tls_client_auth', 'self_signed_tls_client_auth'];

/**
 * Authenticates a client with the one method it registered (`token_endpoint_auth_method`): a secret
 * (`client_secret_basic`, `client_secret_post`), a JWT assertion (`private_key_jwt`,
 * `client_secret_jwt`) or its certificate (`tls_client_auth`, `self_signed_tls_client_auth`, RFC 8705
 * §2). Throws `InvalidClient` (401) for an unknown client or a failed check, `InvalidRequest` for
 * several methods at once.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-2.3
 */
export function createClientAuthenticator(deps: ClientAuthenticatorDeps): AuthenticateClient {
  return async (credentials) => {
    const { clientId, method, secret } = presented(credentials);
    const client = clientId.length > 0 && clientId.length <= 200 ? await deps.findClient(clientId) : null;
    const registered = client?.metadata.token_endpoint_auth_method;
    if (client && registered !== method && !(method === 'mTLS' && MTLS_METHODS.includes(registered!))) {
      throw new InvalidClient(`client is registered for ${registered}, not ${method}`);
    }
    if (secret !== undefined) {
      verifyClientSecret(client, secret);
      return client!;
    }
    if (!client) throw new InvalidClient('client authentication failed');
    if (method !== 'mTLS') {
      await verifyClientAssertion(deps, client, credentials.client_assertion!, assertionPolicy(deps, client, credentials.endpoint));
    } else if (registered === 'tls_client_auth') {
      verifyTlsClientAuth(client, credentials.client_certificate!);
    } else {
      await verifySelfSignedCertificate(deps.keySets, client, thumbprintOf(credentials.client_certificate!));
    }
    return client;
  };
}

function thumbprintOf(pem: string): string {
  try {
    return certificateThumbprint(new X509Certificate(pem));
  } catch (err) {
    throw new InvalidClient('client certificate is invalid', { cause: err });
  }
}
