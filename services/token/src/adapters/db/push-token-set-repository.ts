import type { CibaGrantStatus } from '../../domain/grants/ciba-grant.ts';
import type { PushTokenSetStore } from '../../push/push-token-set-store.ts';
import { Prisma } from './prisma-client.ts';

const quote = (ident: string) => `"${ident.replace(/"/g, '""')}"`;

/** `push_token_sets` (and the grant lock on `ciba_grants`) through Prisma; `db` is a transaction. */
export function pushTokenSetRepository(db: Prisma.TransactionClient, schema: string): PushTokenSetStore {
  const grants = Prisma.raw(`${quote(schema)}."ciba_grants"`);
  return {
    async lockGrant(requestId) {
      const rows = await db.$queryRaw<{ status: CibaGrantStatus }[]>(
        Prisma.sql`SELECT "status"::text AS "status" FROM ${grants} WHERE "request_id" = ${requestId}::uuid FOR UPDATE`,
      );
      return rows[0]?.status ?? null;
    },

    async redeemApproved(requestId, now) {
      const { count } = await db.cibaGrant.updateMany({ where: { requestId, status: 'approved' }, data: { status: 'redeemed', redeemedAt: now } });
      return count === 1;
    },

    async find(requestId) {
      return db.pushTokenSet.findUnique({ where: { requestId } });
    },

    async save(set) {
      await db.pushTokenSet.upsert({
        where: { requestId: set.requestId },
        create: { ...set },
        update: { ...set, issuedCount: { increment: 1 }, revokedAt: null },
      });
    },

    async markRevoked(requestId, now) {
      await db.pushTokenSet.updateMany({ where: { requestId, revokedAt: null }, data: { revokedAt: now } });
    },
  };
}
