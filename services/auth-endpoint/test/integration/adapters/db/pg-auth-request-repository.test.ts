import { randomUUID } from 'node:crypto';
import { TOPICS } from '@ciba/contracts';
import type { OutboxRecord } from '@ciba/event-bus';
import { pgAuthRequestRepository } from '../../../../src/adapters/db/pg-auth-request-repository.ts';
import type { AuthRequest } from '../../../../src/domain/auth-request.ts';
import { createTestSchema, type TestSchema } from '../../../support/test-schema.ts';

let t: TestSchema;
beforeAll(async () => {
  t = await createTestSchema();
});
afterAll(() => t.drop());
afterEach(() => jest.restoreAllMocks());

const request = (extra: Partial<AuthRequest> = {}): AuthRequest => ({
  requestId: randomUUID(),
  authReqIdHash: `hash-${randomUUID()}`,
  clientId: 'rp',
  sub: 'alice',
  scope: 'openid email',
  deliveryMode: 'poll',
  interval: 5,
  requestedAt: new Date('2026-11-22T10:00:00.000Z'),
  expiresAt: new Date('2026-11-22T10:10:00.000Z'),
  ...extra,
});
const event = (subject: string, id = randomUUID()): OutboxRecord => ({
  id,
  topic: TOPICS.authRequests,
  key: subject,
  envelope: { specversion: '1.0', id, type: 'ciba.auth_request.created.v1', subject, data: { note: 'é ☃' } },
});

describe('pgAuthRequestRepository', () => {
  it('create: the request and its outbox row in one statement; find answers it by hash and by id', async () => {
    const repository = pgAuthRequestRepository(t.pool);
    const stored = request({ acrValues: 'loa2', bindingMessage: 'W4SP', requestedExpiry: 600 });
    const record = event(stored.requestId);
    const query = jest.spyOn(t.pool, 'query');
    await repository.create(stored, record);
    expect(query).toHaveBeenCalledTimes(1);
    expect(await repository.findByAuthReqIdHash(stored.authReqIdHash)).toEqual(stored);
    expect(await repository.findByRequestId(stored.requestId)).toEqual(stored);
    const { rows } = await t.pool.query('SELECT "id", "topic", "key", "envelope", "published_at" FROM "outbox_events" WHERE "key" = $1', [stored.requestId]);
    expect(rows).toEqual([{ id: record.id, topic: TOPICS.authRequests, key: stored.requestId, envelope: record.envelope, published_at: null }]);
  });

  it('create: ping and push rows keep the auth_req_id and the notification token; poll rows keep neither id nor token it was not given', async () => {
    const repository = pgAuthRequestRepository(t.pool);
    const ping = request({ deliveryMode: 'ping', authReqId: 'the-auth-req-id', clientNotificationToken: 'cnt' });
    const poll = request({ authReqId: 'not-kept' });
    await repository.create(ping, event(ping.requestId));
    await repository.create(poll, event(poll.requestId));
    expect(await repository.findByRequestId(ping.requestId)).toEqual(ping);
    const { authReqId: _dropped, ...pollWithoutId } = poll;
    expect(await repository.findByRequestId(poll.requestId)).toEqual(pollWithoutId);
  });

  it('create: when the outbox row cannot be written, the request is not stored either', async () => {
    const repository = pgAuthRequestRepository(t.pool);
    const first = request();
    const record = event(first.requestId);
    await repository.create(first, record);
    const second = request();
    await expect(repository.create(second, { ...record, key: second.requestId })).rejects.toThrow(/outbox_events_id_key/);
    expect(await repository.findByRequestId(second.requestId)).toBeNull();
  });

  it('create: a second request with the same auth_req_id hash fails and writes no outbox row', async () => {
    const repository = pgAuthRequestRepository(t.pool);
    const first = request();
    await repository.create(first, event(first.requestId));
    const clash = request({ authReqIdHash: first.authReqIdHash });
    await expect(repository.create(clash, event(clash.requestId))).rejects.toThrow(/auth_req_id_hash/);
    const { rowCount } = await t.pool.query('SELECT 1 FROM "outbox_events" WHERE "key" = $1', [clash.requestId]);
    expect(rowCount).toBe(0);
  });

  it('create: concurrent requests share one statement; each row and outbox row is its own, NULL where a field is absent', async () => {
    const repository = pgAuthRequestRepository(t.pool);
    const requests = [
      request(),
      request({ deliveryMode: 'ping', authReqId: 'ping-id', clientNotificationToken: 'cnt-1', acrValues: 'loa2', bindingMessage: 'W4SP', requestedExpiry: 120, sub: 'bob' }),
      request({ deliveryMode: 'push', authReqId: 'push-id', clientNotificationToken: 'cnt-2', interval: 2, clientId: 'rp-2' }),
      request({ authReqId: 'not-kept', bindingMessage: 'a "quoted" \\ message, é ☃', scope: 'openid' }),
    ];
    const records = requests.map((r) => event(r.requestId));
    const query = jest.spyOn(t.pool, 'query');
    await Promise.all(requests.map((r, i) => repository.create(r, records[i]!)));
    expect(query).toHaveBeenCalledTimes(1);

    const ids = requests.map((r) => r.requestId);
    const { rows } = await t.pool.query('SELECT * FROM "auth_requests" WHERE "request_id" = ANY($1::uuid[])', [ids]);
    const byId = new Map(rows.map((row) => [row.request_id, row]));
    expect(ids.map((id) => byId.get(id))).toEqual(
      requests.map((r) => ({
        request_id: r.requestId,
        auth_req_id_hash: r.authReqIdHash,
        client_id: r.clientId,
        sub: r.sub,
        scope: r.scope,
        acr_values: r.acrValues ?? null,
        binding_message: r.bindingMessage ?? null,
        delivery_mode: r.deliveryMode,
        interval: r.interval,
        requested_expiry: r.requestedExpiry ?? null,
        expires_at: r.expiresAt,
        requested_at: r.requestedAt,
        client_notification_token: r.clientNotificationToken ?? null,
        auth_req_id: r.deliveryMode === 'poll' ? null : r.authReqId,
      })),
    );
    const outbox = await t.pool.query('SELECT "id", "topic", "key", "envelope", "published_at" FROM "outbox_events" WHERE "key" = ANY($1::text[]) ORDER BY "seq"', [ids]);
    expect(outbox.rows).toEqual(records.map((e) => ({ id: e.id, topic: e.topic, key: e.key, envelope: e.envelope, published_at: null })));
  });

  it('create: a request that breaks a constraint in a shared batch fails alone; the others are stored with their outbox rows', async () => {
    const repository = pgAuthRequestRepository(t.pool);
    const existing = request();
    await repository.create(existing, event(existing.requestId));
    const batch = [request(), request({ authReqIdHash: existing.authReqIdHash }), request()];
    const query = jest.spyOn(t.pool, 'query');
    const results = await Promise.allSettled(batch.map((r) => repository.create(r, event(r.requestId))));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ constraint: 'auth_requests_auth_req_id_hash_key' });
    expect(query).toHaveBeenCalledTimes(4);
    expect(await repository.findByRequestId(batch[0]!.requestId)).toEqual(batch[0]);
    expect(await repository.findByRequestId(batch[1]!.requestId)).toBeNull();
    expect(await repository.findByRequestId(batch[2]!.requestId)).toEqual(batch[2]);
    // The batch's good requests run again concurrently after the failure, so their rows' order is not fixed.
    const { rows } = await t.pool.query('SELECT "key" FROM "outbox_events" WHERE "key" = ANY($1::text[])', [batch.map((r) => r.requestId)]);
    expect(rows.map((r) => r.key).sort()).toEqual([batch[0]!.requestId, batch[2]!.requestId].sort());
  });

  it('find: look-ups made together share one statement per kind, each caller its own answer, an id in any case', async () => {
    const repository = pgAuthRequestRepository(t.pool);
    const [a, b] = [request(), request({ sub: 'bob' })];
    await repository.create(a, event(a.requestId));
    await repository.create(b, event(b.requestId));
    const query = jest.spyOn(t.pool, 'query');
    const found = await Promise.all([
      repository.findByRequestId(a.requestId),
      repository.findByRequestId(b.requestId.toUpperCase()),
      repository.findByRequestId(randomUUID()),
      repository.findByRequestId('not-a-uuid'),
      repository.findByRequestId(a.requestId),
      repository.findByAuthReqIdHash(b.authReqIdHash),
      repository.findByAuthReqIdHash('unknown'),
    ]);
    expect(found).toEqual([a, b, null, null, a, b, null]);
    expect(query.mock.calls.map(([config]) => (config as unknown as { name: string }).name).sort()).toEqual(['auth-endpoint.requests-by-hashes', 'auth-endpoint.requests-by-ids']);
  });

  it('find: null for unknown hashes and ids, and for a malformed id without asking the database', async () => {
    const repository = pgAuthRequestRepository(t.pool);
    expect(await repository.findByAuthReqIdHash('unknown')).toBeNull();
    expect(await repository.findByRequestId(randomUUID())).toBeNull();
    const query = jest.spyOn(t.pool, 'query');
    expect(await repository.findByRequestId('not-a-uuid')).toBeNull();
    expect(query).not.toHaveBeenCalled();
  });
});
