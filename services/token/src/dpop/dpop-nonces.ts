import { createHmac, timingSafeEqual } from 'node:crypto';

/** Server nonces of DPoP proofs (RFC 9449 §8), stateless: every replica with the key computes the same ones. */
export interface DpopNonces {
  /** The nonce of the current time bucket: the one to hand out. */
  current(now: Date): string;
  /** Whether `nonce` is the current bucket's or the previous one's. */
  accepts(nonce: string, now: Date): boolean;
}

/**
 * Nonces that are the HMAC-SHA-256 of a time bucket under a server key: nothing is stored, the
 * nonce rotates every `rotationSeconds`, and a nonce handed out just before a rotation still works
 * for one more bucket, so a client rarely meets a second `use_dpop_nonce` in a row.
 */
export function createDpopNonces(secret: Buffer, rotationSeconds: number): DpopNonces {
  const bucketOf = (now: Date) => Math.floor(now.getTime() / 1000 / rotationSeconds);
  const nonceOf = (bucket: number) => createHmac('sha256', secret).update(`dpop-nonce:${rotationSeconds}:${bucket}`).digest('base64url');
  const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
  return {
    current: (now) => nonceOf(bucketOf(now)),
    accepts(nonce, now) {
      const bucket = bucketOf(now);
      return same(nonce, nonceOf(bucket)) || same(nonce, nonceOf(bucket - 1));
    },
  };
}
