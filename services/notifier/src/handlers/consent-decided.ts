import { randomUUID } from 'node:crypto';
import type { AuthRequestsPort, EventOf, NotificationTarget, TOPICS } from '@ciba/contracts';
import type { Logger } from '@ciba/service-kit';
import type { NotificationQueue } from '../adapters/queue/notification-queue.ts';
import type { FirstAttemptSlots } from '../delivery/first-attempt-slots.ts';
import type { ClientNotification } from '../domain/client-notification.ts';
import type { NotificationStore } from '../domain/notification-store.ts';
import { outcomeOfDecision } from '../domain/outcome-of-decision.ts';

export interface ConsentDecidedDeps {
  store: NotificationStore;
  queue: Pick<NotificationQueue, 'enqueue'>;
  authRequests: Pick<AuthRequestsPort, 'getNotificationTarget'>;
  logger: Logger;
  /** The consumer group (processed-events key). */
  group: string;
  /** First attempts this process may still make itself (`NOTIFY_FIRST_ATTEMPTS_IN_FLIGHT`). */
  slots: FirstAttemptSlots;
  /** Milliseconds the first attempt holds its notification before the reconciler may queue it. */
  leaseMs: number;
  /** Makes the first attempt of a notification recorded under this process' lease `owner` (`deliverFirstAttempt`). */
  firstAttempt(n: ClientNotification, owner: string, target: NotificationTarget): Promise<void>;
}

/**
 * `ciba.consent.granted.v1`, `ciba.consent.denied.v1`, `ciba.consent.expired.v1`: a ping or push request
 * gets one notification row (the first outcome wins; replays add nothing). With a free slot, the row is
 * inserted leased to this process, and right after the commit the first attempt runs in process, not
 * holding the event: the row is the record, and the reconciler queues it should the process die before
 * it settles. Without a free slot, or for a row that was already there and is still pending, a queue
 * job is added (job id: the request id) before the event is acknowledged. Poll requests need nothing.
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
    const slot = deps.slots.take();
    const lease = slot ? { owner: randomUUID(), until: new Date(Date.now() + deps.leaseMs) } : undefined;
    let recorded;
    try {
      recorded = await deps.store.recordDecision(deps.group, event.id, { requestId, clientId: target.client_id, mode: target.delivery_mode, outcome, decidedAt: at }, lease);
    } catch (err) {
      if (slot) deps.slots.give();
      throw err;
    }
    const { notification, leased } = recorded;
    const logged = { ...log, mode: notification.mode, notified_outcome: notification.outcome };
    if (lease && leased) {
      deps.slots.run(() => deps.firstAttempt(notification, lease.owner, target));
      deps.logger.info(logged, 'client notification recorded; first attempt in process');
      return;
    }
    if (slot) deps.slots.give();
    if (notification.status !== 'pending') return;
    await deps.queue.enqueue(requestId);
    deps.logger.info(logged, 'client notification queued');
  };
}
