import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { TOPICS } from '@ciba/contracts';
import type { OutboxRecord } from '@ciba/event-bus';
import { createPgPool, ensureDatabase, migrate, type PgPool } from '@ciba/service-kit';
import { createConsentDb, type ConsentDb } from '../../src/adapters/db/prisma-client.ts';
import { promptRepository } from '../../src/adapters/db/prompt-repository.ts';
import type { NewPrompt, PromptStore } from '../../src/domain/prompt-store.ts';
import { decisionEvent } from '../../src/events/decision-event.ts';
import { consentExpiredEvent } from '../../src/events/expired-event.ts';
import { CONSENT_MIGRATIONS_DIR } from '../../src/service.ts';

const databaseUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/ciba';
const GROUP = 'consent-dispatcher.prompts';

/** The store's batched writes, against PostgreSQL: concurrent calls share statements, each gets its own answer. */
describe('promptRepository (batched writes of concurrent prompts)', () => {
  const schema = `consent_repo_${randomBytes(6).toString('hex')}`;
  const sql = new pg.Client({ connectionString: databaseUrl });
  let pool: PgPool;
  let db: ConsentDb;
  let store: PromptStore;
  /** Statements the service's pool was sent (Prisma's included). */
  let statements = 0;

  const q = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) => (await sql.query<T>(text.replaceAll('$schema', `"${schema}"`), values)).rows;
  const count = async (text: string, values: unknown[] = []) => Number((await q<{ n: string }>(`SELECT count(*) AS n ${text}`, values))[0]!.n);
  const eventTypes = async (requestId: string) =>
    (await q<{ envelope: { type: string } }>('SELECT envelope FROM $schema.outbox_events WHERE key = $1 ORDER BY seq', [requestId])).map((r) => r.envelope.type);
  const statementsOf = async <T>(work: () => Promise<T>): Promise<{ result: T; statements: number }> => {
    const before = statements;
    const result = await work();
    return { result, statements: statements - before };
  };

  const newPrompt = (overrides: Partial<NewPrompt> = {}): NewPrompt => ({
    promptId: randomBytes(16).toString('base64url'),
    requestId: randomUUID(),
    clientId: 'client-1',
    sub: `user-${randomBytes(3).toString('hex')}`,
    scope: 'openid profile',
    expiresAt: new Date(Date.now() + 600_000),
    nextOfferAt: new Date(Date.now() + 15_000),
    deliveryStatus: 'queued',
    ...overrides,
  });
  const stored = async (n: number) => Promise.all(Array.from({ length: n }, async () => (await store.recordCreated(GROUP, randomUUID(), newPrompt())).prompt));

  beforeAll(async () => {
    await ensureDatabase(databaseUrl);
    await migrate({ databaseUrl, schema, migrationsDir: CONSENT_MIGRATIONS_DIR, log: () => {} });
    await sql.connect();
    pool = createPgPool(databaseUrl, { schema });
    const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
    pool.query = ((...args: unknown[]) => {
      statements += 1;
      return query(...args);
    }) as typeof pool.query;
    db = createConsentDb(pool, schema);
    store = promptRepository(db, pool, schema);
  });

  afterAll(async () => {
    await db?.$disconnect();
    await pool?.end();
    await sql.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await sql.end();
  });

  describe('recordCreated', () => {
    it('stores each of concurrent prompts as its own row, with its processed event, in one statement', async () => {
      const events = Array.from({ length: 20 }, (_, i) => ({ eventId: randomUUID(), prompt: newPrompt(i % 2 ? { bindingMessage: `W${i}`, acrValues: 'urn:acr:silver' } : {}) }));
      const { result, statements: sent } = await statementsOf(() => Promise.all(events.map((e) => store.recordCreated(GROUP, e.eventId, e.prompt))));
      expect(sent).toBe(1);
      for (const [i, { eventId, prompt }] of events.entries()) {
        const { deliveryStatus, ...fields } = prompt;
        expect(result[i]).toEqual({ created: true, prompt: { ...fields, status: 'pending', deliveryStatus, round: 1, nextChannelIndex: 0 } });
        expect(await store.findById(prompt.promptId)).toEqual(result[i]!.prompt);
        expect(await count('FROM $schema.processed_events WHERE "group" = $1 AND event_id = $2', [GROUP, eventId])).toBe(1);
        expect(await eventTypes(prompt.requestId)).toEqual([]);
      }
    });

    it('writes the expired event only for the prompts of the batch that arrived expired', async () => {
      const now = new Date();
      const late = Array.from({ length: 3 }, () => newPrompt({ expiresAt: new Date(now.getTime() - 1000), deliveryStatus: 'expired' }));
      const fresh = Array.from({ length: 3 }, () => newPrompt());
      const results = await Promise.all([
        ...late.map((p) => store.recordCreated(GROUP, randomUUID(), p, consentExpiredEvent(p, now))),
        ...fresh.map((p) => store.recordCreated(GROUP, randomUUID(), p)),
      ]);
      for (const [i, p] of late.entries()) {
        expect(results[i]).toMatchObject({ created: true, prompt: { promptId: p.promptId, status: 'expired', deliveryStatus: 'expired' } });
        expect(results[i]!.prompt.nextOfferAt).toBeUndefined();
        expect(await eventTypes(p.requestId)).toEqual(['ciba.consent.expired.v1']);
      }
      for (const [i, p] of fresh.entries()) {
        expect(results[late.length + i]).toMatchObject({ created: true, prompt: { promptId: p.promptId, status: 'pending', deliveryStatus: 'queued' } });
        expect(await eventTypes(p.requestId)).toEqual([]);
      }
    });

    it('skips a redelivered event alone: it gets the earlier prompt, its batch-mates are stored', async () => {
      const now = new Date();
      const eventId = randomUUID();
      const first = newPrompt({ expiresAt: new Date(now.getTime() - 1000), deliveryStatus: 'expired' });
      await store.recordCreated(GROUP, eventId, first, consentExpiredEvent(first, now));
      const again = { ...first, promptId: randomBytes(16).toString('base64url') };
      const others = [newPrompt(), newPrompt()];
      const { result, statements: sent } = await statementsOf(() =>
        Promise.all([store.recordCreated(GROUP, eventId, again, consentExpiredEvent(again, now)), ...others.map((p) => store.recordCreated(GROUP, randomUUID(), p))]),
      );
      expect(sent).toBe(1);
      expect(result[0]).toMatchObject({ created: false, prompt: { promptId: first.promptId, status: 'expired' } });
      expect(result.slice(1).map((r) => [r.created, r.prompt.promptId])).toEqual(others.map((p) => [true, p.promptId]));
      expect(await count('FROM $schema.consent_prompts WHERE request_id = $1', [first.requestId])).toBe(1);
      expect(await count('FROM $schema.processed_events WHERE event_id = $1', [eventId])).toBe(1);
      expect(await eventTypes(first.requestId)).toEqual(['ciba.consent.expired.v1']);
    });

    it('stores one prompt when the same event comes twice in one batch; the copy gets it as a replay', async () => {
      const eventId = randomUUID();
      const prompt = newPrompt();
      const copy = { ...prompt, promptId: randomBytes(16).toString('base64url'), nextOfferAt: new Date(0) };
      const [a, b] = await Promise.all([store.recordCreated(GROUP, eventId, prompt), store.recordCreated(GROUP, eventId, copy)]);
      expect(a).toMatchObject({ created: true, prompt: { promptId: prompt.promptId, nextOfferAt: prompt.nextOfferAt } });
      expect(b).toEqual({ created: false, prompt: a!.prompt });
      expect(await count('FROM $schema.consent_prompts WHERE request_id = $1', [prompt.requestId])).toBe(1);
    });

    it('stores one prompt per request when two replicas record the same events at once; both get it', async () => {
      const replicaPool = createPgPool(databaseUrl, { schema });
      const replicaDb = createConsentDb(replicaPool, schema);
      const replica = promptRepository(replicaDb, replicaPool, schema);
      try {
        const events = Array.from({ length: 30 }, () => ({ eventId: randomUUID(), prompt: newPrompt() }));
        const copy = (p: NewPrompt): NewPrompt => ({ ...p, promptId: randomBytes(16).toString('base64url') });
        const [here, there] = await Promise.all([
          Promise.all(events.map((e) => store.recordCreated(GROUP, e.eventId, e.prompt))),
          Promise.all(events.map((e) => replica.recordCreated(GROUP, e.eventId, copy(e.prompt)))),
        ]);
        for (const [i, e] of events.entries()) {
          expect([here[i]!.created, there[i]!.created].filter(Boolean)).toHaveLength(1);
          expect(there[i]!.prompt).toEqual(here[i]!.prompt);
          expect(await count('FROM $schema.consent_prompts WHERE request_id = $1', [e.prompt.requestId])).toBe(1);
        }
      } finally {
        await replicaDb.$disconnect();
        await replicaPool.end();
      }
    });

    it('fails a prompt PostgreSQL refuses alone; its batch-mates are stored', async () => {
      const bad = newPrompt({ bindingMessage: 'nul \u0000 byte' });
      const good = [newPrompt(), newPrompt(), newPrompt()];
      const results = await Promise.allSettled([store.recordCreated(GROUP, randomUUID(), bad), ...good.map((p) => store.recordCreated(GROUP, randomUUID(), p))]);
      expect(results[0]).toMatchObject({ status: 'rejected' });
      expect(results.slice(1).map((r) => r.status === 'fulfilled' && [r.value.created, r.value.prompt.promptId])).toEqual(good.map((p) => [true, p.promptId]));
      expect(await count('FROM $schema.consent_prompts WHERE request_id = $1', [bad.requestId])).toBe(0);
    });
  });

  describe('findById', () => {
    it('answers concurrent look-ups each with its own prompt (null when unknown), in one statement', async () => {
      const prompts = await stored(5);
      const { result, statements: sent } = await statementsOf(() => Promise.all([...prompts.map((p) => store.findById(p.promptId)), store.findById('unknown')]));
      expect(sent).toBe(1);
      expect(result).toEqual([...prompts, null]);
    });
  });

  describe('decide', () => {
    it('decides each of concurrent prompts with its own event, in one statement (through Prisma)', async () => {
      const prompts = await stored(10);
      const at = new Date();
      const status = (i: number) => (i % 2 ? 'approved' : 'denied');
      const { result, statements: sent } = await statementsOf(() => Promise.all(prompts.map((p, i) => store.decide(p.promptId, status(i), at, decisionEvent(p, status(i), at)))));
      expect(sent).toBe(1);
      expect(result).toEqual(prompts.map(() => true));
      for (const [i, p] of prompts.entries()) {
        expect(await store.findById(p.promptId)).toEqual({ ...p, status: status(i), decidedAt: at });
        expect(await eventTypes(p.requestId)).toEqual([status(i) === 'approved' ? 'ciba.consent.granted.v1' : 'ciba.consent.denied.v1']);
      }
    });

    it('lets one of two decisions of a prompt in one batch win; refuses an expired request alone', async () => {
      const [p, q2] = await stored(2);
      const at = new Date();
      await sql.query(`UPDATE "${schema}".consent_prompts SET expires_at = $2 WHERE prompt_id = $1`, [q2!.promptId, at]);
      const results = await Promise.all([
        store.decide(p!.promptId, 'approved', at, decisionEvent(p!, 'approved', at)),
        store.decide(p!.promptId, 'denied', at, decisionEvent(p!, 'denied', at)),
        store.decide(q2!.promptId, 'approved', at, decisionEvent(q2!, 'approved', at)),
      ]);
      expect(results.slice(0, 2).filter(Boolean)).toHaveLength(1);
      expect(results[2]).toBe(false);
      const won = results[0] ? 'approved' : 'denied';
      expect(await store.findById(p!.promptId)).toMatchObject({ status: won });
      expect(await eventTypes(p!.requestId)).toEqual([won === 'approved' ? 'ciba.consent.granted.v1' : 'ciba.consent.denied.v1']);
      expect(await store.findById(q2!.promptId)).toMatchObject({ status: 'pending' });
      expect(await eventTypes(q2!.requestId)).toEqual([]);
    });

    it('fails a decision PostgreSQL refuses alone; its batch-mates are decided', async () => {
      const prompts = await stored(3);
      const at = new Date();
      const broken: OutboxRecord = { ...decisionEvent(prompts[0]!, 'approved', at), id: 'not-a-uuid', topic: TOPICS.consentDecisions };
      const results = await Promise.allSettled([
        store.decide(prompts[0]!.promptId, 'approved', at, broken),
        ...prompts.slice(1).map((p) => store.decide(p.promptId, 'approved', at, decisionEvent(p, 'approved', at))),
      ]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
      expect(await store.findById(prompts[0]!.promptId)).toMatchObject({ status: 'pending' });
      for (const p of prompts.slice(1)) expect(await store.findById(p.promptId)).toMatchObject({ status: 'approved' });
    });
  });
});
