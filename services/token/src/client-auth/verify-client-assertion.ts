import { InvalidClient } from '@ciba/contracts/oauth-errors';
import { jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { ClientRecord } from '../domain/clients/client-record.ts';
import type { AssertionJtiRepository } from './assertion-jti-repository.ts';
import { CLIENT_ASSERTION_CLOCK_TOLERANCE } from './client-assertion-type.ts';

export interface VerifyClientAssertionDeps {
  jtis: AssertionJtiRepository;
}

export interface AssertionPolicy {
  /** The client's keys (`private_key_jwt`) or its secret's bytes (`client_secret_jwt`). */
  key: JWTVerifyGetKey | Uint8Array;
  algorithms: string[];
  /** Accepted `aud` values (any one of them, string or array). */
  audiences: string[];
  /** RFC 7523bis: `aud` must be exactly this one string (FAPI clients: the issuer identifier). */
  soleAudience?: string;
}

/**
 * A JWT client assertion (RFC 7523 §3, OIDC Core §9): signed with an accepted `alg` by the client's
 * key or secret; `iss` = `sub` = client_id; `aud` accepted; `exp` present and not past; `jti` present
 * and never used before by this client (recorded until `exp`, in PostgreSQL, so every replica sees it).
 * @see https://www.rfc-editor.org/rfc/rfc7523#section-3
 */
export async function verifyClientAssertion(deps: VerifyClientAssertionDeps, client: ClientRecord, assertion: string, policy: AssertionPolicy): Promise<void> {
  let payload;
  try {
    ({ payload } = await jwtVerify(assertion, policy.key as JWTVerifyGetKey, {
      algorithms: policy.algorithms,
      issuer: client.clientId,
      subject: client.clientId,
      audience: policy.audiences,
      requiredClaims: ['iss', 'sub', 'aud', 'exp', 'jti'],
      clockTolerance: CLIENT_ASSERTION_CLOCK_TOLERANCE,
    }));
  } catch (err) {
    throw new InvalidClient('client assertion is invalid', { cause: err });
  }
  if (policy.soleAudience !== undefined && payload.aud !== policy.soleAudience) {
    throw new InvalidClient('client assertion aud must be the issuer identifier, as a single string');
  }
  if (typeof payload.jti !== 'string' || payload.jti.length === 0 || payload.jti.length > 255) {
    throw new InvalidClient('client assertion jti is invalid');
  }
  const expiresAt = new Date((payload.exp! + CLIENT_ASSERTION_CLOCK_TOLERANCE) * 1000);
  if (!(await deps.jtis.recordOnce(client.clientId, payload.jti, expiresAt))) {
    throw new InvalidClient('client assertion has already been used');
  }
}
