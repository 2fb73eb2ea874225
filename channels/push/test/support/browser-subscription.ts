import { createECDH, randomBytes, type ECDH } from 'node:crypto';
import type { WebPushSubscription } from '@ciba/contracts';

export interface BrowserSubscription {
  /** What `PushSubscription.toJSON()` gives the application server. */
  subscription: WebPushSubscription;
  /** What stays in the browser: the P-256 key pair and the auth secret. */
  keyPair: ECDH;
  authSecret: Buffer;
}

/** A browser subscribing to push at `endpoint`: a fresh P-256 key pair and a 16-byte auth secret (RFC 8291 §2). */
export function browserSubscription(endpoint: string): BrowserSubscription {
  const keyPair = createECDH('prime256v1');
  keyPair.generateKeys();
  const authSecret = randomBytes(16);
  return { subscription: { endpoint, keys: { p256dh: keyPair.getPublicKey().toString('base64url'), auth: authSecret.toString('base64url') } }, keyPair, authSecret };
}
