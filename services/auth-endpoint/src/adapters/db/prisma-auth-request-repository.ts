import type { AuthRequestRepository } from '../../domain/auth-request-repository.ts';
import { fromAuthRequestRow } from './auth-request-row.ts';
import type { Prisma } from './generated/client.ts';
import type { AuthEndpointDb } from './prisma-client.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Accepted requests in `auth_requests`; the `created` event goes to `outbox_events` in the same transaction. */
export function prismaAuthRequestRepository(db: AuthEndpointDb): AuthRequestRepository {
  return {
    async create(request, event) {
      await db.$transaction([
        db.authRequest.create({
          data: {
            requestId: request.requestId,
            authReqIdHash: request.authReqIdHash,
            clientId: request.clientId,
            sub: request.sub,
            scope: request.scope,
            acrValues: request.acrValues ?? null,
            bindingMessage: request.bindingMessage ?? null,
            deliveryMode: request.deliveryMode,
            interval: request.interval,
            requestedExpiry: request.requestedExpiry ?? null,
            expiresAt: request.expiresAt,
            requestedAt: request.requestedAt,
            clientNotificationToken: request.clientNotificationToken ?? null,
            authReqId: request.deliveryMode === 'poll' ? null : (request.authReqId ?? null),
          },
        }),
        db.outboxEvent.create({
          data: { id: event.id, topic: event.topic, key: event.key, envelope: event.envelope as Prisma.InputJsonObject },
        }),
      ]);
    },
    async findByAuthReqIdHash(authReqIdHash) {
      const row = await db.authRequest.findUnique({ where: { authReqIdHash } });
      return row ? fromAuthRequestRow(row) : null;
    },
    async findByRequestId(requestId) {
      if (!UUID.test(requestId)) return null;
      const row = await db.authRequest.findUnique({ where: { requestId } });
      return row ? fromAuthRequestRow(row) : null;
    },
  };
}
