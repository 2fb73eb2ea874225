/** Replay protection of client assertions (RFC 7523 §3 item 7): `client_assertion_jtis`. */
export interface AssertionJtiRepository {
  /**
   * Records `jti` for the client until `expiresAt`, atomically; false when it is already recorded
   * and not yet expired (the assertion is a replay).
   */
  recordOnce(clientId: string, jti: string, expiresAt: Date): Promise<boolean>;
  /** Deletes records that expired before `before`; returns how many. */
  pruneExpired(before: Date): Promise<number>;
}
