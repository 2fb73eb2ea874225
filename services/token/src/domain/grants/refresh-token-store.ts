import type { RefreshTokenRecord } from './refresh-token-record.ts';

/** A refresh token to store: what the record holds before it is used or revoked. */
export type NewRefreshTokenRecord = Omit<RefreshTokenRecord, 'usedAt' | 'revokedAt' | 'createdAt'>;

/** Persistence of refresh tokens (`refresh_tokens`); tokens are found by their SHA-256 only. */
export interface RefreshTokenStore {
  findByHash(tokenHash: string): Promise<RefreshTokenRecord | null>;
  insert(record: NewRefreshTokenRecord): Promise<void>;
  /** Marks an unused, unrevoked token used in one conditional UPDATE; false when another use won. */
  markUsed(tokenHash: string, now: Date): Promise<boolean>;
  /** Revokes every token of the family that is not revoked yet; answers how many. */
  revokeFamily(familyId: string, now: Date): Promise<number>;
}
