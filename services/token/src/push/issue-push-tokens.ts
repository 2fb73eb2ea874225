import { randomUUID } from 'node:crypto';
import type { PushTokenSet } from '@ciba/contracts';
import { TemporarilyUnavailable } from '@ciba/contracts/oauth-errors';
import { flowMetrics } from '@ciba/metrics';
import { outboxWritten } from '@ciba/event-bus';
import { safeEqual, schemaOfPool, sha256 } from '@ciba/service-kit';
import { cibaGrantRepository } from '../adapters/db/ciba-grant-repository.ts';
import { pushTokenSetRepository } from '../adapters/db/push-token-set-repository.ts';
import { refreshTokenRepository } from '../adapters/db/refresh-token-repository.ts';
import type { TokenContext } from '../context.ts';
import { firstAcr } from '../domain/tokens/first-acr.ts';
import { mintPushTokens } from './mint-push-tokens.ts';
import { revokeTokenSet } from './revoke-token-set.ts';
import { tokensIssuedEvent } from '../events/tokens-issued-event.ts';
import { outboxData } from '../adapters/db/outbox-data.ts';

/**
 * The tokens of a push (CIBA Core §10.3.1) for an approved push-mode request. One transaction, with
 * the grant row locked, redeems the grant (approved → redeemed; a re-issue finds it redeemed by an
 * earlier push), revokes the set the previous push carried, stores the new refresh token and the new
 * set's identifiers, and queues `ciba.tokens.issued.v1`. So however often a push is retried, only the
 * set of the latest call is valid. Nothing is stored in clear.
 *
 * Null when the request is not an approved push request (poll/ping, denied, expired, or `authReqId`
 * is not its id). Throws `temporarily_unavailable` while the decision has not reached this service.
 */
export async function issuePushTokens(ctx: TokenContext, requestId: string, authReqId: string): Promise<PushTokenSet | null> {
  const grant = await cibaGrantRepository(ctx.db, ctx.config.schema).findByRequestId(requestId);
  if (!grant || grant.status === 'pending') throw new TemporarilyUnavailable('the request is not decided yet');
  if (grant.deliveryMode !== 'push' || grant.status === 'denied' || grant.status === 'expired') return null;
  if (!safeEqual(sha256(authReqId), grant.authReqIdHash)) return null;
  const client = await ctx.directory.getClient(grant.clientId);
  if (!client) return null;

  const now = new Date();
  const tokens = await mintPushTokens(ctx, grant, client, authReqId, now);
  // Only the push that redeems the grant counts; a re-issue (a retried push) replaces its tokens.
  let redeemed = false;
  const issued = await ctx.db.$transaction(async (tx) => {
    const sets = pushTokenSetRepository(tx, ctx.config.schema);
    const status = await sets.lockGrant(requestId);
    const previous = status === 'redeemed' ? await sets.find(requestId) : null;
    redeemed = status === 'approved';
    if (redeemed) await sets.redeemApproved(requestId, now);
    else if (!previous) return false;
    if (previous) await revokeTokenSet(tx, previous, now);
    const familyId = tokens.refreshToken ? randomUUID() : null;
    if (tokens.refreshToken && familyId) {
      await refreshTokenRepository(tx).insert({
        tokenHash: tokens.refreshToken.tokenHash,
        familyId,
        clientId: grant.clientId,
        sub: grant.sub,
        scope: grant.scope,
        acr: firstAcr(grant.acrValues) ?? null,
        authTime: grant.decidedAt ?? now,
        requestId,
        expiresAt: tokens.refreshToken.expiresAt,
      });
    }
    await sets.save({
      requestId,
      accessTokenJti: tokens.accessTokenJti,
      accessTokenExpiresAt: new Date((Math.floor(now.getTime() / 1000) + ctx.config.accessTokenTtl) * 1000),
      refreshFamilyId: familyId,
      issuedAt: now,
    });
    const event = tokensIssuedEvent(grant, tokens, now);
    await tx.outboxEvent.create({ data: outboxData(event) });
    return true;
  });
  if (!issued) return null;
  outboxWritten(schemaOfPool(ctx.pool));
  if (redeemed) {
    flowMetrics.outcome('redeemed');
    flowMetrics.stage('token_issued', grant.requestedAt, now);
  }
  ctx.logger.info({ request_id: requestId, client_id: grant.clientId, access_token_jti: tokens.accessTokenJti }, 'push tokens issued');
  const { id_token: idToken, ...rest } = tokens.response;
  // Push tokens are never DPoP-bound: there is no proof at delivery (docs/api.md, DPoP).
  return { ...rest, token_type: 'Bearer', id_token: idToken! };
}
