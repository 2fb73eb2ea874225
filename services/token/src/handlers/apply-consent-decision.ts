import type { ConsentDeniedV1, ConsentExpiredV1, ConsentGrantedV1 } from '@ciba/contracts';
import { cibaGrantProjection } from '../adapters/db/ciba-grant-projection.ts';
import { cibaGrantRepository } from '../adapters/db/ciba-grant-repository.ts';
import { processedEventRepository } from '../adapters/db/processed-event-repository.ts';
import type { TokenContext } from '../context.ts';
import { CIBA_GRANTS_GROUP } from './consumer-group.ts';

type ConsentEvent = ConsentGrantedV1 | ConsentDeniedV1 | ConsentExpiredV1;

/**
 * Applies a consent decision (or expiry) to the grant: pending → approved/denied/expired, never from
 * a later state, in one statement with its processed-event record. The poll cache is told first, on
 * every delivery of the event, so no poll is answered "pending" from it once the change can be seen.
 * The decision travels on another topic than the `created` event and may overtake it; then the request
 * is fetched from its owner (auth-endpoint) and projected first.
 */
export async function applyConsentDecision(ctx: TokenContext, event: ConsentEvent, status: 'approved' | 'denied' | 'expired'): Promise<void> {
  const { request_id: requestId } = event.data;
  const log = ctx.logger.child({ event_id: event.id, request_id: requestId, decision: status });
  await ctx.pollCache.markDecided(requestId);
  const projection = cibaGrantProjection(ctx.pool);
  const decidedAt = 'decided_at' in event.data ? new Date(event.data.decided_at) : null;
  const expected = status === 'expired' ? null : { clientId: event.data.client_id, sub: event.data.sub };
  let outcome = await projection.applyDecision(CIBA_GRANTS_GROUP, event.id, requestId, status, decidedAt, expected);
  if (outcome.kind === 'unknown_request') {
    const request = await ctx.authRequests.findByRequestId(requestId);
    if (!request) {
      await processedEventRepository(ctx.db).record(CIBA_GRANTS_GROUP, event.id);
      log.warn('consent decision for a request its owner does not know: ignored');
      return;
    }
    await cibaGrantRepository(ctx.db, ctx.config.schema).insertPending(request);
    outcome = await projection.applyDecision(CIBA_GRANTS_GROUP, event.id, requestId, status, decidedAt, expected);
  }
  if (outcome.kind !== 'recorded' || outcome.applied) return;
  if (!outcome.matches) log.warn('consent decision does not match its request (client or user): ignored');
  else log.info({ status: outcome.status }, 'consent decision ignored: the grant is no longer pending');
}
