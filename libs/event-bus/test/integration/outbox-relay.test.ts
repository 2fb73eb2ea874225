import { randomBytes, randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { TOPICS, type EventDeadLetteredV1 } from '@ciba/contracts';
import type { EventBus, OutgoingMessage, Subscription, TopicLag } from '../../src/event-bus.ts';
import { outboxRecord } from '../../src/outbox/outbox-record.ts';
import { startOutboxRelay } from '../../src/outbox/outbox-relay.ts';
import { outboxWritten } from '../../src/outbox/outbox-written.ts';
import type { OutboxRelay, OutboxRelayOptions } from '../../src/outbox/outbox-relay-options.ts';
import { OUTBOX_DDL } from '../support/outbox-ddl.ts';
import { sampleTokenEvent } from '../support/sample-token-event.ts';
import { testLogger } from '../support/test-logger.ts';
import { sleep, waitFor } from '../support/wait-for.ts';

const DATABASE_URL = process.env['DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/** Records what it is asked to publish; fails the next `failures` calls. */
class RecordingBus implements EventBus {
  readonly published: OutgoingMessage[] = [];
  calls = 0;
  failures = 0;

  async publish(messages: readonly OutgoingMessage[]): Promise<void> {
    this.calls += 1;
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('broker unavailable');
    }
    this.published.push(...messages);
  }

  subscribe(): Promise<Subscription> {
    throw new Error('not used by the relay');
  }

  async ping(): Promise<void> {}

  lag(): Promise<TopicLag[]> {
    throw new Error('not used by the relay');
  }

  async close(): Promise<void> {}
}

let pool: Pool;
let schema: string;
const schemas: string[] = [];
let relays: OutboxRelay[] = [];

const relay = async (bus: EventBus, options: Partial<OutboxRelayOptions> = {}) => {
  const started = await startOutboxRelay({ databaseUrl: DATABASE_URL, schema, bus, logger: testLogger, pollIntervalMs: 100, retry: { initialMs: 30, maxMs: 100 }, ...options });
  relays.push(started);
  return started;
};

const insertEvents = async (count: number, key = 'relay-key') => {
  const records = Array.from({ length: count }, (_, i) => outboxRecord(TOPICS.tokens, sampleTokenEvent(key, i)));
  for (const record of records) {
    await pool.query(`INSERT INTO "${schema}".outbox_events (id, topic, key, envelope) VALUES ($1, $2, $3, $4)`, [record.id, record.topic, record.key, record.envelope]);
  }
  return records.map((record) => record.id);
};

const unpublishedCount = async () =>
  Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM "${schema}".outbox_events WHERE published_at IS NULL`)).rows[0]?.n);

const idsOf = (bus: RecordingBus) => bus.published.map((message) => message.event.id);

beforeAll(() => {
  pool = new Pool({ connectionString: DATABASE_URL, max: 3 });
});

beforeEach(async () => {
  schema = `outbox_t_${randomBytes(6).toString('hex')}`;
  schemas.push(schema);
  const client = await pool.connect();
  try {
    await client.query(`CREATE SCHEMA "${schema}"; SET search_path TO "${schema}"; ${OUTBOX_DDL}; RESET search_path;`);
  } finally {
    client.release();
  }
});

afterEach(async () => {
  await Promise.all(relays.map((started) => started.stop()));
  relays = [];
});

afterAll(async () => {
  for (const name of schemas) await pool.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
  await pool.end();
});

describe('startOutboxRelay', () => {
  test('publishes rows in seq order and marks them published, finding them by polling while it is active', async () => {
    const bus = new RecordingBus();
    await relay(bus, { pollIntervalMs: 60_000 });
    await sleep(200);
    const ids = await insertEvents(12);
    await waitFor('12 published events', () => bus.published.length === 12, 5000);
    expect(idsOf(bus)).toEqual(ids);
    expect(bus.published.every((message) => message.topic === TOPICS.tokens && message.key === 'relay-key')).toBe(true);
    await sleep(100);
    expect(await unpublishedCount()).toBe(0);
  });

  test('after a fetch of several rows, those arriving meanwhile gather into the next batch (lingerMs), and stop() marks the batch in hand', async () => {
    const bus = new RecordingBus();
    const started = await relay(bus, { pollIntervalMs: 60_000, lingerMs: 400 });
    await sleep(200);
    const records = Array.from({ length: 2 }, (_, i) => outboxRecord(TOPICS.tokens, sampleTokenEvent('relay-key', 100 + i)));
    // Two rows in one statement: the relay's first fetch sees both, and lingers.
    await pool.query(`INSERT INTO "${schema}".outbox_events (id, topic, key, envelope) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[])`, [
      records.map((r) => r.id),
      records.map((r) => r.topic),
      records.map((r) => r.key),
      records.map((r) => JSON.stringify(r.envelope)),
    ]);
    await waitFor('the first two', () => bus.published.length === 2, 5000);
    const ids = await insertEvents(8);
    await waitFor('10 published events', () => bus.published.length === 10, 5000);
    expect(idsOf(bus)).toEqual([...records.map((r) => r.id), ...ids]);
    expect(bus.calls).toBeLessThanOrEqual(3);
    await started.stop(); // within the linger: the last batch is sent and not yet marked
    expect(await unpublishedCount()).toBe(0);
  });

  test('a single row fetched is not followed by the linger: the next row goes out without waiting lingerMs', async () => {
    const bus = new RecordingBus();
    await relay(bus, { pollIntervalMs: 60_000, lingerMs: 5000, idlePollMs: 20 });
    await sleep(200);
    await insertEvents(1, 'first');
    await waitFor('the first row', () => bus.published.length === 1, 5000);
    const written = Date.now();
    await insertEvents(1, 'second');
    await waitFor('the second row', () => bus.published.length === 2, 5000);
    expect(Date.now() - written).toBeLessThan(2000);
  });

  test('outboxWritten(schema) wakes the active relay of this process at once, however long its idle wait has grown', async () => {
    const bus = new RecordingBus();
    await relay(bus, { pollIntervalMs: 60_000, idlePollMs: 60_000 });
    // Empty looks 5, 10, 20, … ms apart: by now the relay sleeps for more than a second at a time.
    await sleep(1500);
    await insertEvents(1, 'woken');
    const written = Date.now();
    outboxWritten(schema);
    await waitFor('the woken row', () => bus.published.length === 1, 5000);
    expect(Date.now() - written).toBeLessThan(400);
    // Another schema's write does not concern it.
    outboxWritten(`${schema}_other`);
  });

  test('without outboxWritten, a row of another process waits for the next poll', async () => {
    const bus = new RecordingBus();
    await relay(bus, { pollIntervalMs: 60_000, idlePollMs: 60_000 });
    await sleep(1500);
    await insertEvents(1, 'polled');
    await sleep(400);
    expect(bus.published).toHaveLength(0);
    await waitFor('the polled row', () => bus.published.length === 1, 5000);
  });

  test('a publish failure leaves the rows unpublished; they go out on a later attempt', async () => {
    const bus = new RecordingBus();
    bus.failures = 2;
    await relay(bus, { retry: { initialMs: 250, maxMs: 500 } });
    const ids = await insertEvents(3);
    await waitFor('a failed attempt', () => bus.calls >= 1, 5000);
    expect(await unpublishedCount()).toBe(3);
    await waitFor('the retry', () => bus.published.length === 3, 5000);
    expect(idsOf(bus)).toEqual(ids);
    await sleep(200);
    expect(await unpublishedCount()).toBe(0);
    expect(bus.published).toHaveLength(3);
  });

  test('only one relay per schema is active; a standby takes over when it stops', async () => {
    const [busA, busB] = [new RecordingBus(), new RecordingBus()];
    const [relayA, relayB] = [await relay(busA), await relay(busB)];
    const first = await insertEvents(10);
    await waitFor('10 published events', () => busA.published.length + busB.published.length === 10, 5000);
    await sleep(300);
    const [active, standby] = busA.published.length > 0 ? [relayA, busB] : [relayB, busA];
    const activeBus = active === relayA ? busA : busB;
    expect(idsOf(activeBus)).toEqual(first);
    expect(standby.published).toHaveLength(0);

    await active.stop();
    const second = await insertEvents(3, 'after-failover');
    await waitFor('the standby to publish', () => standby.published.length === 3, 5000);
    expect(idsOf(standby)).toEqual(second);
    expect(activeBus.published).toHaveLength(10);
  });

  test('survives a dropped database connection', async () => {
    const bus = new RecordingBus();
    await relay(bus);
    await insertEvents(1);
    await waitFor('the first event', () => bus.published.length === 1, 5000);
    // Once marked: a drop between publish and mark would rightly publish it again (at least once).
    for (let tries = 0; (await unpublishedCount()) > 0 && tries < 100; tries += 1) await sleep(20);
    const killed = await pool.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`, [`ciba-outbox-relay:${schema}`]);
    expect(killed.rowCount).toBe(1);
    const ids = await insertEvents(2, 'after-drop');
    await waitFor('events after the reconnect', () => bus.published.length === 3, 5000);
    expect(idsOf(bus).slice(1)).toEqual(ids);
  });

  test('an off-contract row is dead-lettered instead of blocking the rows behind it', async () => {
    const bus = new RecordingBus();
    const badId = randomUUID();
    await pool.query(`INSERT INTO "${schema}".outbox_events (id, topic, key, envelope) VALUES ($1, $2, $3, $4)`, [badId, TOPICS.tokens, 'bad-key', { id: badId, type: 'nonsense' }]);
    const [goodId] = await insertEvents(1, 'good-key');
    await relay(bus);
    await waitFor('both rows', () => bus.published.length === 2, 5000);
    const [dead, good] = bus.published;
    expect(dead?.topic).toBe(TOPICS.deadLetters);
    expect((dead?.event as EventDeadLetteredV1).data).toMatchObject({ topic: TOPICS.tokens, key: 'bad-key', reason: 'contract_violation', original_id: badId, group: 'outbox-relay' });
    expect(good?.event.id).toBe(goodId);
  });

  test('deletes published rows once they are older than retentionMs', async () => {
    const bus = new RecordingBus();
    await relay(bus, { retentionMs: 1, cleanupIntervalMs: 50 });
    await insertEvents(2);
    await waitFor('the events', () => bus.published.length === 2, 5000);
    const remaining = async () => Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM "${schema}".outbox_events`)).rows[0]?.n);
    const deadline = Date.now() + 5000;
    while ((await remaining()) > 0 && Date.now() < deadline) await sleep(50);
    expect(await remaining()).toBe(0);
  });
});
