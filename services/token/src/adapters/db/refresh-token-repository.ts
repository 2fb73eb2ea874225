import type { RefreshTokenRecord } from '../../domain/grants/refresh-token-record.ts';
import type { RefreshTokenStore } from '../../domain/grants/refresh-token-store.ts';
import type { RefreshToken as RefreshTokenRow } from './generated/client.ts';
import type { Prisma } from './prisma-client.ts';

const toRecord = (row: RefreshTokenRow): RefreshTokenRecord => ({
  tokenHash: row.tokenHash,
  familyId: row.familyId,
  clientId: row.clientId,
  sub: row.sub,
  scope: row.scope,
  acr: row.acr,
  authTime: row.authTime,
  requestId: row.requestId,
  expiresAt: row.expiresAt,
  usedAt: row.usedAt,
  revokedAt: row.revokedAt,
  createdAt: row.createdAt,
  dpopJkt: row.dpopJkt,
});

/** `refresh_tokens` through Prisma; `db` may be a transaction. */
export function refreshTokenRepository(db: Prisma.TransactionClient): RefreshTokenStore {
  return {
    async findByHash(tokenHash) {
      const row = await db.refreshToken.findUnique({ where: { tokenHash } });
      return row && toRecord(row);
    },

    async insert(record) {
      await db.refreshToken.create({ data: { ...record } });
    },

    async markUsed(tokenHash, now) {
      const { count } = await db.refreshToken.updateMany({ where: { tokenHash, usedAt: null, revokedAt: null }, data: { usedAt: now } });
      return count === 1;
    },

    async revokeFamily(familyId, now) {
      const { count } = await db.refreshToken.updateMany({ where: { familyId, revokedAt: null }, data: { revokedAt: now } });
      return count;
    },
  };
}
