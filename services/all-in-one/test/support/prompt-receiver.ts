import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedPrompt {
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
  /** When it arrived, ms since the epoch. */
  receivedAt: number;
}

/** A device webhook on 127.0.0.1 that records every prompt and answers `status` (default 200), `delayMs` after it arrived. */
export async function startPromptReceiver(status = 200, delayMs = 0): Promise<{ url: string; prompts: ReceivedPrompt[]; next(timeoutMs?: number): Promise<ReceivedPrompt>; close(): Promise<void> }> {
  const prompts: ReceivedPrompt[] = [];
  const waiters: Array<(p: ReceivedPrompt) => void> = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const prompt = { headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'), receivedAt: Date.now() };
      prompts.push(prompt);
      waiters.shift()?.(prompt);
      setTimeout(() => res.writeHead(status).end(), delayMs);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  let taken = 0;
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/prompts`,
    prompts,
    next(timeoutMs = 10_000) {
      if (prompts.length > taken) return Promise.resolve(prompts[taken++]!);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no prompt arrived')), timeoutMs);
        waiters.push((p) => {
          clearTimeout(timer);
          taken++;
          resolve(p);
        });
      });
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
