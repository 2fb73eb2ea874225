import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { ADMIN_CHANGED_V1, TOPICS, type AdminAction } from '@ciba/contracts';
import { newEvent, outboxRecord, type OutboxRecord } from '@ciba/event-bus';
import { TOKEN_EVENT_SOURCE } from './tokens-issued-event.ts';

/** A caller's correlation id we carry on: `X-Request-Id` when it is a short plain token. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * The outbox row of `ciba.admin.changed.v1` for an operator's change, written in the change's own
 * transaction: who (the credential), what, when, from where (the caller's address as Express sees
 * it, `trust proxy` applied) and the request's correlation id.
 */
export function adminChangedEvent(req: Request, action: AdminAction, target: string, actor = 'admin-token'): OutboxRecord {
  const requestId = req.get('x-request-id');
  const address = req.ip ?? req.socket.remoteAddress;
  const event = newEvent(TOPICS.adminChanges, {
    type: ADMIN_CHANGED_V1,
    source: TOKEN_EVENT_SOURCE,
    subject: target,
    data: {
      action,
      target,
      actor,
      ...(address ? { address: address.slice(0, 100) } : {}),
      correlation_id: requestId && REQUEST_ID.test(requestId) ? requestId : randomUUID(),
    },
  });
  return outboxRecord(TOPICS.adminChanges, event);
}
