import type { AuthRequestView, ConsentDeniedV1, ConsentGrantedV1 } from '@ciba/contracts';
import { cibaGrantRepository } from '../adapters/db/ciba-grant-repository.ts';
import { processedEventRepository } from '../adapters/db/processed-event-repository.ts';
import type { TokenContext } from '../context.ts';
import { CIBA_GRANTS_GROUP } from './consumer-group.ts';

/**
 * Applies a consent decision to the grant: pending → approved/denied, never from a later state.
 * The decision travels on another topic than the `created` event and may overtake it; then the
 * request is fetched from its owner (auth-endpoint) and projected first.
 */
export async function applyConsentDecision(ctx: TokenContext, event: ConsentGrantedV1 | ConsentDeniedV1, decision: 'approved' | 'denied'): Promise<void> {
  const { request_id: requestId, client_id: clientId, sub } = event.data;
  const log = ctx.logger.child({ event_id: event.id, request_id: requestId, decision });
  if (await processedEventRepository(ctx.db).seen(CIBA_GRANTS_GROUP, event.id)) return;

  let request: AuthRequestView | null = null;
  if (!(await cibaGrantRepository(ctx.db, ctx.config.schema).findByRequestId(requestId))) {
    request = await ctx.authRequests.findByRequestId(requestId);
  }

  await ctx.db.$transaction(async (tx) => {
    if (!(await processedEventRepository(tx).record(CIBA_GRANTS_GROUP, event.id))) return;
    const grants = cibaGrantRepository(tx, ctx.config.schema);
    if (request) await grants.insertPending(request);
    const grant = await grants.findByRequestId(requestId);
    if (!grant) {
      log.warn('consent decision for a request its owner does not know: ignored');
      return;
    }
    if (grant.clientId !== clientId || grant.sub !== sub) {
      log.warn('consent decision does not match its request (client or user): ignored');
      return;
    }
    if (!(await grants.decide(requestId, decision, new Date(event.data.decided_at)))) {
      log.info({ status: grant.status }, 'consent decision ignored: the grant is no longer pending');
    }
  });
}
