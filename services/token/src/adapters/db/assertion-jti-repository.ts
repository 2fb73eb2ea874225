import type { AssertionJtiRepository } from '../../client-auth/assertion-jti-repository.ts';
import type { TokenDb } from './prisma-client.ts';

/**
 * `client_assertion_jtis`: one atomic statement records a jti, replacing only a row whose assertion
 * has already expired; no row back means the jti is in use (a replay).
 */
export function assertionJtiRepository(db: TokenDb): AssertionJtiRepository {
  return {
    async recordOnce(clientId, jti, expiresAt) {
      const rows = await db.$queryRaw<Array<{ jti: string }>>`
        INSERT INTO "client_assertion_jtis" ("client_id", "jti", "expires_at") VALUES (${clientId}, ${jti}, ${expiresAt})
        ON CONFLICT ("client_id", "jti") DO UPDATE SET "expires_at" = EXCLUDED."expires_at"
          WHERE "client_assertion_jtis"."expires_at" < now()
        RETURNING "jti"`;
      return rows.length === 1;
    },

    async pruneExpired(before) {
      const { count } = await db.clientAssertionJti.deleteMany({ where: { expiresAt: { lt: before } } });
      return count;
    },
  };
}
