import { loginHintTokenClaims } from '@ciba/contracts/api/backchannel-authentication';
import { ExpiredLoginHintToken, InvalidRequest } from '@ciba/contracts/oauth-errors';
import { CLOCK_SKEW_SECONDS } from '../../domain/clock-skew.ts';
import { DEFAULT_SIGNING_ALGS } from '../../domain/default-signing-algs.ts';
import { hasAudience } from '../../domain/has-audience.ts';
import { isCompactJws } from '../../domain/is-compact-jws.ts';
import type { BackchannelContext } from './context.ts';
import { endpointUrl } from './endpoint-url.ts';
import { settled } from './settled.ts';
import { subFromLoginHint } from './sub-from-login-hint.ts';

/**
 * The `sub` a `login_hint_token` names (contract: `loginHintTokenClaims`): a JWT the client signed
 * whose `sub_id` is an RFC 9493 subject identifier. Past `exp` → `expired_login_hint_token`; a bad
 * signature or claim → `invalid_request`; null when no user matches.
 */
export async function subFromLoginHintToken(ctx: BackchannelContext, token: string): Promise<string | null> {
  const client = settled(ctx.client, 'client');
  const { directory, config, now } = ctx.deps;
  const registered = client.backchannel_authentication_request_signing_alg;
  const verified = isCompactJws(token) ? await directory.verifyClientJwt(client.client_id, token, registered ? [registered, ...DEFAULT_SIGNING_ALGS] : [...DEFAULT_SIGNING_ALGS]) : null;
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
  const subject = claims.sub_id;
  switch (subject.format) {
    case 'email':
      return subFromLoginHint(ctx, subject.email);
    case 'phone_number':
      return subFromLoginHint(ctx, subject.phone_number);
    case 'opaque':
      return subFromLoginHint(ctx, subject.id);
    case 'iss_sub':
      return subject.iss === config.issuer ? subject.sub : null;
  }
}
