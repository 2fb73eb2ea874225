import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { importJWK, jwtVerify, type JWTPayload } from 'jose';
import { browserSubscription, type BrowserSubscription } from './browser-subscription.ts';
import { decryptAes128gcm } from './decrypt-aes128gcm.ts';
import { startLoopbackServer, type Answer } from './loopback-server.ts';

export interface ReceivedPush {
  headers: IncomingHttpHeaders;
  /** The VAPID JWT's verified claims. */
  vapid: JWTPayload;
  /** The message as the browser decrypted it. */
  payload: string;
}

export interface PushServiceStandIn {
  url: string;
  /** Pushes accepted (VAPID verified, payload decrypted). */
  received: ReceivedPush[];
  /** Pushes refused, with why. */
  refused: string[];
  /** Answers once a push is accepted, taken in order; then 201. */
  answers: Answer[];
  /** A browser subscribing here: its subscription for the application server, its keys for decrypting. */
  subscribe(): BrowserSubscription;
  close(): Promise<void>;
}

/**
 * A push service (RFC 8030) on 127.0.0.1 for the browsers that subscribe to it: checks the VAPID
 * `Authorization` (RFC 8292 §2: `vapid t=<JWT>, k=<key>`, the key being the application server's, the
 * JWT ES256 under it with `aud` this origin, `sub` and `exp` within 24 hours) and decrypts the message
 * with the subscriber's keys as the browser would (RFC 8291). Refused pushes answer 401 or 400.
 */
export async function startPushService(vapidPublicKey: string): Promise<PushServiceStandIn> {
  const subscribers = new Map<string, BrowserSubscription>();
  const service: PushServiceStandIn = { url: '', received: [], refused: [], answers: [], subscribe: () => undefined as never, close: async () => {} };
  const raw = Buffer.from(vapidPublicKey, 'base64url');
  const key = await importJWK({ kty: 'EC', crv: 'P-256', x: raw.subarray(1, 33).toString('base64url'), y: raw.subarray(33, 65).toString('base64url') }, 'ES256');

  const server = await startLoopbackServer(async (request): Promise<Answer> => {
    const subscriber = subscribers.get(request.path);
    if (request.method !== 'POST' || !subscriber) return { status: 404 };
    const auth = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(request.headers.authorization ?? '');
    if (!auth || auth[2] !== vapidPublicKey) return service.refused.push('vapid header'), { status: 401 };
    let vapid: JWTPayload;
    try {
      ({ payload: vapid } = await jwtVerify(auth[1]!, key, { algorithms: ['ES256'], audience: service.url, requiredClaims: ['exp', 'sub'] }));
      if (vapid.exp! > Date.now() / 1000 + 24 * 3600) throw new Error('exp beyond 24 hours');
    } catch (err) {
      return service.refused.push(`vapid jwt: ${(err as Error).message}`), { status: 403 };
    }
    if (request.headers['content-encoding'] !== 'aes128gcm') return service.refused.push('content-encoding'), { status: 415 };
    let payload: string;
    try {
      payload = decryptAes128gcm(request.body, subscriber.keyPair, subscriber.authSecret).toString('utf8');
    } catch (err) {
      return service.refused.push(`decrypt: ${(err as Error).message}`), { status: 400 };
    }
    service.received.push({ headers: request.headers, vapid, payload });
    return service.answers.shift() ?? { status: 201, headers: { location: `${service.url}/messages/${randomUUID()}` } };
  });

  service.url = server.url;
  service.close = server.close;
  service.subscribe = () => {
    const path = `/push/${randomUUID()}`;
    const subscription = browserSubscription(`${server.url}${path}`);
    subscribers.set(path, subscription);
    return subscription;
  };
  return service;
}
