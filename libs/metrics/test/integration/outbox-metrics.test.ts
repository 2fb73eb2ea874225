import { createServer, type Server, type Socket } from 'node:net';
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { watchOutbox } from '../../src/outbox-metrics.ts';
import { sampleValue, sampleValues } from '../support/sample-values.ts';

const databaseUrl = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const schema = `metrics_outbox_${randomBytes(4).toString('hex')}`;

/** The outbox table exactly as docs/architecture.md gives it. */
const OUTBOX_DDL = `
CREATE TABLE "outbox_events" (
  "seq" BIGSERIAL PRIMARY KEY, "id" UUID NOT NULL, "topic" TEXT NOT NULL, "key" TEXT NOT NULL, "envelope" JSONB NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP, "published_at" TIMESTAMPTZ(3)
);
CREATE UNIQUE INDEX "outbox_events_id_key" ON "outbox_events"("id");
CREATE INDEX "outbox_events_unpublished_idx" ON "outbox_events"("seq") WHERE "published_at" IS NULL;`;

let admin: pg.Client;
let pool: pg.Pool;
let silent: Server;
const held: Socket[] = [];

beforeAll(async () => {
  admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA "${schema}"; SET search_path TO "${schema}"; ${OUTBOX_DDL}`);
  pool = new pg.Pool({ connectionString: databaseUrl, max: 2, options: `-c search_path=${schema}` });
  // A "database" that accepts connections and never answers: a stalled PostgreSQL.
  silent = createServer((socket) => void held.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  await pool?.end();
  for (const socket of held) socket.destroy();
  await new Promise((resolve) => silent?.close(resolve));
  await admin?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await admin?.end();
});

const insert = (createdAgoS: number, published: boolean) =>
  admin.query(
    `INSERT INTO "outbox_events" ("id", "topic", "key", "envelope", "created_at", "published_at")
     VALUES ($1, 'ciba.auth-requests', 'k', '{}', clock_timestamp() - make_interval(secs => $2), ${published ? 'clock_timestamp()' : 'NULL'})`,
    [randomUUID(), createdAgoS],
  );

describe('watchOutbox (ciba_outbox_backlog, ciba_outbox_oldest_age_seconds) on PostgreSQL', () => {
  it('an empty outbox: backlog 0, age 0', async () => {
    const unwatch = watchOutbox('token', pool);
    expect(await sampleValue('ciba_outbox_backlog', { service: 'token' })).toBe(0);
    expect(await sampleValue('ciba_outbox_oldest_age_seconds', { service: 'token' })).toBe(0);
    unwatch();
    expect(await sampleValues('ciba_outbox_backlog')).toEqual([]);
  });

  it('counts the unpublished rows and ages the oldest, in the database clock; published rows do not count', async () => {
    await insert(120, true);
    await insert(60, false);
    await insert(1, false);
    await insert(0, false);
    const unwatch = watchOutbox('token', pool);
    expect(await sampleValue('ciba_outbox_backlog', { service: 'token' })).toBe(3);
    const age = (await sampleValue('ciba_outbox_oldest_age_seconds', { service: 'token' }))!;
    expect(age).toBeGreaterThanOrEqual(60);
    expect(age).toBeLessThan(120);
    unwatch();
  });

  it('a stalled database: the scrape still answers, that service is NaN with one collect error per scrape, the others are read', async () => {
    const stalled = new pg.Pool({ connectionString: `postgresql://postgres@127.0.0.1:${(silent.address() as { port: number }).port}/x`, max: 1 });
    const errorsBefore = (await sampleValue('ciba_metrics_collect_errors_total', { collector: 'outbox' })) ?? 0;
    const stop = [watchOutbox('token', pool), watchOutbox('notifier', stalled, 50)];
    const backlog = new Map((await sampleValues('ciba_outbox_backlog')).map((s) => [s.labels.service, s.value]));
    expect(backlog.get('notifier')).toBeNaN();
    expect(backlog.get('token')).toBe(3);
    expect(await sampleValue('ciba_metrics_collect_errors_total', { collector: 'outbox' })).toBe(errorsBefore + 1);
    for (const unwatch of stop) unwatch();
    // The reading still out is abandoned with its pool.
    void stalled.end().catch(() => undefined);
  });
});
