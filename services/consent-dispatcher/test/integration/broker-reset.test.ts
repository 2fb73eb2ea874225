import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { Redis } from 'ioredis';
import { TOPICS } from '@ciba/contracts';
import { RedisStreamsBus, startOutboxRelay, type OutboxRelay, type OutboxRecord } from '@ciba/event-bus';
import { redisBrokerEpoch } from '@ciba/event-bus/outbox/redis-broker-epoch';
import { watchBrokerResets } from '@ciba/event-bus/outbox/watch-broker-resets';
import type { BrokerResetWatch } from '@ciba/event-bus/outbox/watch-broker-resets-options';
import { consentExpiredEvent } from '../../src/events/expired-event.ts';
import { startPrivateRedis } from '../support/private-redis.ts';
import { samplePrompt } from '../support/sample-prompt.ts';
import { silentLogger } from '../support/silent-logger.ts';
import { waitFor } from '@ciba/test-support';

const databaseUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/ciba';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The outbox table and its wake-up trigger exactly as docs/architecture.md gives them. */
const OUTBOX_DDL = `
CREATE TABLE "outbox_events" (
  "seq" BIGSERIAL PRIMARY KEY,
  "id" UUID NOT NULL,
  "topic" TEXT NOT NULL,
  "key" TEXT NOT NULL,
  "envelope" JSONB NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "published_at" TIMESTAMPTZ(3),
  "trace_context" JSONB
);
CREATE UNIQUE INDEX "outbox_events_id_key" ON "outbox_events"("id");
CREATE INDEX "outbox_events_unpublished_idx" ON "outbox_events"("seq") WHERE "published_at" IS NULL;
`;

/**
 * watchBrokerResets (libs/event-bus/src/outbox) on a redis-server of this test's own: the relay
 * publishes, no consumer has read yet, Redis restarts empty; the rows must go out again, once, even
 * with two watching replicas, and a consumer that starts afterwards must get every event.
 */
describe('watchBrokerResets: outbox rows go out again after the Redis Streams broker restarted empty', () => {
  const suffix = randomBytes(6).toString('hex');
  const schema = `consent_reset_${suffix}`;
  const namespace = `consent_reset_${suffix}`;
  const sql = new pg.Client({ connectionString: databaseUrl });
  let redisServer: Awaited<ReturnType<typeof startPrivateRedis>>;
  let bus: RedisStreamsBus;
  let probe: Redis;
  let epochConnection: Redis;
  let relay: OutboxRelay;
  const watches: BrokerResetWatch[] = [];

  const insert = async (record: OutboxRecord, publishedAgo?: string) => {
    await sql.query(
      `INSERT INTO "${schema}".outbox_events (id, topic, key, envelope, published_at) VALUES ($1, $2, $3, $4, ${publishedAgo ? `now() - interval '${publishedAgo}'` : 'NULL'})`,
      [record.id, record.topic, record.key, record.envelope],
    );
  };
  const unpublished = async () => Number((await sql.query(`SELECT count(*) AS n FROM "${schema}".outbox_events WHERE published_at IS NULL`)).rows[0].n);
  /** Event ids in the decisions topic's partition streams, with how often each appears. */
  const streamed = async () => {
    const counts = new Map<string, number>();
    for (let p = 0; p < 8; p += 1) {
      for (const [, fields] of await probe.xrange(`${namespace}:${TOPICS.consentDecisions}:${p}`, '-', '+')) {
        const id = (JSON.parse(fields[fields.indexOf('event') + 1]!) as { id: string }).id;
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
    }
    return counts;
  };
  const watch = async () => {
    const started = await watchBrokerResets({
      databaseUrl,
      schema,
      epoch: redisBrokerEpoch({ redis: epochConnection, namespace }),
      logger: silentLogger,
      intervalMs: 100,
      windowMs: 600_000,
      settleMs: 100,
    });
    watches.push(started);
  };

  beforeAll(async () => {
    redisServer = await startPrivateRedis();
    await sql.connect();
    await sql.query(`CREATE SCHEMA "${schema}"; SET search_path TO "${schema}"; ${OUTBOX_DDL}`);
    bus = new RedisStreamsBus({ redisUrl: redisServer.url, clientId: 'consent-reset-test', logger: silentLogger, namespace, blockMs: 200, leaseMs: 3000 });
    const connection = (name: string) => {
      const redis = new Redis(redisServer.url, { maxRetriesPerRequest: null, connectionName: name, retryStrategy: () => 50 });
      redis.on('error', () => undefined);
      return redis;
    };
    probe = connection('probe');
    epochConnection = connection('epoch');
    await watch();
    await watch();
    relay = await startOutboxRelay({ databaseUrl, schema, bus, logger: silentLogger, pollIntervalMs: 100, retry: { initialMs: 20, maxMs: 200 } });
  });

  afterAll(async () => {
    await relay?.stop();
    await Promise.all(watches.map((w) => w.stop()));
    await bus?.close();
    probe?.disconnect();
    epochConnection?.disconnect();
    await redisServer?.stop();
    await sql.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await sql.end();
  });

  it('republishes, once, what the relay had published before the reset, within the window only', async () => {
    const records = Array.from({ length: 6 }, () => consentExpiredEvent(samplePrompt({ requestId: randomUUID() }), new Date()));
    for (const record of records) await insert(record);
    const old = consentExpiredEvent(samplePrompt({ requestId: randomUUID() }), new Date());
    await insert(old, '1 hour');
    const ids = records.map((r) => r.id).sort();

    await waitFor(async () => (await unpublished()) === 0, 5000, 'the relay to publish');
    const before = await streamed();
    expect([...before.keys()].sort()).toEqual(ids);
    const firstEpoch = await probe.hget(`${namespace}:epoch`, 'id');
    expect(await probe.hget(`${namespace}:epoch`, `replayed:${schema}`)).toBe(firstEpoch);

    // The broker keeps its data: checks come and go, nothing is sent twice.
    await sleep(400);
    expect([...(await streamed()).values()]).toEqual([1, 1, 1, 1, 1, 1]);

    // Redis restarts empty before any consumer read the events.
    await redisServer.restartEmpty();
    expect((await streamed()).size).toBe(0);

    await waitFor(async () => (await streamed()).size === ids.length && (await unpublished()) === 0, 10_000, 'the rows published again');
    await sleep(500);
    const after = await streamed();
    expect([...after.keys()].sort()).toEqual(ids);
    expect([...after.values()]).toEqual([1, 1, 1, 1, 1, 1]);
    expect(after.has(old.id)).toBe(false);
    const secondEpoch = await probe.hget(`${namespace}:epoch`, 'id');
    expect(secondEpoch).not.toBe(firstEpoch);
    expect(await probe.hget(`${namespace}:epoch`, `replayed:${schema}`)).toBe(secondEpoch);

    // A consumer that starts now gets every event the reset had wiped out.
    const seen = new Set<string>();
    const subscription = await bus.subscribe({
      group: `consent-reset-test.${suffix}`,
      topics: [TOPICS.consentDecisions],
      handler: async (event) => void seen.add(event.id),
    });
    try {
      await waitFor(() => seen.size === ids.length, 10_000, 'the consumer to get every event');
      expect([...seen].sort()).toEqual(ids);
    } finally {
      await subscription.close();
    }
  });
});
