/** How the signing keys age (token service configuration `SIGNING_KEY_*`). */
export interface KeyLifecycle {
  /** Seconds a retired key stays published and verifying: the longest lifetime of a token it signed, plus margin. */
  retentionS: number;
  /** Seconds between automatic rotations of an active key; 0: rotated by the operator only. */
  rotationIntervalS: number;
  /** Seconds a next key is published before a rotation may make it sign (unless forced). */
  nextMinAgeS: number;
}

/** What an operator sees of a key: no private material. */
export interface SigningKeyInfo {
  kid: string;
  alg: string;
  state: string;
  created_at: string;
  activated_at: string | null;
  retired_at: string | null;
  publish_until: string | null;
}
