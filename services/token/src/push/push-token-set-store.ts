import type { CibaGrantStatus } from '../domain/grants/ciba-grant.ts';

/** Identifiers of the token set a push carried (`push_token_sets`); never the tokens themselves. */
export interface PushTokenSetRecord {
  requestId: string;
  accessTokenJti: string;
  accessTokenExpiresAt: Date;
  refreshFamilyId: string | null;
  issuedCount: number;
  issuedAt: Date;
  revokedAt: Date | null;
}

/** What issuing and revoking push tokens needs of the database; every method runs in one transaction. */
export interface PushTokenSetStore {
  /** Locks the grant's row (`FOR UPDATE`) and answers its status, so pushes of one request serialise. */
  lockGrant(requestId: string): Promise<CibaGrantStatus | null>;
  /** approved → redeemed; false when the grant was not approved. */
  redeemApproved(requestId: string, now: Date): Promise<boolean>;
  find(requestId: string): Promise<PushTokenSetRecord | null>;
  /** Records the set just minted in place of the previous one (counting the issues). */
  save(set: Omit<PushTokenSetRecord, 'issuedCount' | 'revokedAt'>): Promise<void>;
  markRevoked(requestId: string, now: Date): Promise<void>;
}
