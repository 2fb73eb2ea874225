import { cibaGrantRepository } from '../adapters/db/ciba-grant-repository.ts';
import type { TokenContext } from '../context.ts';

/**
 * Whether a token request for this request would get its outcome (tokens, `access_denied`,
 * `expired_token`, `invalid_grant`) rather than `authorization_pending`: the grant is known and
 * decided, or past `expires_at` (CIBA Core §11 answers `expired_token` from the time alone).
 */
export async function isDecisionSettled(ctx: TokenContext, requestId: string, now = new Date()): Promise<boolean> {
  const grant = await cibaGrantRepository(ctx.db, ctx.config.schema).findByRequestId(requestId);
  if (!grant) return false;
  return grant.status !== 'pending' || grant.expiresAt.getTime() <= now.getTime();
}
