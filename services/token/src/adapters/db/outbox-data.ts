import type { OutboxRecord } from '@ciba/event-bus';

/** An outbox record as the `outbox_events` row Prisma creates. */
export const outboxData = (event: OutboxRecord) => ({
  id: event.id,
  topic: event.topic,
  key: event.key,
  envelope: event.envelope,
  ...(event.traceContext ? { traceContext: event.traceContext } : {}),
});
