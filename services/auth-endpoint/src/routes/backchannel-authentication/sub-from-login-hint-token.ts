import { decodeJwt } from 'jose';
import { InvalidRequest } from '@ciba/contracts/oauth-errors';
import { isCompactJws } from '../../domain/is-compact-jws.ts';
import type { HintIssuerKeys } from '../../hint-issuers/hint-issuer-keys.ts';
import { claimsFromClientHintToken } from './claims-from-client-hint-token.ts';
import { claimsFromIssuerHintToken } from './claims-from-issuer-hint-token.ts';
import type { BackchannelContext } from './context.ts';
import { settled } from './settled.ts';
import { subFromLoginHint } from './sub-from-login-hint.ts';

/**
 * The `sub` a `login_hint_token` names (contract: `loginHintTokenClaims`): a JWT signed by the client
 * or by a trusted issuer (its `iss`, `LOGIN_HINT_TOKEN_ISSUERS`), whose `sub_id` is an RFC 9493
 * subject identifier (email, phone_number, opaque: looked up as a login hint; iss_sub: ours only).
 * Null when no user matches.
 * @see https://www.rfc-editor.org/rfc/rfc9493
 */
export async function subFromLoginHintToken(ctx: BackchannelContext, token: string): Promise<string | null> {
  if (!isCompactJws(token)) throw new InvalidRequest('login_hint_token is not a JWT signed by the client');
  const trusted = trustedIssuerOf(ctx, token);
  const claims = trusted ? await claimsFromIssuerHintToken(ctx, trusted, token) : await claimsFromClientHintToken(ctx, token);
  const subject = claims.sub_id;
  switch (subject.format) {
    case 'email':
      return subFromLoginHint(ctx, subject.email);
    case 'phone_number':
      return subFromLoginHint(ctx, subject.phone_number);
    case 'opaque':
      return subFromLoginHint(ctx, subject.id);
    case 'iss_sub':
      return subject.iss === ctx.deps.config.issuer ? subject.sub : null;
  }
}

/** The trusted issuer named by the (not yet verified) `iss`, unless that is the client itself. */
function trustedIssuerOf(ctx: BackchannelContext, token: string): HintIssuerKeys | undefined {
  if (ctx.deps.hintIssuers.size === 0) return undefined;
  let iss: unknown;
  try {
    iss = decodeJwt(token).iss;
  } catch {
    return undefined;
  }
  if (typeof iss !== 'string' || iss === settled(ctx.client, 'client').client_id) return undefined;
  return ctx.deps.hintIssuers.get(iss);
}
