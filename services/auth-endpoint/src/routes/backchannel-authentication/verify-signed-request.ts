import type { ClientView } from '@ciba/contracts';
import { signedAuthenticationRequestClaims, type SignedAuthenticationRequestClaims } from '@ciba/contracts/api/backchannel-authentication';
import { InvalidRequest } from '@ciba/contracts/oauth-errors';
import { CLOCK_SKEW_SECONDS } from '../../domain/clock-skew.ts';
import { DEFAULT_SIGNING_ALGS } from '../../domain/default-signing-algs.ts';
import { checkFapiLifetime, FAPI_REQUEST_ALGS } from '../../domain/fapi-request-object.ts';
import { hasAudience } from '../../domain/has-audience.ts';
import { isCompactJws } from '../../domain/is-compact-jws.ts';
import { MAX_REQUEST_OBJECT_LIFETIME_SECONDS } from '../../domain/request-object-lifetime.ts';
import type { BackchannelContext } from './context.ts';
import { endpointUrl } from './endpoint-url.ts';

/**
 * Verifies a signed authentication request (CIBA Core §7.1.1): the client's signature with its
 * registered algorithm, `iss` = client_id, `aud` = the issuer (or this endpoint), `exp`, `iat`, `nbf`
 * and a `jti` never seen before. Returns the claims; every failure is `invalid_request`.
 */
export async function verifySignedRequest(ctx: BackchannelContext, client: ClientView, request: string): Promise<SignedAuthenticationRequestClaims> {
  const { directory, config, jtis, now } = ctx.deps;
  const registered = client.backchannel_authentication_request_signing_alg;
  const fapi = client.security_profile === 'fapi-ciba';
  const algorithms = (registered ? [registered] : [...DEFAULT_SIGNING_ALGS]).filter((alg) => !fapi || FAPI_REQUEST_ALGS.includes(alg));
  const verified = isCompactJws(request) && algorithms.length > 0 ? await directory.verifyClientJwt(client.client_id, request, algorithms) : null;
  if (!verified) throw new InvalidRequest('request is not a JWT signed by the client with its registered algorithm');
  const parsed = signedAuthenticationRequestClaims.safeParse(verified.claims);
  if (!parsed.success) throw new InvalidRequest(`request claim ${String(parsed.error.issues[0]?.path[0])} is missing or invalid`);
  const claims = parsed.data;
  const seconds = now().getTime() / 1000;
  if (claims.iss !== client.client_id) throw new InvalidRequest('request iss must be the client_id');
  if (!hasAudience(claims.aud, [config.issuer, endpointUrl(config)])) throw new InvalidRequest('request aud must be the issuer identifier');
  if (claims.exp <= seconds) throw new InvalidRequest('request has expired');
  if (claims.exp > seconds + MAX_REQUEST_OBJECT_LIFETIME_SECONDS) throw new InvalidRequest('request exp is too far in the future');
  if (claims.nbf > seconds + CLOCK_SKEW_SECONDS) throw new InvalidRequest('request is not valid yet (nbf)');
  if (claims.iat > seconds + CLOCK_SKEW_SECONDS) throw new InvalidRequest('request iat is in the future');
  if (fapi) checkFapiLifetime(claims, seconds);
  if (!(await jtis.remember(client.client_id, claims.jti, new Date(claims.exp * 1000)))) {
    throw new InvalidRequest('request jti has already been used');
  }
  return claims;
}
