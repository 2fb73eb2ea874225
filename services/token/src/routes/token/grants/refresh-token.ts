import { REFRESH_TOKEN_GRANT_TYPE } from '@ciba/contracts';
import { refreshTokenRequest, type RefreshTokenRequest } from '@ciba/contracts/api/token';
import { InvalidGrant } from '@ciba/contracts/oauth-errors';
import { sha256 } from '@ciba/service-kit';
import { refreshTokenRepository } from '../../../adapters/db/refresh-token-repository.ts';
import { checkRefreshBinding } from '../../../domain/grants/check-refresh-binding.ts';
import { checkRefreshToken } from '../../../domain/grants/check-refresh-token.ts';
import { narrowScope } from '../../../domain/grants/narrow-scope.ts';
import { scopeValues } from '../../../domain/grants/scope-values.ts';
import { issueTokens } from '../../../domain/tokens/issue-tokens.ts';
import type { GrantModule } from './grant-module.ts';
import { refuseReuse } from './refresh-token/refuse-reuse.ts';
import { rotateRefreshToken } from './refresh-token/rotate-refresh-token.ts';

/**
 * `refresh_token` (RFC 6749 §6): rotated on every use, a reused token revokes its family, `scope`
 * may only narrow. Answers a new access token, refresh token and, for `openid`, ID token. A DPoP
 * proof binds the new access token; the refresh token keeps the binding of its family (RFC 9449 §5).
 */
export const refreshTokenGrant: GrantModule<RefreshTokenRequest> = {
  grantType: REFRESH_TOKEN_GRANT_TYPE,
  parameters: refreshTokenRequest,
  async handler(ctx, { client, params, cnf }) {
    const now = new Date();
    const record = await refreshTokenRepository(ctx.db).findByHash(sha256(params.refresh_token));
    if (checkRefreshToken(record, client.client_id, now) === 'reused') return refuseReuse(ctx, record!, now);
    const granted = record!;
    checkRefreshBinding(granted, cnf?.jkt);
    const scope = narrowScope(granted.scope, params.scope);
    if (!(await ctx.directory.getUser(granted.sub))) throw new InvalidGrant('the end-user of this grant no longer exists');
    const tokens = await issueTokens(ctx.keys, {
      issuer: ctx.config.issuer,
      ttl: { accessToken: ctx.config.accessTokenTtl, idToken: ctx.config.idTokenTtl, refreshToken: ctx.config.refreshTokenTtl },
      client,
      sub: granted.sub,
      scope,
      authTime: granted.authTime,
      acr: granted.acr ?? undefined,
      withIdToken: scopeValues(scope).includes('openid'),
      withRefreshToken: true,
      now,
      cnf,
    });
    if (!(await rotateRefreshToken(ctx, granted, tokens.refreshToken!, now))) return refuseReuse(ctx, granted, now);
    return tokens.response;
  },
};
