import { refreshTokenRepository } from '../adapters/db/refresh-token-repository.ts';
import { revokedTokenRepository } from '../adapters/db/revoked-token-repository.ts';
import type { Prisma } from '../adapters/db/prisma-client.ts';
import type { PushTokenSetRecord } from './push-token-set-store.ts';

/** Revokes a push's set inside the caller's transaction: its refresh token family and its access token's `jti`. */
export async function revokeTokenSet(tx: Prisma.TransactionClient, set: PushTokenSetRecord, now: Date): Promise<void> {
  if (set.refreshFamilyId) await refreshTokenRepository(tx).revokeFamily(set.refreshFamilyId, now);
  await revokedTokenRepository(tx).revoke(set.accessTokenJti, set.accessTokenExpiresAt);
}
