import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Notification {
  path: string;
  at: number;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}

/** How a path answers: a status for every call, or a list consumed call by call (the last one repeats). */
export type Behaviour = number | 'never' | Array<number | 'never'>;

/**
 * A client's backchannel notification endpoint on 127.0.0.1: records every POST and answers per path
 * (`answer(path, behaviour)`; default 200). A 3xx answer points `Location` at `/redirected`.
 */
export async function startNotificationReceiver() {
  const received: Notification[] = [];
  const behaviours = new Map<string, Behaviour>();
  const waiters: Array<() => void> = [];
  const server: Server = createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      const path = req.url ?? '';
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(text);
      } catch {
        // kept empty
      }
      received.push({ path, at: Date.now(), headers: req.headers, body });
      for (const wake of waiters.splice(0)) wake();
      const behaviour = behaviours.get(path) ?? 200;
      const calls = received.filter((n) => n.path === path).length;
      const answer = Array.isArray(behaviour) ? behaviour[Math.min(calls, behaviour.length) - 1]! : behaviour;
      if (answer === 'never') return;
      res.writeHead(answer, answer >= 300 && answer < 400 ? { location: '/redirected' } : {}).end(answer === 200 ? '{"ok":true}' : '');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const calls = (path: string) => received.filter((n) => n.path === path);
  return {
    base,
    received,
    calls,
    /** Sets how `path` answers. */
    answer(path: string, behaviour: Behaviour) {
      behaviours.set(path, behaviour);
    },
    /** Waits until `path` got at least `count` calls; answers them. */
    async waitForCalls(path: string, count = 1, timeoutMs = 20_000): Promise<Notification[]> {
      const deadline = Date.now() + timeoutMs;
      while (calls(path).length < count) {
        if (Date.now() > deadline) throw new Error(`${path} got ${calls(path).length} of ${count} notifications`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 100);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return calls(path);
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
