import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { createPgPool, migrate, type PgPool } from '@ciba/service-kit';
import { auditStore } from '../../src/adapters/db/audit-store.ts';
import type { AuditRecord } from '../../src/domain/audit-record.ts';
import { AUDIT_MIGRATIONS_DIR } from '../../src/service.ts';

const databaseUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const schema = `audit_test_${randomBytes(4).toString('hex')}`;
let pool: PgPool;

const record = (overrides: Partial<AuditRecord> = {}): AuditRecord => ({
  eventId: randomUUID(),
  occurredAt: new Date(),
  category: 'auth_request',
  action: 'ciba.auth_request.created.v1',
  actor: 'client:rp',
  source: '/services/auth-endpoint',
  requestId: null,
  clientId: 'rp',
  sub: null,
  target: null,
  address: null,
  correlationId: 'c',
  details: {},
  ...overrides,
});

beforeAll(async () => {
  await migrate({ databaseUrl, schema, migrationsDir: AUDIT_MIGRATIONS_DIR });
  pool = createPgPool(databaseUrl, { schema });
});

afterAll(async () => {
  await pool.end();
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await admin.end();
});

describe('audit_records', () => {
  it('records an event once however often it is delivered', async () => {
    const store = auditStore(pool);
    const once = record({ clientId: 'idempotent-rp' });
    await store.append(once);
    await store.append(once);
    expect(await store.find({ clientId: 'idempotent-rp', limit: 10 })).toHaveLength(1);
  });

  it('records concurrent events in one batch, in arrival order, once each, filling the user from an earlier record of the batch', async () => {
    const store = auditStore(pool);
    const requestId = randomUUID();
    const created = record({ requestId, clientId: 'batched-rp', sub: 'bea', correlationId: '0' });
    const arrivals = [
      created,
      record({ requestId, clientId: 'batched-rp', category: 'prompt', action: 'ciba.consent_prompt.delivered.v1', actor: 'system', correlationId: '1' }),
      created,
      record({ requestId, clientId: 'batched-rp', category: 'token', action: 'ciba.tokens.issued.v1', correlationId: '2' }),
    ];
    const query = jest.spyOn(pool, 'query');
    await Promise.all(arrivals.map((r) => store.append(r)));
    expect(query).toHaveBeenCalledTimes(1);
    query.mockRestore();
    const trail = await store.find({ clientId: 'batched-rp', limit: 10 });
    expect(trail.map((r) => r.correlationId)).toEqual(['2', '1', '0']);
    expect(trail.map((r) => r.sub)).toEqual(['bea', 'bea', 'bea']);
  });

  it('a record that cannot be stored fails alone; the rest of its batch is recorded', async () => {
    const store = auditStore(pool);
    const results = await Promise.allSettled([
      store.append(record({ clientId: 'bad-batch-rp', correlationId: 'ok-1' })),
      store.append(record({ clientId: 'bad-batch-rp', correlationId: 'bad', eventId: 'not-a-uuid' })),
      store.append(record({ clientId: 'bad-batch-rp', correlationId: 'ok-2' })),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    // the rest of a failed batch is retried record by record, side by side: recorded, in no set order
    expect((await store.find({ clientId: 'bad-batch-rp', limit: 10 })).map((r) => r.correlationId).sort()).toEqual(['ok-1', 'ok-2']);
  });

  it('is append-only: UPDATE, DELETE and TRUNCATE are refused', async () => {
    await auditStore(pool).append(record({ clientId: 'immutable-rp' }));
    await expect(pool.query(`UPDATE "audit_records" SET "actor" = 'someone else' WHERE "client_id" = 'immutable-rp'`)).rejects.toThrow('audit_records is append-only: UPDATE refused');
    await expect(pool.query(`DELETE FROM "audit_records" WHERE "client_id" = 'immutable-rp'`)).rejects.toThrow('audit_records is append-only: DELETE refused');
    await expect(pool.query(`TRUNCATE "audit_records"`)).rejects.toThrow('audit_records is append-only: TRUNCATE refused');
    expect(await auditStore(pool).find({ clientId: 'immutable-rp', limit: 10 })).toHaveLength(1);
  });

  it("a user's trail holds every record of the user's requests, even those that name only the request", async () => {
    const store = auditStore(pool);
    const requestId = randomUUID();
    // Topics are not ordered with each other: the tokens record may arrive before the request's.
    await store.append(record({ requestId, clientId: 'rp-u', category: 'token', action: 'ciba.tokens.issued.v1' }));
    await store.append(record({ requestId, clientId: 'rp-u', sub: 'ursula' }));
    await store.append(record({ requestId, clientId: 'rp-u', category: 'prompt', action: 'ciba.consent_prompt.delivered.v1', actor: 'system' }));
    await store.append(record({ category: 'admin', action: 'user.stored', actor: 'operator:admin-token', sub: 'ursula', target: 'ursula', clientId: null }));
    await store.append(record({ requestId: randomUUID(), clientId: 'rp-u', sub: 'someone-else' }));
    const trail = await store.find({ sub: 'ursula', limit: 10 });
    expect(trail.map((r) => r.action)).toEqual(['user.stored', 'ciba.consent_prompt.delivered.v1', 'ciba.auth_request.created.v1', 'ciba.tokens.issued.v1']);
    expect(trail.find((r) => r.action === 'ciba.consent_prompt.delivered.v1')!.sub).toBe('ursula');
  });

  it('pages newest first with a cursor', async () => {
    const store = auditStore(pool);
    for (let i = 0; i < 5; i++) await store.append(record({ clientId: 'paged-rp', correlationId: String(i) }));
    const first = await store.find({ clientId: 'paged-rp', limit: 3 });
    const second = await store.find({ clientId: 'paged-rp', limit: 3, before: first[2]!.seq });
    expect([...first, ...second].map((r) => r.correlationId)).toEqual(['4', '3', '2', '1', '0']);
  });
});
