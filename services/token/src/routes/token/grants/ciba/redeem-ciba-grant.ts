import { randomUUID } from 'node:crypto';
import type { ClientView } from '@ciba/contracts';
import type { TokenResponse } from '@ciba/contracts/api/token';
import { InvalidGrant } from '@ciba/contracts/oauth-errors';
import { flowMetrics } from '@ciba/metrics';
import { redeemGrants } from '../../../../adapters/db/redeem-grants.ts';
import type { TokenContext } from '../../../../context.ts';
import type { CibaGrant } from '../../../../domain/grants/ciba-grant.ts';
import { scopeValues } from '../../../../domain/grants/scope-values.ts';
import type { Confirmation } from '../../../../domain/tokens/confirmation.ts';
import { firstAcr } from '../../../../domain/tokens/first-acr.ts';
import { issueTokens } from '../../../../domain/tokens/issue-tokens.ts';
import { tokensIssuedEvent } from '../../../../events/tokens-issued-event.ts';

/**
 * Redeems an approved grant exactly once: tokens are minted first, then one statement (shared with
 * the concurrent redemptions: `redeemGrants`) flips the grant approved → redeemed with a conditional
 * UPDATE, stores the refresh token and queues `ciba.tokens.issued.v1` in the outbox. A racing poll that loses the UPDATE gets `invalid_grant`
 * and its minted tokens are never delivered. With a DPoP proof (`cnf.jkt`), the access token and the
 * refresh token are bound to its key (RFC 9449 §5): binding is decided here, at redemption.
 */
export async function redeemCibaGrant(ctx: TokenContext, grant: CibaGrant, client: ClientView, now: Date, cnf?: Confirmation): Promise<TokenResponse> {
  const authTime = grant.decidedAt ?? now;
  const acr = firstAcr(grant.acrValues);
  const tokens = await issueTokens(ctx.keys, {
    issuer: ctx.config.issuer,
    ttl: { accessToken: ctx.config.accessTokenTtl, idToken: ctx.config.idTokenTtl, refreshToken: ctx.config.refreshTokenTtl },
    client,
    sub: grant.sub,
    scope: grant.scope,
    authTime,
    acr,
    withIdToken: scopeValues(grant.scope).includes('openid'),
    withRefreshToken: client.grant_types.includes('refresh_token'),
    now,
    cnf,
  });
  const refresh = tokens.refreshToken && {
    tokenHash: tokens.refreshToken.tokenHash,
    familyId: randomUUID(),
    clientId: client.client_id,
    sub: grant.sub,
    scope: grant.scope,
    acr: acr ?? null,
    authTime,
    requestId: grant.requestId,
    expiresAt: tokens.refreshToken.expiresAt,
    dpopJkt: cnf?.jkt ?? null,
  };
  if (!(await redeemGrants(ctx.pool)({ authReqIdHash: grant.authReqIdHash, now, event: tokensIssuedEvent(grant, tokens, now), refresh: refresh ?? null }))) {
    throw new InvalidGrant('auth_req_id has already been redeemed');
  }
  flowMetrics.outcome('redeemed');
  flowMetrics.stage('token_issued', grant.requestedAt, now);
  return tokens.response;
}
