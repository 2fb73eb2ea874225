import type { AuthRequestsPort, EventOf, TOPICS } from '@ciba/contracts';
import type { Logger } from '@ciba/service-kit';
import type { NotificationQueue } from '../adapters/queue/notification-queue.ts';
import type { NotificationStore } from '../domain/notification-store.ts';
import { outcomeOfDecision } from '../domain/outcome-of-decision.ts';

export interface ConsentDecidedDeps {
  store: NotificationStore;
  queue: Pick<NotificationQueue, 'enqueue'>;
  authRequests: Pick<AuthRequestsPort, 'getNotificationTarget'>;
  logger: Logger;
  /** The consumer group (processed-events key). */
  group: string;
}

/**
 * `ciba.consent.granted.v1`, `ciba.consent.denied.v1`, `ciba.consent.expired.v1`: a ping or push request
 * gets one notification row (the first outcome wins; replays add nothing), then one queue job whose id
 * is the request id. Poll requests need nothing. Resolves only once the job is queued, so the event is
 * acknowledged only then; should Redis lose the job later, the reconciler queues it again.
 */
export function handleConsentDecided(deps: ConsentDecidedDeps) {
  return async (event: EventOf<typeof TOPICS.consentDecisions>): Promise<void> => {
    const requestId = event.data.request_id;
    const { outcome, at } = outcomeOfDecision(event);
    const log = { event_id: event.id, request_id: requestId, outcome };
    const target = await deps.authRequests.getNotificationTarget(requestId);
    if (!target) return;
    if (target.client_id !== event.data.client_id) {
      deps.logger.warn(log, 'consent decision does not match its request (client): ignored');
      return;
    }
    const notification = await deps.store.recordDecision(deps.group, event.id, {
      requestId,
      clientId: target.client_id,
      mode: target.delivery_mode,
      outcome,
      decidedAt: at,
    });
    if (notification.status !== 'pending') return;
    await deps.queue.enqueue(requestId);
    deps.logger.info({ ...log, mode: notification.mode, notified_outcome: notification.outcome }, 'client notification queued');
  };
}
