import { InvalidClient } from '@ciba/contracts/oauth-errors';
import { jwtVerify } from 'jose';
import type { ClientRecord } from '../domain/clients/client-record.ts';
import type { AssertionJtiRepository } from './assertion-jti-repository.ts';
import { CLIENT_ASSERTION_ALGS, CLIENT_ASSERTION_CLOCK_TOLERANCE } from './client-assertion-type.ts';
import type { ClientKeySets } from './client-key-sets.ts';

export interface VerifyClientAssertionDeps {
  keySets: ClientKeySets;
  jtis: AssertionJtiRepository;
}

/**
 * `private_key_jwt` (RFC 7523 §3): signed by one of the client's keys with an accepted `alg`;
 * `iss` = `sub` = client_id; `aud` one of `audiences`; `exp` present and not past; `jti` present and
 * never used before by this client (recorded until `exp`).
 * @see https://www.rfc-editor.org/rfc/rfc7523#section-3
 */
export async function verifyClientAssertion(
  deps: VerifyClientAssertionDeps,
  client: ClientRecord,
  assertion: string,
  audiences: string[],
): Promise<void> {
  const keys = deps.keySets.forClient(client);
  if (!keys) throw new InvalidClient('client has no usable keys');
  const registeredAlg = client.metadata.token_endpoint_auth_signing_alg;
  let payload;
  try {
    ({ payload } = await jwtVerify(assertion, keys, {
      algorithms: registeredAlg ? [registeredAlg] : [...CLIENT_ASSERTION_ALGS],
      issuer: client.clientId,
      subject: client.clientId,
      audience: audiences,
      requiredClaims: ['iss', 'sub', 'aud', 'exp', 'jti'],
      clockTolerance: CLIENT_ASSERTION_CLOCK_TOLERANCE,
    }));
  } catch (err) {
    throw new InvalidClient('client assertion is invalid', { cause: err });
  }
  if (typeof payload.jti !== 'string' || payload.jti.length === 0 || payload.jti.length > 255) {
    throw new InvalidClient('client assertion jti is invalid');
  }
  const expiresAt = new Date((payload.exp! + CLIENT_ASSERTION_CLOCK_TOLERANCE) * 1000);
  if (!(await deps.jtis.recordOnce(client.clientId, payload.jti, expiresAt))) {
    throw new InvalidClient('client assertion has already been used');
  }
}
