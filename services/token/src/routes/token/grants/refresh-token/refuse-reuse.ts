import { refreshTokenRepository } from '../../../../adapters/db/refresh-token-repository.ts';
import type { TokenContext } from '../../../../context.ts';
import type { RefreshTokenRecord } from '../../../../domain/grants/refresh-token-record.ts';
import { reusedRefreshToken } from '../../../../domain/grants/reused-refresh-token.ts';

/**
 * A rotated refresh token came back: one of its holders is not the client. Every token of its
 * family is revoked (OAuth 2.0 Security BCP §4.14.2), then the request is refused.
 */
export async function refuseReuse(ctx: TokenContext, record: RefreshTokenRecord, now: Date): Promise<never> {
  const revoked = await refreshTokenRepository(ctx.db).revokeFamily(record.familyId, now);
  ctx.logger.warn({ client_id: record.clientId, family_id: record.familyId, revoked }, 'refresh token reused: its family is revoked');
  throw reusedRefreshToken();
}
