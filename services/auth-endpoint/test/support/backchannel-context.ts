import type { Request, Response } from 'express';
import { createLogger } from '@ciba/service-kit';
import type { AuthRequest } from '../../src/domain/auth-request.ts';
import { noPromptLimits } from '../../src/domain/no-prompt-limits.ts';
import type { BackchannelContext, BackchannelDeps } from '../../src/routes/backchannel-authentication/context.ts';
import type { OutboxRecord } from '@ciba/event-bus';
import { testConfig } from './test-config.ts';
import type { TestDirectory } from './test-directory.ts';

/** What an in-memory repository recorded. */
export interface MemoryStore {
  requests: AuthRequest[];
  events: OutboxRecord[];
  jtis: Set<string>;
}

/** A fake `res` that records what a step sent. */
export interface RecordedResponse {
  statusCode?: number;
  headers: Record<string, string>;
  body?: unknown;
}

/** A pipeline context for unit tests of single steps: in-memory repository and jti store, a fixed clock. */
export function backchannelContext(
  directory: TestDirectory,
  partial: Partial<BackchannelContext> = {},
  options: { now?: Date; headers?: Record<string, string>; deps?: Partial<BackchannelDeps> } = {},
): { ctx: BackchannelContext; store: MemoryStore; sent: RecordedResponse } {
  const store: MemoryStore = { requests: [], events: [], jtis: new Set() };
  const sent: RecordedResponse = { headers: {} };
  const res = {
    status(code: number) {
      sent.statusCode = code;
      return res;
    },
    set(headers: Record<string, string>) {
      Object.assign(sent.headers, headers);
      return res;
    },
    json(body: unknown) {
      sent.body = body;
      return res;
    },
    // The node:http calls `sendJson` makes.
    app: { get: () => undefined },
    set statusCode(code: number) {
      sent.statusCode = code;
    },
    hasHeader: (name: string) => Object.keys(sent.headers).some((key) => key.toLowerCase() === name.toLowerCase()),
    setHeader(name: string, value: string | number) {
      sent.headers[name] = String(value);
      return res;
    },
    end(text: string) {
      sent.body = JSON.parse(text);
      return res;
    },
  } as unknown as Response;
  const now = options.now ?? new Date('2026-11-22T10:00:00.000Z');
  const deps: BackchannelDeps = {
    config: testConfig(),
    logger: createLogger('auth-endpoint-test', 'silent'),
    directory,
    repository: {
      async create(request, event) {
        store.requests.push(request);
        store.events.push(event);
      },
      async findByAuthReqIdHash(hash) {
        return store.requests.find((r) => r.authReqIdHash === hash) ?? null;
      },
      async findByRequestId(id) {
        return store.requests.find((r) => r.requestId === id) ?? null;
      },
    },
    jtis: {
      async remember(clientId, jti) {
        const key = `${clientId} ${jti}`;
        if (store.jtis.has(key)) return false;
        store.jtis.add(key);
        return true;
      },
    },
    promptLimits: noPromptLimits,
    hintIssuers: new Map(),
    now: () => now,
    ...options.deps,
  };
  const req = { headers: options.headers ?? {} } as unknown as Request;
  const ctx: BackchannelContext = { req, res, deps, form: {}, params: {}, ...partial };
  return { ctx, store, sent };
}
