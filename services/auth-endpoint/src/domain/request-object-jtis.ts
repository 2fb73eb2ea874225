/** Replay protection of signed authentication requests (CIBA Core §7.1.1 `jti`). */
export interface RequestObjectJtis {
  /** Records the `jti` of a client until `expiresAt`; false when it was already recorded. */
  remember(clientId: string, jti: string, expiresAt: Date): Promise<boolean>;
}
