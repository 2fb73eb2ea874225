import { InvalidClient } from '@ciba/contracts/oauth-errors';
import { FAPI_ALGS } from '../domain/clients/check-fapi-ciba-profile.ts';
import type { ClientRecord } from '../domain/clients/client-record.ts';
import { CLIENT_ASSERTION_ALGS, CLIENT_SECRET_JWT_ALGS } from './client-assertion-type.ts';
import type { ClientKeySets } from './client-key-sets.ts';
import type { ClientSecretCipher } from './client-secret-cipher.ts';
import type { AssertionPolicy } from './verify-client-assertion.ts';

export interface AssertionPolicyDeps {
  keySets: ClientKeySets;
  /** Opens `client_secret_jwt` secrets; absent: that method is off. */
  cipher?: ClientSecretCipher;
  issuer: string;
  /** The token endpoint URL, accepted as `aud` when `endpointAudiences` allows. */
  audiences: string[];
  /** `CLIENT_ASSERTION_ENDPOINT_AUDIENCES`: endpoint URLs are accepted as `aud` for non-FAPI clients. */
  endpointAudiences: boolean;
}

/**
 * How a client's assertion is checked. Key: the client's JWK Set (`private_key_jwt`) or its secret's
 * UTF-8 bytes (`client_secret_jwt`, OIDC Core §9). Algorithms: the registered one, else every one of
 * the method's; FAPI clients PS256/ES256 only. Audience (RFC 7523bis): the issuer identifier; FAPI
 * clients must send it alone, as a string; other clients may also use the token endpoint URL or the
 * URL of the endpoint called (RFC 7523 §3 and OIDC Core §9 let them) unless that is turned off.
 */
export function assertionPolicy(deps: AssertionPolicyDeps, client: ClientRecord, endpoint: string): AssertionPolicy {
  const m = client.metadata;
  const fapi = m.security_profile === 'fapi-ciba';
  const audiences = fapi || !deps.endpointAudiences ? [deps.issuer] : [...new Set([deps.issuer, ...deps.audiences, endpoint])];
  const registered = m.token_endpoint_auth_signing_alg;
  if (m.token_endpoint_auth_method === 'client_secret_jwt') {
    const secret = client.clientSecretSealed && deps.cipher ? deps.cipher.open(client.clientId, client.clientSecretSealed) : null;
    if (!secret) throw new InvalidClient('client authentication failed');
    return { key: new TextEncoder().encode(secret), algorithms: registered ? [registered] : [...CLIENT_SECRET_JWT_ALGS], audiences };
  }
  const key = deps.keySets.forClient(client);
  if (!key) throw new InvalidClient('client has no usable keys');
  const algorithms = (registered ? [registered] : [...CLIENT_ASSERTION_ALGS]).filter((alg) => !fapi || FAPI_ALGS.includes(alg));
  return { key, algorithms, audiences, ...(fapi ? { soleAudience: deps.issuer } : {}) };
}
