import { InvalidRequest } from '@ciba/contracts/oauth-errors';
import { CLOCK_SKEW_SECONDS } from '../../domain/clock-skew.ts';
import { hasAudience } from '../../domain/has-audience.ts';
import { isCompactJws } from '../../domain/is-compact-jws.ts';
import type { BackchannelContext } from './context.ts';
import { settled } from './settled.ts';

const MAX_LENGTH = 16_384;

/**
 * The `sub` of an `id_token_hint` (CIBA Core §7.1): an ID Token this server signed for this client;
 * an expired one is fine for `ID_TOKEN_HINT_MAX_AGE` after its `exp`. Not ours, not valid, another
 * client's or expired longer ago → `invalid_request`.
 */
export async function subFromIdTokenHint(ctx: BackchannelContext, idTokenHint: string): Promise<string> {
  const client = settled(ctx.client, 'client');
  const claims = idTokenHint.length <= MAX_LENGTH && isCompactJws(idTokenHint) ? await ctx.deps.directory.verifyOwnJwt(idTokenHint) : null;
  if (!claims || typeof claims.sub !== 'string' || claims.sub === '') {
    throw new InvalidRequest('id_token_hint is not a valid ID token issued by this server');
  }
  if (!hasAudience(claims.aud, [client.client_id])) throw new InvalidRequest('id_token_hint was not issued to this client');
  const { exp } = claims;
  const seconds = ctx.deps.now().getTime() / 1000;
  if (typeof exp !== 'number' || exp + ctx.deps.config.idTokenHintMaxAge + CLOCK_SKEW_SECONDS < seconds) {
    throw new InvalidRequest('id_token_hint expired too long ago');
  }
  return claims.sub;
}
