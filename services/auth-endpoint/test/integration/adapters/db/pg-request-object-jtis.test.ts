import { createPgPool } from '@ciba/service-kit';
import { pgRequestObjectJtis } from '../../../../src/adapters/db/pg-request-object-jtis.ts';
import { createTestSchema, type TestSchema } from '../../../support/test-schema.ts';

let t: TestSchema;
beforeAll(async () => {
  t = await createTestSchema();
});
afterAll(() => t.drop());

const NOW = new Date('2026-11-22T10:00:00.000Z');
const later = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);
const rows = async (clientId: string) =>
  (await t.pool.query<{ jti: string }>('SELECT "jti" FROM "request_object_jtis" WHERE "client_id" = $1 ORDER BY "jti"', [clientId])).rows.map((r) => r.jti);

describe('pgRequestObjectJtis', () => {
  it('remember: true the first time, false for the same jti while it is recorded, per client', async () => {
    const jtis = pgRequestObjectJtis(t.pool, () => NOW);
    expect(await jtis.remember('rp-a', 'jti-1', later(60))).toBe(true);
    expect(await jtis.remember('rp-a', 'jti-1', later(120))).toBe(false);
    expect(await jtis.remember('rp-b', 'jti-1', later(60))).toBe(true);
  });

  it('remember: a jti whose record has expired is accepted again, until its new expiry', async () => {
    expect(await pgRequestObjectJtis(t.pool, () => NOW).remember('rp-c', 'jti-old', later(60))).toBe(true);
    const afterExpiry = pgRequestObjectJtis(t.pool, () => later(61));
    expect(await afterExpiry.remember('rp-c', 'jti-old', later(180))).toBe(true);
    expect(await afterExpiry.remember('rp-c', 'jti-old', later(240))).toBe(false);
  });

  it("remember: sweeps the client's expired records, not other clients'", async () => {
    const jtis = pgRequestObjectJtis(t.pool, () => NOW);
    await jtis.remember('rp-d', 'expiring', later(10));
    await jtis.remember('rp-d', 'lasting', later(600));
    await jtis.remember('rp-e', 'expiring', later(10));
    await pgRequestObjectJtis(t.pool, () => later(11)).remember('rp-d', 'fresh', later(300));
    expect(await rows('rp-d')).toEqual(['fresh', 'lasting']);
    expect(await rows('rp-e')).toEqual(['expiring']);
  });

  it('remember: of concurrent uses of one jti, exactly one is accepted', async () => {
    const jtis = pgRequestObjectJtis(t.pool, () => NOW);
    const results = await Promise.all(Array.from({ length: 8 }, () => jtis.remember('rp-f', 'raced', later(60))));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('remember: two replicas (each its own pool) share the record: a jti one accepted is a replay for the other', async () => {
    const other = createPgPool(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/ciba', { schema: t.schema });
    try {
      expect(await pgRequestObjectJtis(t.pool, () => NOW).remember('rp-g', 'shared', later(60))).toBe(true);
      expect(await pgRequestObjectJtis(other, () => NOW).remember('rp-g', 'shared', later(60))).toBe(false);
    } finally {
      await other.end();
    }
  });
});
