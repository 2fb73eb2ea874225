import { randomBytes, randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import pg from 'pg';
import pino from 'pino';
import type { Redis } from 'ioredis';
import { TOPICS, clientNotificationDeliveredV1, clientNotificationFailedV1 } from '@ciba/contracts';
import { TemporarilyUnavailable } from '@ciba/contracts/oauth-errors';
import { createRedis } from '@ciba/service-kit';
import { loadNotifierConfig } from '../../src/config.ts';
import { NOTIFICATIONS_GROUP } from '../../src/handlers/decision-consumer.ts';
import { createNotifierService, type NotifierService } from '../../src/service.ts';
import { decisionEvent } from '../support/decision-event.ts';
import { startReceivers } from '../support/receivers.ts';
import { serve } from '../support/serve.ts';
import { TestBus, waitFor } from '@ciba/test-support';
import { TestPorts } from '../support/test-ports.ts';

const databaseUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/ciba';
const ADMIN_TOKEN = `admin-${randomBytes(16).toString('hex')}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('notifier on PostgreSQL, Redis and BullMQ, with client endpoints on 127.0.0.1', () => {
  const suffix = randomBytes(6).toString('hex');
  const schema = `notifier_t_${suffix}`;
  const prefix = `notifier_t_${suffix}`;
  const bus = new TestBus();
  const ports = new TestPorts();
  const sql = new pg.Client({ connectionString: databaseUrl });
  const logs: string[] = [];
  let redis: Redis;
  let service: NotifierService;
  let receivers: Awaited<ReturnType<typeof startReceivers>>;
  let admin: Awaited<ReturnType<typeof serve>>;

  const q = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) => (await sql.query<T>(text.replaceAll('$schema', `"${schema}"`), values)).rows;
  const row = async (requestId: string) =>
    (await q<{ status: string; outcome: string; mode: string; attempts: number; last_status: number | null; failure_reason: string | null }>('SELECT * FROM $schema.client_notifications WHERE request_id = $1', [requestId]))[0];
  const attemptsOf = (requestId: string) =>
    q<{ attempt: number; status_code: number | null; error_code: string | null; outcome: string; latency_ms: number }>('SELECT * FROM $schema.notification_attempts WHERE request_id = $1 ORDER BY attempt', [requestId]);
  const published = (requestId: string) => bus.published.filter((m) => m.topic === TOPICS.clientNotifications && m.key === requestId).map((m) => m.event);
  const settledStatus = (requestId: string) => waitFor(async () => (await row(requestId))?.status !== 'pending' && (await row(requestId))?.status, 10_000, `notification of ${requestId}`);

  /** A ping or push request of a client whose endpoint is `<receivers>/<path>`; the event is delivered to the consumer. */
  async function decide(mode: 'ping' | 'push', path: string, kind: 'granted' | 'denied' | 'expired' = 'granted') {
    const requestId = randomUUID();
    const clientId = `rp-${randomBytes(4).toString('hex')}`;
    const authReqId = randomBytes(32).toString('base64url');
    const token = `cnt-${randomBytes(8).toString('hex')}`;
    ports.targets.set(requestId, { auth_req_id: authReqId, client_notification_token: token, delivery_mode: mode, client_id: clientId });
    ports.endpoints.set(clientId, `${receivers.base}${path}`);
    const event = decisionEvent(kind, requestId, clientId);
    await bus.deliver(NOTIFICATIONS_GROUP, TOPICS.consentDecisions, event);
    return { requestId, clientId, authReqId, token, path, event };
  }

  beforeAll(async () => {
    receivers = await startReceivers();
    redis = createRedis('redis://127.0.0.1:6379', 'notifier-test');
    const config = loadNotifierConfig({
      DATABASE_URL: databaseUrl,
      ADMIN_TOKEN,
      NOTIFY_TIMEOUT_MS: '300',
      NOTIFY_MAX_ATTEMPTS: '3',
      NOTIFY_BACKOFF_BASE_MS: '20',
      NOTIFY_BACKOFF_MAX_MS: '100',
      NOTIFY_RECONCILE_INTERVAL_MS: '200',
    });
    const sink = new Writable({
      write(chunk, _enc, done) {
        logs.push(String(chunk));
        done();
      },
    });
    service = await createNotifierService({
      config,
      logger: pino({ level: 'trace' }, sink),
      bus,
      redis,
      directory: ports.directory(),
      authRequests: ports.authRequests(),
      tokenIssuer: ports.tokenIssuer(),
      schema,
      queuePrefix: prefix,
    });
    await service.start();
    admin = await serve(service.router);
    await sql.connect();
  });

  afterAll(async () => {
    await service?.stop();
    await admin?.close();
    await receivers?.close();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
    await sql.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await sql.end();
  });

  describe('ping (CIBA Core §10.2)', () => {
    it('200: one POST with Authorization: Bearer <client_notification_token>, JSON {auth_req_id}; delivered, attempt and event recorded', async () => {
      const r = await decide('ping', '/ok/ping-1');
      expect(await settledStatus(r.requestId)).toBe('delivered');
      const [call, ...more] = receivers.calls('/ok/ping-1');
      expect(more).toEqual([]);
      expect(call!.headers.authorization).toBe(`Bearer ${r.token}`);
      expect(call!.headers['content-type']).toBe('application/json');
      expect(call!.body).toStrictEqual({ auth_req_id: r.authReqId });
      expect(await row(r.requestId)).toMatchObject({ mode: 'ping', outcome: 'approved', attempts: 1, last_status: 200, failure_reason: null });
      expect(await attemptsOf(r.requestId)).toEqual([expect.objectContaining({ attempt: 1, status_code: 200, error_code: null, outcome: 'delivered' })]);
      const [event] = await waitFor(() => published(r.requestId).length > 0 && published(r.requestId));
      expect(clientNotificationDeliveredV1.parse(event).data).toEqual({ request_id: r.requestId, client_id: r.clientId, mode: 'ping', outcome: 'approved', attempts: 1, last_status: 200, latency_ms: expect.any(Number) });
    });

    it('200 with a large body: delivered, the body is ignored', async () => {
      const r = await decide('ping', '/ok-body/ping-2');
      expect(await settledStatus(r.requestId)).toBe('delivered');
      expect(receivers.calls('/ok-body/ping-2')).toHaveLength(1);
    });

    it.each([
      ['/unauthorized/ping-3', 401, 'rejected'],
      ['/forbidden/ping-4', 403, 'rejected'],
      ['/moved/ping-5', 301, 'redirected'],
    ])('%s: exactly one call, no retry, no redirect followed; failed (%i, %s) with its event', async (path, status, reason) => {
      const r = await decide('ping', path);
      expect(await settledStatus(r.requestId)).toBe('failed');
      await sleep(400); // longer than every backoff: a retry would have happened by now
      expect(receivers.calls(path)).toHaveLength(1);
      expect(receivers.calls(`/ok${path.slice(path.indexOf('/', 1))}`)).toHaveLength(0);
      expect(await row(r.requestId)).toMatchObject({ attempts: 1, last_status: status, failure_reason: reason });
      expect(await attemptsOf(r.requestId)).toEqual([expect.objectContaining({ attempt: 1, status_code: status, outcome: reason })]);
      const [event] = await waitFor(() => published(r.requestId).length > 0 && published(r.requestId));
      expect(clientNotificationFailedV1.parse(event).data).toEqual({ request_id: r.requestId, client_id: r.clientId, mode: 'ping', outcome: 'approved', attempts: 1, last_status: status, reason });
    });

    it('500 then 200: retried with backoff and delivered; both attempts recorded', async () => {
      const r = await decide('ping', '/flaky/ping-6');
      expect(await settledStatus(r.requestId)).toBe('delivered');
      expect(receivers.calls('/flaky/ping-6')).toHaveLength(2);
      expect((await attemptsOf(r.requestId)).map((a) => [a.attempt, a.status_code, a.outcome])).toEqual([
        [1, 500, 'retry'],
        [2, 200, 'delivered'],
      ]);
    });

    it('429 with Retry-After: 1 waits at least a second (more than the backoff cap) before the next attempt', async () => {
      const r = await decide('ping', '/busy/ping-7');
      expect(await settledStatus(r.requestId)).toBe('delivered');
      const [first, second] = receivers.calls('/busy/ping-7');
      expect(second!.at - first!.at).toBeGreaterThanOrEqual(1000);
    });

    it('never answering: each attempt times out, then failed (attempts_exhausted) with its event', async () => {
      const r = await decide('ping', '/never/ping-8');
      expect(await settledStatus(r.requestId)).toBe('failed');
      expect(receivers.calls('/never/ping-8')).toHaveLength(3);
      expect((await attemptsOf(r.requestId)).map((a) => [a.error_code, a.outcome])).toEqual([
        ['outbound_timeout', 'retry'],
        ['outbound_timeout', 'retry'],
        ['outbound_timeout', 'attempts_exhausted'],
      ]);
      for (const a of await attemptsOf(r.requestId)) expect(a.latency_ms).toBeGreaterThanOrEqual(250);
      const [event] = await waitFor(() => published(r.requestId).length > 0 && published(r.requestId));
      expect(clientNotificationFailedV1.parse(event).data).toMatchObject({ attempts: 3, reason: 'attempts_exhausted' });
    });

    it('denied and expired: the same {auth_req_id} ping', async () => {
      const denied = await decide('ping', '/ok/ping-9', 'denied');
      const expired = await decide('ping', '/ok/ping-10', 'expired');
      expect(await settledStatus(denied.requestId)).toBe('delivered');
      expect(await settledStatus(expired.requestId)).toBe('delivered');
      expect(receivers.calls('/ok/ping-9')[0]!.body).toStrictEqual({ auth_req_id: denied.authReqId });
      expect(receivers.calls('/ok/ping-10')[0]!.body).toStrictEqual({ auth_req_id: expired.authReqId });
      expect(await row(expired.requestId)).toMatchObject({ outcome: 'expired' });
    });

    it('waits until the token service knows the decision before pinging', async () => {
      const requestId = randomUUID();
      ports.unsettled.add(requestId);
      const clientId = 'rp-unsettled';
      ports.targets.set(requestId, { auth_req_id: 'a'.repeat(43), client_notification_token: 'cnt', delivery_mode: 'ping', client_id: clientId });
      ports.endpoints.set(clientId, `${receivers.base}/ok/ping-11`);
      await bus.deliver(NOTIFICATIONS_GROUP, TOPICS.consentDecisions, decisionEvent('granted', requestId, clientId));
      await sleep(300);
      expect(receivers.calls('/ok/ping-11')).toHaveLength(0);
      ports.unsettled.delete(requestId);
      expect(await settledStatus(requestId)).toBe('delivered');
      expect(receivers.calls('/ok/ping-11')).toHaveLength(1);
    });
  });

  describe('push (CIBA Core §10.3, §12)', () => {
    it('approved: the token response plus auth_req_id, tokens issued at delivery time', async () => {
      const r = await decide('push', '/ok/push-1');
      expect(await settledStatus(r.requestId)).toBe('delivered');
      const [call] = receivers.calls('/ok/push-1');
      expect(call!.headers.authorization).toBe(`Bearer ${r.token}`);
      expect(call!.headers['content-type']).toBe('application/json');
      expect(call!.body).toStrictEqual({ auth_req_id: r.authReqId, ...ports.issued.get(r.requestId)![0] });
      const [event] = await waitFor(() => published(r.requestId).length > 0 && published(r.requestId));
      expect(clientNotificationDeliveredV1.parse(event).data).toMatchObject({ mode: 'push', outcome: 'approved' });
    });

    it('500 then 200: each attempt carries freshly issued tokens (the token service revokes the previous set)', async () => {
      const r = await decide('push', '/flaky/push-2');
      expect(await settledStatus(r.requestId)).toBe('delivered');
      const sets = ports.issued.get(r.requestId)!;
      expect(sets).toHaveLength(2);
      expect(receivers.calls('/flaky/push-2').map((c) => c.body.access_token)).toEqual([sets[0]!.access_token, sets[1]!.access_token]);
    });

    it('401: one call, failed, and the pushed tokens are revoked', async () => {
      const r = await decide('push', '/unauthorized/push-3');
      expect(await settledStatus(r.requestId)).toBe('failed');
      await sleep(300);
      expect(receivers.calls('/unauthorized/push-3')).toHaveLength(1);
      expect(ports.revoked).toContain(r.requestId);
    });

    it('denied → access_denied; expired → expired_token; no tokens issued', async () => {
      const denied = await decide('push', '/ok/push-4', 'denied');
      const expired = await decide('push', '/ok/push-5', 'expired');
      expect(await settledStatus(denied.requestId)).toBe('delivered');
      expect(await settledStatus(expired.requestId)).toBe('delivered');
      expect(receivers.calls('/ok/push-4')[0]!.body).toStrictEqual({ auth_req_id: denied.authReqId, error: 'access_denied', error_description: 'the end-user denied the authorization request' });
      expect(receivers.calls('/ok/push-5')[0]!.body).toStrictEqual({ auth_req_id: expired.authReqId, error: 'expired_token', error_description: 'the auth_req_id has expired' });
      expect(ports.issued.has(denied.requestId) || ports.issued.has(expired.requestId)).toBe(false);
    });

    it('the token service refuses for good → transaction_failed', async () => {
      const requestId = randomUUID();
      ports.issueAnswers.set(requestId, null);
      ports.targets.set(requestId, { auth_req_id: 'b'.repeat(43), client_notification_token: 'cnt', delivery_mode: 'push', client_id: 'rp-refused' });
      ports.endpoints.set('rp-refused', `${receivers.base}/ok/push-6`);
      await bus.deliver(NOTIFICATIONS_GROUP, TOPICS.consentDecisions, decisionEvent('granted', requestId, 'rp-refused'));
      expect(await settledStatus(requestId)).toBe('delivered');
      expect(receivers.calls('/ok/push-6')[0]!.body).toStrictEqual({ auth_req_id: 'b'.repeat(43), error: 'transaction_failed', error_description: 'the authorization server could not complete the request' });
      const [event] = await waitFor(() => published(requestId).length > 0 && published(requestId));
      expect(clientNotificationDeliveredV1.parse(event).data.outcome).toBe('failed');
    });

    it('issuing fails on every run → not called until the last run, which sends transaction_failed', async () => {
      const requestId = randomUUID();
      ports.issueAnswers.set(requestId, new TemporarilyUnavailable('token service down'));
      ports.targets.set(requestId, { auth_req_id: 'c'.repeat(43), client_notification_token: 'cnt', delivery_mode: 'push', client_id: 'rp-down' });
      ports.endpoints.set('rp-down', `${receivers.base}/ok/push-7`);
      await bus.deliver(NOTIFICATIONS_GROUP, TOPICS.consentDecisions, decisionEvent('granted', requestId, 'rp-down'));
      expect(await settledStatus(requestId)).toBe('delivered');
      expect(receivers.calls('/ok/push-7').map((c) => c.body.error)).toEqual(['transaction_failed']);
      expect((await attemptsOf(requestId)).map((a) => [a.error_code, a.outcome])).toEqual([
        ['tokens_unavailable', 'retry'],
        ['tokens_unavailable', 'retry'],
        [null, 'delivered'],
      ]);
    });

    it('tokens never reach the database, the queue or the logs', async () => {
      const r = await decide('push', '/flaky/push-8');
      expect(await settledStatus(r.requestId)).toBe('delivered');
      const secrets = ports.issued.get(r.requestId)!.flatMap((s) => [s.access_token, s.refresh_token!, s.id_token]).concat(r.token);
      const dump = JSON.stringify([
        await q('SELECT * FROM $schema.client_notifications'),
        await q('SELECT * FROM $schema.notification_attempts'),
        await q('SELECT envelope FROM $schema.outbox_events'),
      ]);
      const queued: string[] = [];
      for (const key of await redis.keys(`${prefix}:*`)) {
        const type = await redis.type(key);
        if (type === 'hash') queued.push(JSON.stringify(await redis.hgetall(key)));
        else if (type === 'string') queued.push(String(await redis.get(key)));
        else if (type === 'list') queued.push(JSON.stringify(await redis.lrange(key, 0, -1)));
        else if (type === 'zset') queued.push(JSON.stringify(await redis.zrange(key, '0', '-1')));
        else if (type === 'stream') queued.push(JSON.stringify(await redis.xrange(key, '-', '+')));
      }
      for (const secret of secrets) {
        expect(dump).not.toContain(secret);
        expect(queued.join('\n')).not.toContain(secret);
        expect(logs.join('\n')).not.toContain(secret);
      }
      expect(logs.join('\n')).not.toContain(r.authReqId);
    });
  });

  describe('consumer', () => {
    it('a replayed event and a later expiry of a decided request notify once (first outcome wins)', async () => {
      const r = await decide('ping', '/ok/once-1');
      await bus.deliver(NOTIFICATIONS_GROUP, TOPICS.consentDecisions, r.event);
      await bus.deliver(NOTIFICATIONS_GROUP, TOPICS.consentDecisions, decisionEvent('expired', r.requestId, r.clientId));
      expect(await settledStatus(r.requestId)).toBe('delivered');
      await sleep(300);
      expect(receivers.calls('/ok/once-1')).toHaveLength(1);
      expect(await row(r.requestId)).toMatchObject({ outcome: 'approved' });
      await bus.deliver(NOTIFICATIONS_GROUP, TOPICS.consentDecisions, r.event);
      await sleep(200);
      expect(receivers.calls('/ok/once-1')).toHaveLength(1);
    });

    it('poll requests (no notification target) are not notified', async () => {
      const requestId = randomUUID();
      await bus.deliver(NOTIFICATIONS_GROUP, TOPICS.consentDecisions, decisionEvent('granted', requestId, 'rp-poll'));
      expect(await row(requestId)).toBeUndefined();
    });

    it('a client without a notification endpoint: failed (unreachable) with its event, nobody called', async () => {
      const requestId = randomUUID();
      ports.targets.set(requestId, { auth_req_id: 'e'.repeat(43), client_notification_token: 'cnt', delivery_mode: 'ping', client_id: 'rp-no-endpoint' });
      await bus.deliver(NOTIFICATIONS_GROUP, TOPICS.consentDecisions, decisionEvent('granted', requestId, 'rp-no-endpoint'));
      expect(await settledStatus(requestId)).toBe('failed');
      expect(await row(requestId)).toMatchObject({ failure_reason: 'unreachable', attempts: 1 });
      expect(await attemptsOf(requestId)).toEqual([expect.objectContaining({ error_code: 'no_endpoint', outcome: 'unreachable' })]);
      const [event] = await waitFor(() => published(requestId).length > 0 && published(requestId));
      expect(clientNotificationFailedV1.parse(event).data).toMatchObject({ reason: 'unreachable', attempts: 1 });
    });
  });

  describe('lease', () => {
    it('a notification held by another run is not sent until that run lets go (or its lease expires)', async () => {
      const requestId = randomUUID();
      const clientId = 'rp-leased';
      ports.targets.set(requestId, { auth_req_id: 'f'.repeat(43), client_notification_token: 'cnt', delivery_mode: 'ping', client_id: clientId });
      ports.endpoints.set(clientId, `${receivers.base}/ok/leased-1`);
      const [leased] = await q<{ until: Date }>(
        `INSERT INTO $schema.client_notifications (request_id, client_id, mode, outcome, decided_at, updated_at, lease_owner, lease_until)
         VALUES ($1, $2, 'ping', 'approved', now(), now(), $3, now() + interval '1500 milliseconds') RETURNING lease_until AS until`,
        [requestId, clientId, randomUUID()],
      );
      await bus.deliver(NOTIFICATIONS_GROUP, TOPICS.consentDecisions, decisionEvent('granted', requestId, clientId));
      expect(await settledStatus(requestId)).toBe('delivered');
      const calls = receivers.calls('/ok/leased-1');
      expect(calls).toHaveLength(1);
      expect(calls[0]!.at).toBeGreaterThanOrEqual(leased!.until.getTime());
    });
  });

  describe('first attempt in process, the queue for retries only', () => {
    const jobOf = (requestId: string) => redis.exists(`${prefix}:client-notification-delivery:${requestId}`);

    it('200 at once: delivered without any queue job', async () => {
      const r = await decide('ping', '/ok/first-1');
      expect(await settledStatus(r.requestId)).toBe('delivered');
      expect(receivers.calls('/ok/first-1')).toHaveLength(1);
      expect(await jobOf(r.requestId)).toBe(0);
      expect(logs.join('\n')).toContain('first attempt in process');
    });

    it('a failed first attempt (500) queues a delayed retry job that delivers', async () => {
      const r = await decide('ping', '/flaky/first-2');
      await waitFor(async () => (await jobOf(r.requestId)) === 1, 5000, 'the retry job');
      expect((await attemptsOf(r.requestId)).map((a) => [a.attempt, a.status_code, a.outcome])[0]).toEqual([1, 500, 'retry']);
      expect(await settledStatus(r.requestId)).toBe('delivered');
      expect(receivers.calls('/flaky/first-2')).toHaveLength(2);
      // the job holds the id and the runs made before it, nothing else
      expect(await redis.hget(`${prefix}:client-notification-delivery:${r.requestId}`, 'data')).toBe(JSON.stringify({ request_id: r.requestId, runs_before: 1 }));
    });

    it('a process that died after recording the decision: the reconciler leaves the row while its lease lives, then queues it and it is delivered once', async () => {
      const requestId = randomUUID();
      const clientId = 'rp-died';
      ports.targets.set(requestId, { auth_req_id: 'g'.repeat(43), client_notification_token: 'cnt', delivery_mode: 'ping', client_id: clientId });
      ports.endpoints.set(clientId, `${receivers.base}/ok/died-1`);
      // As recordDecision leaves it for a first attempt that never ran: pending, leased, no job.
      const [leased] = await q<{ until: Date }>(
        `INSERT INTO $schema.client_notifications (request_id, client_id, mode, outcome, decided_at, updated_at, lease_owner, lease_until)
         VALUES ($1, $2, 'ping', 'approved', now(), now(), $3, now() + interval '1500 milliseconds') RETURNING lease_until AS until`,
        [requestId, clientId, randomUUID()],
      );
      await sleep(700); // several reconciler rounds (200 ms) under the live lease
      expect(await jobOf(requestId)).toBe(0);
      expect(await settledStatus(requestId)).toBe('delivered');
      const calls = receivers.calls('/ok/died-1');
      expect(calls).toHaveLength(1);
      expect(calls[0]!.at).toBeGreaterThanOrEqual(leased!.until.getTime());
    });
  });

  describe('reconciler (Redis lost the queue)', () => {
    it('a pending notification whose job vanished is queued again and delivered', async () => {
      const requestId = randomUUID();
      const clientId = 'rp-lost-job';
      ports.unsettled.add(requestId); // keeps the notification pending while the queue is wiped
      ports.targets.set(requestId, { auth_req_id: 'd'.repeat(43), client_notification_token: 'cnt', delivery_mode: 'ping', client_id: clientId });
      ports.endpoints.set(clientId, `${receivers.base}/ok/lost-1`);
      await bus.deliver(NOTIFICATIONS_GROUP, TOPICS.consentDecisions, decisionEvent('granted', requestId, clientId));
      await waitFor(async () => (await attemptsOf(requestId)).length >= 1, 10_000, 'a deferred attempt');
      await waitFor(async () => (await redis.exists(`${prefix}:client-notification-delivery:${requestId}`)) === 1, 5000, 'the retry job');
      const keys = await redis.keys(`${prefix}:*`);
      await redis.del(...keys);
      ports.unsettled.delete(requestId);
      expect(await settledStatus(requestId)).toBe('delivered');
      expect(receivers.calls('/ok/lost-1')).toHaveLength(1);
    });
  });

  describe('GET /admin/notifications/{request_id}', () => {
    it('401 without the admin token; 404 for an unknown request; the row and its attempts, without secrets', async () => {
      const r = await decide('push', '/flaky/admin-1');
      expect(await settledStatus(r.requestId)).toBe('delivered');
      expect((await fetch(`${admin.url}/admin/notifications/${r.requestId}`)).status).toBe(401);
      expect((await fetch(`${admin.url}/admin/notifications/${r.requestId}`, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
      const auth = { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } };
      expect((await fetch(`${admin.url}/admin/notifications/${randomUUID()}`, auth)).status).toBe(404);
      expect((await fetch(`${admin.url}/admin/notifications/not-a-uuid`, auth)).status).toBe(404);
      const res = await fetch(`${admin.url}/admin/notifications/${r.requestId}`, auth);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({
        request_id: r.requestId,
        client_id: r.clientId,
        mode: 'push',
        outcome: 'approved',
        status: 'delivered',
        attempt_count: 2,
        last_status: 200,
        last_error: null,
        failure_reason: null,
        decided_at: expect.any(String),
        created_at: expect.any(String),
        updated_at: expect.any(String),
        delivered_at: expect.any(String),
        attempts: [
          { attempt: 1, started_at: expect.any(String), latency_ms: expect.any(Number), status_code: 500, error_code: null, outcome: 'retry' },
          { attempt: 2, started_at: expect.any(String), latency_ms: expect.any(Number), status_code: 200, error_code: null, outcome: 'delivered' },
        ],
      });
      for (const secret of [r.token, r.authReqId, receivers.base, ...ports.issued.get(r.requestId)!.map((s) => s.access_token)]) expect(text).not.toContain(secret);
    });
  });

  describe('GET /admin/notifications?auth_req_id=…', () => {
    const auth = { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } };
    const byAuthReqId = (authReqId: string, init: RequestInit = auth) => fetch(`${admin.url}/admin/notifications?auth_req_id=${encodeURIComponent(authReqId)}`, init);

    it('answers the same view as by request_id, found through the hash of the auth_req_id', async () => {
      const r = await decide('ping', '/ok/admin-by-auth-req-id');
      expect(await settledStatus(r.requestId)).toBe('delivered');
      const res = await byAuthReqId(r.authReqId);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const view = await res.json();
      expect(view).toMatchObject({ request_id: r.requestId, client_id: r.clientId, mode: 'ping', status: 'delivered', attempt_count: 1 });
      expect(view).toEqual(await (await fetch(`${admin.url}/admin/notifications/${r.requestId}`, auth)).json());
    });

    it('401 without the admin token, before any look-up', async () => {
      const r = await decide('ping', '/ok/admin-by-auth-req-id-401');
      expect((await byAuthReqId(r.authReqId, {})).status).toBe(401);
      expect((await byAuthReqId(r.authReqId, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
    });

    it('404 not_found for an auth_req_id no request has; the internal id is not an auth_req_id', async () => {
      const r = await decide('ping', '/ok/admin-by-auth-req-id-404');
      for (const unknown of ['x'.repeat(43), r.requestId]) {
        const res = await byAuthReqId(unknown);
        expect(res.status).toBe(404);
        expect(await res.json()).toEqual({ error: 'not_found', error_description: 'no request with this auth_req_id' });
      }
    });

    it('400 invalid_request when auth_req_id is missing, repeated or too long', async () => {
      for (const query of ['', '?auth_req_id=', '?auth_req_id=a&auth_req_id=b', `?auth_req_id=${'a'.repeat(201)}`]) {
        const res = await fetch(`${admin.url}/admin/notifications${query}`, auth);
        expect([query, res.status]).toEqual([query, 400]);
        expect(((await res.json()) as { error: string }).error).toBe('invalid_request');
      }
    });
  });
});
