import { loginHintTokenClaims, type LoginHintTokenClaims } from '@ciba/contracts/api/backchannel-authentication';
import { ExpiredLoginHintToken, InvalidRequest } from '@ciba/contracts/oauth-errors';
import { CLOCK_SKEW_SECONDS } from '../../domain/clock-skew.ts';
import { DEFAULT_SIGNING_ALGS } from '../../domain/default-signing-algs.ts';
import { hasAudience } from '../../domain/has-audience.ts';
import type { BackchannelContext } from './context.ts';
import { endpointUrl } from './endpoint-url.ts';
import { settled } from './settled.ts';

/**
 * The claims of a `login_hint_token` the client signed with a key it registered: past `exp` →
 * `expired_login_hint_token`; a bad signature or claim → `invalid_request`.
 */
export async function claimsFromClientHintToken(ctx: BackchannelContext, token: string): Promise<LoginHintTokenClaims> {
  const client = settled(ctx.client, 'client');
  const { directory, config, now } = ctx.deps;
  const registered = client.backchannel_authentication_request_signing_alg;
  const verified = await directory.verifyClientJwt(client.client_id, token, registered ? [registered, ...DEFAULT_SIGNING_ALGS] : [...DEFAULT_SIGNING_ALGS]);
  if (!verified) throw new InvalidRequest('login_hint_token is not a JWT signed by the client');
  const seconds = now().getTime() / 1000;
  const { exp } = verified.claims;
  if (typeof exp === 'number' && exp <= seconds) throw new ExpiredLoginHintToken('login_hint_token has expired');
  const parsed = loginHintTokenClaims.safeParse(verified.claims);
  if (!parsed.success) throw new InvalidRequest(`login_hint_token claim ${String(parsed.error.issues[0]?.path[0])} is missing or invalid`);
  const claims = parsed.data;
  if (claims.nbf !== undefined && claims.nbf > seconds + CLOCK_SKEW_SECONDS) throw new InvalidRequest('login_hint_token is not valid yet (nbf)');
  if (claims.iss !== undefined && claims.iss !== client.client_id) throw new InvalidRequest('login_hint_token iss must be the client_id');
  if (claims.aud !== undefined && !hasAudience(claims.aud, [config.issuer, endpointUrl(config)])) {
    throw new InvalidRequest('login_hint_token aud must be the issuer identifier');
  }
  return claims;
}
