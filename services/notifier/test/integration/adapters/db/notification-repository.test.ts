import { randomBytes, randomUUID } from 'node:crypto';
import { TOPICS } from '@ciba/contracts';
import type { OutboxRecord } from '@ciba/event-bus';
import { createPgPool, migrate, type PgPool } from '@ciba/service-kit';
import { notificationRepository } from '../../../../src/adapters/db/notification-repository.ts';
import { createNotifierDb, type NotifierDb } from '../../../../src/adapters/db/prisma-client.ts';
import type { NewNotification, NotificationStore } from '../../../../src/domain/notification-store.ts';
import { NOTIFIER_MIGRATIONS_DIR } from '../../../../src/service.ts';

const databaseUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/ciba';
const schema = `notifier_repo_t_${randomBytes(6).toString('hex')}`;
const GROUP = 'notifier.test';

let pool: PgPool;
let db: NotifierDb;
let store: NotificationStore;

beforeAll(async () => {
  await migrate({ databaseUrl, schema, migrationsDir: NOTIFIER_MIGRATIONS_DIR, log: () => undefined });
  pool = createPgPool(databaseUrl, { schema });
  db = createNotifierDb(pool, schema);
  store = notificationRepository(db, pool);
});
afterAll(async () => {
  await db.$disconnect();
  await pool.query(`DROP SCHEMA "${schema}" CASCADE`);
  await pool.end();
});

const decided = (extra: Partial<NewNotification> = {}): NewNotification => ({
  requestId: randomUUID(),
  clientId: 'rp-1',
  mode: 'ping',
  outcome: 'approved',
  decidedAt: new Date('2026-11-22T10:00:00.123Z'),
  ...extra,
});
const outboxEvent = (requestId: string): OutboxRecord => {
  const id = randomUUID();
  return { id, topic: TOPICS.clientNotifications, key: requestId, envelope: { specversion: '1.0', id, type: 'ciba.client_notification.delivered.v1', subject: requestId, data: { n: 1 } } };
};
const processed = async (eventId: string) => (await pool.query('SELECT 1 FROM "processed_events" WHERE "group" = $1 AND "event_id" = $2', [GROUP, eventId])).rowCount;
const outboxRows = async (requestId: string) => (await pool.query('SELECT "id", "topic", "envelope" FROM "outbox_events" WHERE "key" = $1', [requestId])).rows;
const lease = async (requestId: string) =>
  (await pool.query<{ lease_owner: string | null; lease_until: Date | null }>('SELECT "lease_owner", "lease_until" FROM "client_notifications" WHERE "request_id" = $1', [requestId])).rows[0];
const later = (ms: number) => new Date(Date.now() + ms);

describe('notificationRepository', () => {
  it('recordDecision: records the event and the notification, answers the stored row; a replay or a later outcome changes nothing', async () => {
    const n = decided();
    const eventId = randomUUID();
    const { notification: stored, leased } = await store.recordDecision(GROUP, eventId, n);
    expect(leased).toBe(false);
    expect(stored).toEqual({
      requestId: n.requestId,
      clientId: 'rp-1',
      mode: 'ping',
      outcome: 'approved',
      status: 'pending',
      attempts: 0,
      lastStatus: null,
      lastError: null,
      failureReason: null,
      decidedAt: n.decidedAt,
      createdAt: expect.any(Date),
      updatedAt: expect.any(Date),
      deliveredAt: null,
      leaseUntil: null,
    });
    expect(await processed(eventId)).toBe(1);
    expect(await store.recordDecision(GROUP, eventId, n)).toEqual({ notification: stored, leased: false });
    const expiredLater = randomUUID();
    expect(await store.recordDecision(GROUP, expiredLater, { ...n, outcome: 'expired', decidedAt: new Date() })).toEqual({ notification: stored, leased: false });
    expect(await processed(expiredLater)).toBe(1);
    expect(await store.find(n.requestId)).toEqual(stored);
  });

  it('recordDecision: concurrent outcomes of one request store one notification, and every caller gets that one', async () => {
    const n = decided({ mode: 'push' });
    const answers = await Promise.all([
      store.recordDecision(GROUP, randomUUID(), n),
      store.recordDecision(GROUP, randomUUID(), { ...n, outcome: 'denied' }),
      store.recordDecision(GROUP, randomUUID(), { ...n, outcome: 'expired' }),
    ]);
    expect(new Set(answers.map((a) => a.notification.outcome)).size).toBe(1);
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
  });

  it('recordDecision with a lease: inserted leased to its owner (leased); a replay under another lease is not leased and keeps the first', async () => {
    const n = decided();
    const owner = randomUUID();
    const until = new Date(Date.now() + 60_000);
    const first = await store.recordDecision(GROUP, randomUUID(), n, { owner, until });
    expect(first).toMatchObject({ leased: true, notification: { requestId: n.requestId, status: 'pending', leaseUntil: until } });
    expect(await lease(n.requestId)).toEqual({ lease_owner: owner, lease_until: until });
    expect(await store.claim(n.requestId, randomUUID(), later(60_000))).toBe(false);
    const replay = await store.recordDecision(GROUP, randomUUID(), n, { owner: randomUUID(), until: later(120_000) });
    expect(replay).toEqual({ leased: false, notification: first.notification });
    expect(await lease(n.requestId)).toEqual({ lease_owner: owner, lease_until: until });
  });

  it('recordDelivery: the attempt, its count, pending → delivered with its outbox row and the lease dropped, in one statement; nothing when no longer pending', async () => {
    const n = decided();
    await store.recordDecision(GROUP, randomUUID(), n, { owner: randomUUID(), until: later(60_000) });
    const at = new Date('2026-11-22T10:00:02.500Z');
    const event = outboxEvent(n.requestId);
    const attempt = { requestId: n.requestId, startedAt: new Date('2026-11-22T10:00:02.400Z'), latencyMs: 7, statusCode: 204, errorCode: null, outcome: 'delivered' };
    expect(await store.recordDelivery(attempt, at, event)).toBe(true);
    expect(await store.find(n.requestId)).toMatchObject({ status: 'delivered', deliveredAt: at, attempts: 1, lastStatus: 204, lastError: null, leaseUntil: null });
    expect(await lease(n.requestId)).toEqual({ lease_owner: null, lease_until: null });
    expect(await store.attempts(n.requestId)).toEqual([{ attempt: 1, startedAt: attempt.startedAt, latencyMs: 7, statusCode: 204, errorCode: null, outcome: 'delivered' }]);
    expect(await outboxRows(n.requestId)).toEqual([{ id: event.id, topic: event.topic, envelope: event.envelope }]);
    expect(await store.recordDelivery(attempt, at, outboxEvent(n.requestId))).toBe(false);
    expect(await store.attempts(n.requestId)).toHaveLength(1);
    expect(await outboxRows(n.requestId)).toHaveLength(1);
  });

  it('find: null for an unknown or malformed id', async () => {
    expect(await store.find(randomUUID())).toBeNull();
    expect(await store.find('not-a-uuid')).toBeNull();
  });

  it('claim: one run at a time while its lease lasts; an expired lease can be taken; release frees only the holder’s', async () => {
    const n = decided();
    await store.recordDecision(GROUP, randomUUID(), n);
    const [first, second] = [randomUUID(), randomUUID()];
    expect(await store.claim(n.requestId, first, later(60_000))).toBe(true);
    expect(await store.claim(n.requestId, second, later(60_000))).toBe(false);
    await store.release(n.requestId, second);
    expect(await lease(n.requestId)).toMatchObject({ lease_owner: first });
    expect((await store.find(n.requestId))?.leaseUntil).toEqual(expect.any(Date));
    await store.release(n.requestId, first);
    expect(await lease(n.requestId)).toEqual({ lease_owner: null, lease_until: null });
    expect(await store.claim(n.requestId, second, later(-1_000))).toBe(true);
    expect(await store.claim(n.requestId, first, later(60_000))).toBe(true);
    expect(await lease(n.requestId)).toMatchObject({ lease_owner: first });
    expect(await store.claim(randomUUID(), first, later(60_000))).toBe(false);
  });

  it('recordAttempt: numbers attempts in order and keeps the latest status and error; attempts lists them', async () => {
    const n = decided();
    await store.recordDecision(GROUP, randomUUID(), n);
    const base = { requestId: n.requestId, startedAt: new Date('2026-11-22T10:00:01.000Z'), latencyMs: 12 };
    expect(await store.recordAttempt({ ...base, statusCode: 503, errorCode: null, outcome: 'retry' })).toBe(1);
    expect(await store.recordAttempt({ ...base, statusCode: null, errorCode: 'outbound_timeout', outcome: 'retry' })).toBe(2);
    expect(await store.find(n.requestId)).toMatchObject({ attempts: 2, lastStatus: 503, lastError: 'outbound_timeout' });
    expect(await store.recordAttempt({ ...base, statusCode: 204, errorCode: null, outcome: 'delivered' })).toBe(3);
    expect(await store.find(n.requestId)).toMatchObject({ attempts: 3, lastStatus: 204, lastError: null });
    expect(await store.attempts(n.requestId)).toEqual([
      { attempt: 1, startedAt: base.startedAt, latencyMs: 12, statusCode: 503, errorCode: null, outcome: 'retry' },
      { attempt: 2, startedAt: base.startedAt, latencyMs: 12, statusCode: null, errorCode: 'outbound_timeout', outcome: 'retry' },
      { attempt: 3, startedAt: base.startedAt, latencyMs: 12, statusCode: 204, errorCode: null, outcome: 'delivered' },
    ]);
  });

  it('recordAttempt: concurrent attempts get distinct numbers', async () => {
    const n = decided();
    await store.recordDecision(GROUP, randomUUID(), n);
    const attempt = { requestId: n.requestId, startedAt: new Date(), latencyMs: 1, statusCode: 500, errorCode: null, outcome: 'retry' };
    const numbers = await Promise.all([1, 2, 3, 4].map(() => store.recordAttempt(attempt)));
    expect([...numbers].sort()).toEqual([1, 2, 3, 4]);
  });

  it('markDelivered: pending → delivered with its outbox row, the lease dropped; not again', async () => {
    const n = decided();
    await store.recordDecision(GROUP, randomUUID(), n);
    await store.claim(n.requestId, randomUUID(), later(60_000));
    const at = new Date('2026-11-22T10:00:02.500Z');
    const event = outboxEvent(n.requestId);
    expect(await store.markDelivered(n.requestId, at, event)).toBe(true);
    expect(await store.find(n.requestId)).toMatchObject({ status: 'delivered', deliveredAt: at, leaseUntil: null });
    expect(await lease(n.requestId)).toEqual({ lease_owner: null, lease_until: null });
    expect(await outboxRows(n.requestId)).toEqual([{ id: event.id, topic: event.topic, envelope: event.envelope }]);
    expect(await store.markDelivered(n.requestId, at, outboxEvent(n.requestId))).toBe(false);
    expect(await store.markFailed(n.requestId, 'rejected', outboxEvent(n.requestId))).toBe(false);
    expect(await outboxRows(n.requestId)).toHaveLength(1);
    expect(await store.claim(n.requestId, randomUUID(), later(60_000))).toBe(false);
  });

  it('markFailed: pending → failed with its reason and outbox row; not again', async () => {
    const n = decided({ outcome: 'denied' });
    await store.recordDecision(GROUP, randomUUID(), n);
    const event = outboxEvent(n.requestId);
    expect(await store.markFailed(n.requestId, 'attempts_exhausted', event)).toBe(true);
    expect(await store.find(n.requestId)).toMatchObject({ status: 'failed', failureReason: 'attempts_exhausted', deliveredAt: null, leaseUntil: null });
    expect(await outboxRows(n.requestId)).toEqual([{ id: event.id, topic: event.topic, envelope: event.envelope }]);
    expect(await store.markFailed(n.requestId, 'rejected', outboxEvent(n.requestId))).toBe(false);
    expect(await store.markDelivered(n.requestId, new Date(), outboxEvent(n.requestId))).toBe(false);
    expect(await outboxRows(n.requestId)).toHaveLength(1);
    expect(await store.markFailed(randomUUID(), 'rejected', outboxEvent(randomUUID()))).toBe(false);
  });

  it('listPending: pending ids in id order, a page after a given id', async () => {
    const ids = await Promise.all([decided(), decided(), decided()].map(async (n) => (await store.recordDecision(GROUP, randomUUID(), n)).notification.requestId));
    const pending = await store.listPending(1000);
    const ours = pending.filter((id) => ids.includes(id));
    expect(ours).toEqual([...ids].sort());
    const [first] = ours;
    expect((await store.listPending(1000, first)).includes(first!)).toBe(false);
  });

  it('listPending: skips a row under a live lease, lists it once the lease has ended', async () => {
    const n = decided();
    await store.recordDecision(GROUP, randomUUID(), n, { owner: randomUUID(), until: later(60_000) });
    expect(await store.listPending(100_000)).not.toContain(n.requestId);
    expect(await store.listPending(100_000, undefined, later(61_000))).toContain(n.requestId);
  });
});
