/** Where the `jti`s of accepted DPoP proofs are remembered (RFC 9449 §11.1), shared by every replica. */
export interface DpopReplayCache {
  /** Records `key` for `ttlSeconds`; false when it was recorded already (a replay). */
  claim(key: string, ttlSeconds: number): Promise<boolean>;
}
