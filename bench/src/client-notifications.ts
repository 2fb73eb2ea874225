import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A ping (`{auth_req_id}`) or push (token response or error, with `auth_req_id`) callback body. */
export type Notification = Record<string, unknown> & { auth_req_id: string };

export interface ClientNotificationReceiver {
  /** The `backchannel_client_notification_endpoint` to register. */
  url: string;
  /** Resolves with the callback for `authReqId` that carried `Bearer <token>` (CIBA Core §10.2, §10.3). */
  next(authReqId: string, token: string, timeoutMs: number): Promise<Notification>;
  counts: { received: number; rejected: number };
  close(): Promise<void>;
}

/** The relying party's notification endpoint for ping and push clients; answers 204 as the spec says. */
export async function startClientNotificationReceiver(): Promise<ClientNotificationReceiver> {
  const arrived = new Map<string, { token: string; body: Notification }>();
  const waiters = new Map<string, (n: { token: string; body: Notification }) => void>();
  const counts = { received: 0, rejected: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: Notification;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Notification;
      } catch {
        counts.rejected++;
        return void res.writeHead(400).end();
      }
      const auth = req.headers.authorization ?? '';
      if (typeof body.auth_req_id !== 'string' || !auth.startsWith('Bearer ')) {
        counts.rejected++;
        return void res.writeHead(401).end();
      }
      counts.received++;
      res.writeHead(204).end();
      const entry = { token: auth.slice(7), body };
      const waiter = waiters.get(body.auth_req_id);
      if (waiter) waiter(entry);
      else arrived.set(body.auth_req_id, entry);
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/cb`,
    counts,
    next(authReqId, token, timeoutMs) {
      return new Promise((resolve, reject) => {
        const settle = (entry: { token: string; body: Notification }) => {
          clearTimeout(timer);
          waiters.delete(authReqId);
          arrived.delete(authReqId);
          if (entry.token !== token) reject(new Error('notification with a wrong bearer token'));
          else resolve(entry.body);
        };
        const timer = setTimeout(() => {
          waiters.delete(authReqId);
          reject(new Error('no client notification in time'));
        }, timeoutMs);
        const early = arrived.get(authReqId);
        if (early) settle(early);
        else waiters.set(authReqId, settle);
      });
    },
    close: async () => {
      await new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections();
    },
  };
}
