import { TOPICS, type EventOf, type FixedTopicName } from '@ciba/contracts';
import type { EventBus, Subscription } from '@ciba/event-bus';
import type { AuditStore } from '../adapters/db/audit-store.ts';
import { toAuditRecord } from '../domain/to-audit-record.ts';

/** The audit service's consumer group: it reads every fixed topic, and takes work from no one. */
export const AUDIT_GROUP = 'audit.recorder';

/** Every topic whose events are recorded (each channel's own offers are recorded through their outcomes). */
export const AUDITED_TOPICS = Object.values(TOPICS) as FixedTopicName[];

/** Appends one record per event; a redelivered event is recorded once (idempotent on the event id). */
export function subscribeAuditRecorder(bus: EventBus, store: AuditStore): Promise<Subscription> {
  return bus.subscribe({
    group: AUDIT_GROUP,
    topics: AUDITED_TOPICS,
    handler: async (event: EventOf<FixedTopicName>) => {
      await store.append(toAuditRecord(event));
    },
  });
}
