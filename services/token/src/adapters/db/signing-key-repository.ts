import type { JWK } from 'jose';
import type { SigningKeyRepository, StoredSigningKey } from '../../domain/keys/stored-signing-key.ts';
import type { SigningKey } from './generated/client.ts';
import type { TokenDb } from './prisma-client.ts';

const toStored = (row: SigningKey): StoredSigningKey => ({
  kid: row.kid,
  alg: row.alg,
  privateJwk: row.privateJwk as JWK,
  publicJwk: row.publicJwk as JWK,
  active: row.active,
});

/** `signing_keys` through Prisma; key creation is serialised by a transaction-scoped advisory lock. */
export function signingKeyRepository(db: TokenDb, schema: string): SigningKeyRepository {
  return {
    async listAll() {
      const rows = await db.signingKey.findMany({ orderBy: { createdAt: 'desc' } });
      return rows.map(toStored);
    },

    async ensureActive(alg, generate) {
      const existing = await db.signingKey.findFirst({ where: { alg, active: true }, orderBy: { createdAt: 'desc' } });
      if (existing) return toStored(existing);
      const candidate = await generate();
      return db.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`ciba-signing-keys:${schema}:${alg}`}))`;
        const raced = await tx.signingKey.findFirst({ where: { alg, active: true }, orderBy: { createdAt: 'desc' } });
        if (raced) return toStored(raced);
        const row = await tx.signingKey.create({
          data: { kid: candidate.kid, alg, privateJwk: candidate.privateJwk as object, publicJwk: candidate.publicJwk as object, active: true },
        });
        return toStored(row);
      });
    },
  };
}
