/**
 * Commit → publish latency of isolated outbox rows (one every 30–150 ms, as at low load), with the
 * relay finding them by polling only and with the writer waking it (`outboxWritten`). The bus only
 * records when each event reached it, so the figure is the relay's own wait plus its one statement.
 *
 *   npx tsx libs/event-bus/test/perf/measure-relay-wake.ts [--rows 100]
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Pool } from 'pg';
import { TOPICS } from '@ciba/contracts';
import type { EventBus, OutgoingMessage } from '../../src/event-bus.ts';
import { outboxRecord } from '../../src/outbox/outbox-record.ts';
import { startOutboxRelay } from '../../src/outbox/outbox-relay.ts';
import { outboxWritten } from '../../src/outbox/outbox-written.ts';
import { OUTBOX_DDL } from '../support/outbox-ddl.ts';
import { sampleTokenEvent } from '../support/sample-token-event.ts';
import { testLogger } from '../support/test-logger.ts';
import { sleep } from '../support/wait-for.ts';

const DATABASE_URL = process.env['DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const { values: args } = parseArgs({ options: { rows: { type: 'string', default: '100' } } });
const ROWS = Number(args.rows);

async function measure(pool: Pool, wake: boolean): Promise<number[]> {
  const schema = `relay_wake_${randomBytes(4).toString('hex')}`;
  const reached = new Map<string, number>();
  const bus = {
    publish: async (messages: readonly OutgoingMessage[]) => {
      for (const message of messages) reached.set(message.event.id, performance.now());
    },
  } as unknown as EventBus;
  await pool.query(`CREATE SCHEMA "${schema}"; SET search_path TO "${schema}"; ${OUTBOX_DDL}; RESET search_path;`);
  const relay = await startOutboxRelay({ databaseUrl: DATABASE_URL, schema, bus, logger: testLogger });
  const latencies: number[] = [];
  try {
    await sleep(500);
    for (let i = 0; i < ROWS; i += 1) {
      const record = outboxRecord(TOPICS.tokens, sampleTokenEvent('wake', i));
      await pool.query(`INSERT INTO "${schema}".outbox_events (id, topic, key, envelope) VALUES ($1, $2, $3, $4)`, [record.id, record.topic, record.key, record.envelope]);
      const committed = performance.now();
      if (wake) outboxWritten(schema);
      while (!reached.has(record.id)) await sleep(0);
      latencies.push(reached.get(record.id)! - committed);
      await sleep(30 + Math.random() * 120);
    }
  } finally {
    await relay.stop();
    await pool.query(`DROP SCHEMA "${schema}" CASCADE`);
  }
  return latencies.sort((a, b) => a - b);
}

const at = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(1);

async function main(): Promise<void> {
  const pool = new Pool({ connectionString: DATABASE_URL, max: 2 });
  try {
    for (const wake of [false, true]) {
      const l = await measure(pool, wake);
      const mean = l.reduce((a, b) => a + b, 0) / l.length;
      console.log(`${wake ? 'outboxWritten' : 'polling only '}  commit → publish ms: mean ${mean.toFixed(1)}  p50 ${at(l, 0.5)}  p90 ${at(l, 0.9)}  max ${at(l, 1)}`);
    }
  } finally {
    await pool.end();
  }
}

void main();
