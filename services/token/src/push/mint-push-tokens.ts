import type { ClientView } from '@ciba/contracts';
import type { TokenContext } from '../context.ts';
import type { CibaGrant } from '../domain/grants/ciba-grant.ts';
import { firstAcr } from '../domain/tokens/first-acr.ts';
import { issueTokens, type IssuedTokens } from '../domain/tokens/issue-tokens.ts';

/**
 * Mints (stores nothing) the tokens of a push (CIBA Core §10.3.1): always an ID token, carrying
 * `urn:openid:params:jwt:claim:auth_req_id`, `at_hash` and, with a refresh token, `rt_hash`.
 */
export function mintPushTokens(ctx: TokenContext, grant: CibaGrant, client: ClientView, authReqId: string, now: Date): Promise<IssuedTokens> {
  return issueTokens(ctx.keys, {
    issuer: ctx.config.issuer,
    ttl: { accessToken: ctx.config.accessTokenTtl, idToken: ctx.config.idTokenTtl, refreshToken: ctx.config.refreshTokenTtl },
    client,
    sub: grant.sub,
    scope: grant.scope,
    authTime: grant.decidedAt ?? now,
    acr: firstAcr(grant.acrValues),
    withIdToken: true,
    withRefreshToken: client.grant_types.includes('refresh_token'),
    now,
    push: { authReqId },
  });
}
