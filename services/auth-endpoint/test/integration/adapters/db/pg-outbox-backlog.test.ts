import { randomUUID } from 'node:crypto';
import { pgOutboxBacklog } from '../../../../src/adapters/db/pg-outbox-backlog.ts';
import { createTestSchema, type TestSchema } from '../../../support/test-schema.ts';

// The outbox part of a load-shedding sample, on the real table: unpublished rows, the oldest one's
// age, and the sequence head (every replica's intake), which deletions do not lower.
let t: TestSchema;
beforeAll(async () => {
  t = await createTestSchema();
});
afterAll(() => t.drop());

const insert = (createdAgoS: number, published: boolean) =>
  t.pool.query(
    `INSERT INTO "outbox_events" ("id", "topic", "key", "envelope", "created_at", "published_at")
     VALUES ($1, 'ciba.auth-requests', 'k', '{}'::jsonb, CURRENT_TIMESTAMP - ($2::int * INTERVAL '1 second'), CASE WHEN $3 THEN CURRENT_TIMESTAMP END)`,
    [randomUUID(), createdAgoS, published],
  );

describe('pgOutboxBacklog', () => {
  it('an empty outbox: nothing unpublished, no age, head 0', async () => {
    expect(await pgOutboxBacklog(t.pool)()).toEqual({ unpublished: 0, oldestAgeS: 0, head: 0 });
  });

  it('counts unpublished rows, ages the oldest of them, and reads the head from the sequence', async () => {
    await insert(100, true); // published: neither counted nor aged
    await insert(30, false);
    await insert(5, false);
    const backlog = await pgOutboxBacklog(t.pool)();
    expect(backlog.unpublished).toBe(2);
    expect(backlog.oldestAgeS).toBeGreaterThanOrEqual(30);
    expect(backlog.oldestAgeS).toBeLessThan(100);
    expect(backlog.head).toBe(3);
    await t.pool.query('DELETE FROM "outbox_events"');
    expect(await pgOutboxBacklog(t.pool)()).toEqual({ unpublished: 0, oldestAgeS: 0, head: 3 });
  });
});
