import { randomUUID } from 'node:crypto';
import { TOPICS } from '@ciba/contracts';
import type { TopicLag } from '@ciba/event-bus';
import { createLogger } from '@ciba/service-kit';
import { pgOutboxBacklog } from '../../../src/adapters/db/pg-outbox-backlog.ts';
import { startBacklogSampler } from '../../../src/load-shedding/start-backlog-sampler.ts';
import { createTestSchema, type TestSchema } from '../../support/test-schema.ts';

// The sampler on the real outbox table, with a bus whose lag the test sets (or breaks): it folds both
// into the shared state, and a part it cannot read is left out (fail open), not fatal.
let t: TestSchema;
beforeAll(async () => {
  t = await createTestSchema();
});
afterAll(() => t.drop());

const waitFor = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  expect(check()).toBe(true);
};

describe('startBacklogSampler', () => {
  it('backlog = unpublished outbox rows + the group\'s lag on ciba.auth-requests; a failing lag read leaves the outbox part', async () => {
    await t.pool.query(`INSERT INTO "outbox_events" ("id", "topic", "key", "envelope") VALUES ($1, 'ciba.auth-requests', 'k', '{}'::jsonb), ($2, 'ciba.auth-requests', 'k', '{}'::jsonb)`, [randomUUID(), randomUUID()]);
    let lag: number | Error = 5;
    const asked: Array<[string, readonly string[]]> = [];
    const bus = {
      async lag(group: string, topics: readonly (typeof TOPICS.authRequests)[]): Promise<TopicLag[]> {
        asked.push([group, topics]);
        if (lag instanceof Error) throw lag;
        return topics.map((topic) => ({ topic, group, lag: lag as number }));
      },
    };
    const sampler = startBacklogSampler({ readOutbox: pgOutboxBacklog(t.pool), bus, group: 'consent-dispatcher.prompts', topic: TOPICS.authRequests, intervalMs: 50, logger: createLogger('test', 'silent') });
    try {
      await waitFor(() => sampler.current()?.backlog === 7);
      expect(sampler.current()).toMatchObject({ backlog: 7, unpublished: 2 });
      expect(asked[0]).toEqual(['consent-dispatcher.prompts', [TOPICS.authRequests]]);
      lag = new Error('broker away');
      await waitFor(() => sampler.current()?.backlog === 2);
    } finally {
      await sampler.stop();
    }
  });
});
