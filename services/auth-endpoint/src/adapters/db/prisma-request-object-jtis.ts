import type { RequestObjectJtis } from '../../domain/request-object-jtis.ts';
import type { AuthEndpointDb } from './prisma-client.ts';

/** `request_object_jtis`: one row per accepted `jti`; a client's expired rows are swept on its next insert. */
export function prismaRequestObjectJtis(db: AuthEndpointDb, now: () => Date = () => new Date()): RequestObjectJtis {
  return {
    async remember(clientId, jti, expiresAt) {
      await db.requestObjectJti.deleteMany({ where: { clientId, expiresAt: { lt: now() } } });
      const { count } = await db.requestObjectJti.createMany({ data: [{ clientId, jti, expiresAt }], skipDuplicates: true });
      return count === 1;
    },
  };
}
