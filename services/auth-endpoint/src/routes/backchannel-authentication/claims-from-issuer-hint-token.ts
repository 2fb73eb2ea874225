import { errors, jwtVerify } from 'jose';
import { loginHintTokenClaims, type LoginHintTokenClaims } from '@ciba/contracts/api/backchannel-authentication';
import { ExpiredLoginHintToken, InvalidRequest, UnauthorizedClient } from '@ciba/contracts/oauth-errors';
import { CLOCK_SKEW_SECONDS } from '../../domain/clock-skew.ts';
import type { HintIssuerKeys } from '../../hint-issuers/hint-issuer-keys.ts';
import type { BackchannelContext } from './context.ts';
import { endpointUrl } from './endpoint-url.ts';
import { settled } from './settled.ts';

/**
 * The claims of a `login_hint_token` from a trusted issuer (`LOGIN_HINT_TOKEN_ISSUERS`): signed with
 * one of the issuer's keys and algorithms, `iss` the issuer, `aud` this server, `exp` and `iat`
 * present. The signature is checked before any claim, so only a genuine token can be reported as
 * expired (`expired_login_hint_token`); anything else wrong → `invalid_request`. A client outside the
 * issuer's `client_ids` → `unauthorized_client`.
 */
export async function claimsFromIssuerHintToken(ctx: BackchannelContext, trusted: HintIssuerKeys, token: string): Promise<LoginHintTokenClaims> {
  const client = settled(ctx.client, 'client');
  const { config, now } = ctx.deps;
  const { issuer } = trusted;
  if (issuer.client_ids && !issuer.client_ids.includes(client.client_id)) {
    throw new UnauthorizedClient('this client may not present login_hint_tokens of that issuer');
  }
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, trusted.keys, {
      issuer: issuer.issuer,
      audience: [config.issuer, endpointUrl(config)],
      algorithms: issuer.algorithms,
      requiredClaims: ['exp', 'iat'],
      clockTolerance: CLOCK_SKEW_SECONDS,
      currentDate: now(),
    }));
  } catch (err) {
    if (err instanceof errors.JWTExpired) throw new ExpiredLoginHintToken('login_hint_token has expired');
    throw new InvalidRequest(`login_hint_token of ${issuer.issuer} is not valid: ${reason(err)}`);
  }
  const parsed = loginHintTokenClaims.safeParse(payload);
  if (!parsed.success) throw new InvalidRequest(`login_hint_token claim ${String(parsed.error.issues[0]?.path[0])} is missing or invalid`);
  return parsed.data;
}

/** What failed, in words safe for `error_description` (jose's codes, never the token). */
function reason(err: unknown): string {
  if (err instanceof errors.JWTClaimValidationFailed) return `claim ${err.claim} ${err.reason === 'missing' ? 'is missing' : 'check failed'}`;
  if (err instanceof errors.JWSSignatureVerificationFailed || err instanceof errors.JWKSNoMatchingKey) return 'signature does not verify with its keys';
  if (err instanceof errors.JOSEAlgNotAllowed) return 'algorithm not allowed';
  if (err instanceof errors.JOSEError) return err.code.toLowerCase().replace(/^err_/, '').replace(/_/g, ' ');
  return 'keys could not be fetched';
}
