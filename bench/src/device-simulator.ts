import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';

export type DeviceMode = 'approve' | 'hold';

/** The part of an interfaces.md §4 prompt the simulator acts on. */
interface Prompt {
  decision_uri?: string;
  decision_token?: string;
  binding_message?: string;
}

export interface DeviceSimulator {
  /** Webhook URL to register as the users' channel. */
  url: string;
  /** `approve`: decide every prompt at once, as a user tapping "approve" would; `hold`: only take it. */
  mode: DeviceMode;
  counts: { prompts: number; approved: number; failed: number };
  /** Told of every prompt as it arrives: its binding message and `performance.now()` (bc-authorize's sustained rate). */
  onPrompt: ((bindingMessage: string, at: number) => void) | undefined;
  /** Resolves when the prompt carrying `bindingMessage` has been approved (register before the request). */
  whenApproved(bindingMessage: string, timeoutMs: number): Promise<void>;
  /** Drops the wait for `bindingMessage` (its request failed); the pending promise is left unsettled. */
  forget(bindingMessage: string): void;
  /** Resolves once `prompts` reaches `expected`, or no prompt came for `quietMs`, or `timeoutMs` passed. */
  settle(expected: number, quietMs?: number, timeoutMs?: number): Promise<void>;
  resetCounts(): void;
  close(): Promise<void>;
}

/**
 * Benchmark-only authentication device: the webhook channel of every bench user. It answers each
 * prompt 200, then (in `approve` mode) posts `{"decision":"approve"}` to the prompt's `decision_uri`
 * with its `decision_token`, exactly as a real device would, so the measured path is the production one.
 */
export async function startDeviceSimulator(): Promise<DeviceSimulator> {
  const agent = new Agent({ connections: 256, keepAliveTimeout: 30_000 });
  const waiters = new Map<string, { approved: () => void; timer: NodeJS.Timeout }>();
  let lastPromptAt = 0;
  const sim: DeviceSimulator = {
    url: '',
    mode: 'hold',
    counts: { prompts: 0, approved: 0, failed: 0 },
    onPrompt: undefined,
    whenApproved(bindingMessage, timeoutMs) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(bindingMessage);
          reject(new Error('no approval in time'));
        }, timeoutMs);
        waiters.set(bindingMessage, {
          timer,
          approved: () => {
            clearTimeout(timer);
            waiters.delete(bindingMessage);
            resolve();
          },
        });
      });
    },
    forget(bindingMessage) {
      clearTimeout(waiters.get(bindingMessage)?.timer);
      waiters.delete(bindingMessage);
    },
    async settle(expected, quietMs = 1000, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      const start = Date.now();
      while (sim.counts.prompts < expected && Date.now() < deadline) {
        if (Date.now() - Math.max(lastPromptAt, start) > quietMs) return;
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    resetCounts() {
      sim.counts = { prompts: 0, approved: 0, failed: 0 };
    },
    close: async () => {
      await new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections();
      await agent.close();
    },
  };

  async function decide(prompt: Prompt): Promise<void> {
    try {
      const response = await request(prompt.decision_uri!, {
        method: 'POST',
        dispatcher: agent,
        headers: { authorization: `Bearer ${prompt.decision_token}`, 'content-type': 'application/json' },
        body: '{"decision":"approve"}',
      });
      await response.body.dump();
      if (response.statusCode !== 200) throw new Error(`decision answered ${response.statusCode}`);
      sim.counts.approved++;
      if (prompt.binding_message) waiters.get(prompt.binding_message)?.approved();
    } catch {
      sim.counts.failed++;
    }
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = performance.now();
      res.writeHead(200, { 'content-length': '0' }).end();
      sim.counts.prompts++;
      lastPromptAt = Date.now();
      const onPrompt = sim.onPrompt;
      if (sim.mode !== 'approve' && !onPrompt) return;
      let prompt: Prompt;
      try {
        prompt = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Prompt;
      } catch {
        sim.counts.failed++;
        return;
      }
      if (onPrompt && prompt.binding_message) onPrompt(prompt.binding_message, at);
      if (sim.mode !== 'approve') return;
      if (prompt.decision_uri && prompt.decision_token) void decide(prompt);
      else sim.counts.failed++;
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  sim.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/prompts`;
  return sim;
}
