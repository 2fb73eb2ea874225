import type { Prisma } from './prisma-client.ts';

/** Revoked access tokens (`revoked_access_tokens`), kept by `jti` until the token would have expired. */
export interface RevokedTokenStore {
  isRevoked(jti: string): Promise<boolean>;
  /** Idempotent. */
  revoke(jti: string, expiresAt: Date): Promise<void>;
}

/** `revoked_access_tokens` through Prisma. */
export function revokedTokenRepository(db: Prisma.TransactionClient): RevokedTokenStore {
  return {
    async isRevoked(jti) {
      return (await db.revokedAccessToken.findUnique({ where: { jti }, select: { jti: true } })) !== null;
    },

    async revoke(jti, expiresAt) {
      await db.revokedAccessToken.createMany({ data: [{ jti, expiresAt }], skipDuplicates: true });
    },
  };
}
