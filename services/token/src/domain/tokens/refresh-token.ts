import { randomToken, sha256 } from '@ciba/service-kit';

export interface NewRefreshToken {
  /** Sent to the client once; never stored. */
  token: string;
  /** SHA-256 (base64url): what `refresh_tokens` keeps. */
  tokenHash: string;
  expiresAt: Date;
}

/** An opaque 256-bit refresh token and what is stored of it. */
export function newRefreshToken(ttlSeconds: number, now: Date): NewRefreshToken {
  const token = randomToken(32);
  return { token, tokenHash: sha256(token), expiresAt: new Date(now.getTime() + ttlSeconds * 1000) };
}
