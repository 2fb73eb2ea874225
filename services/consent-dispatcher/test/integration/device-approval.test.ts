import { randomBytes, randomUUID } from 'node:crypto';
import { Router } from 'express';
import pg from 'pg';
import { createPgPool, ensureDatabase, migrate, sha256, type PgPool } from '@ciba/service-kit';
import { createConsentDb, type ConsentDb } from '../../src/adapters/db/prisma-client.ts';
import { promptRepository } from '../../src/adapters/db/prompt-repository.ts';
import type { PromptStore } from '../../src/domain/prompt-store.ts';
import { deviceApprovalRoutes } from '../../src/routes/device-approval/index.ts';
import { deviceDecisionRoutes } from '../../src/routes/device-decisions/index.ts';
import { CONSENT_MIGRATIONS_DIR } from '../../src/service.ts';
import { openApprovalPage, submitApproval } from '../support/approval-page.ts';
import { postDecision } from '../support/post-decision.ts';
import { serve } from '../support/serve.ts';
import { silentLogger } from '../support/silent-logger.ts';
import { TestDirectory } from '../support/test-directory.ts';

const databaseUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/ciba';
const TOKEN = 'k'.repeat(43);

/** The approval page against PostgreSQL, beside the device decision endpoint: one decision, one event, whichever way it came. */
describe('hosted approval page with the PostgreSQL prompt store', () => {
  const schema = `consent_approval_${randomBytes(6).toString('hex')}`;
  const sql = new pg.Client({ connectionString: databaseUrl });
  let pool: PgPool;
  let db: ConsentDb;
  let store: PromptStore;
  let server: Awaited<ReturnType<typeof serve>>;

  const eventTypes = async (requestId: string) =>
    (await sql.query<{ envelope: { type: string } }>(`SELECT envelope FROM "${schema}".outbox_events WHERE key = $1 ORDER BY seq`, [requestId])).rows.map((r) => r.envelope.type);
  const stored = async () => {
    const requestId = randomUUID();
    const { prompt } = await store.recordCreated('consent-dispatcher.prompts', randomUUID(), {
      promptId: randomBytes(16).toString('base64url'),
      requestId,
      clientId: 'client-1',
      sub: 'alice',
      scope: 'openid profile',
      bindingMessage: 'W4SP',
      expiresAt: new Date(Date.now() + 600_000),
      deliveryStatus: 'queued',
    });
    // The token of the offer that carried the approval link (an offer sets it; none is made here).
    await sql.query(`UPDATE "${schema}".consent_prompts SET decision_token_hash = $1 WHERE prompt_id = $2`, [sha256(TOKEN), prompt.promptId]);
    return { ...prompt, decisionTokenHash: sha256(TOKEN) };
  };

  beforeAll(async () => {
    await ensureDatabase(databaseUrl);
    await migrate({ databaseUrl, schema, migrationsDir: CONSENT_MIGRATIONS_DIR, log: () => {} });
    await sql.connect();
    pool = createPgPool(databaseUrl, { schema });
    db = createConsentDb(pool, schema);
    store = promptRepository(db, pool, schema);
    const now = () => new Date();
    const router = Router()
      .use(deviceDecisionRoutes({ logger: silentLogger, store, now }))
      .use(deviceApprovalRoutes({ logger: silentLogger, store, now, directory: new TestDirectory().port(), csrfSecret: 'integration-secret', secureCookies: false }));
    server = await serve(router);
  });

  afterAll(async () => {
    await server?.close();
    await db?.$disconnect();
    await pool?.end();
    await sql.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await sql.end();
  });

  it('Approve on the page writes the prompt and ciba.consent.granted.v1; the decision endpoint then answers as for a device decision', async () => {
    const prompt = await stored();
    const page = await openApprovalPage(server.url, prompt.promptId, TOKEN);
    expect(page.status).toBe(200);
    const res = await submitApproval(server.url, prompt.promptId, { t: TOKEN, csrf: page.csrf!, decision: 'approve' }, page.cookie);
    expect(res.status).toBe(200);
    expect(res.html).toContain('You approved the sign-in to Example Bank.');
    expect(await store.findById(prompt.promptId)).toMatchObject({ status: 'approved' });
    expect(await eventTypes(prompt.requestId)).toEqual(['ciba.consent.granted.v1']);
    const uri = `${server.url}/device/decisions/${prompt.promptId}`;
    expect(await postDecision(uri, TOKEN, { decision: 'approve' })).toMatchObject({ status: 200, body: { status: 'approved' } });
    expect(await postDecision(uri, TOKEN, { decision: 'deny' })).toMatchObject({ status: 409 });
    expect(await eventTypes(prompt.requestId)).toEqual(['ciba.consent.granted.v1']);
    expect((await openApprovalPage(server.url, prompt.promptId, TOKEN)).html).toContain('This sign-in request was already approved.');
  });

  it('a device deny and a page approve racing: exactly one decision and one event, and the page shows what won', async () => {
    const prompt = await stored();
    const page = await openApprovalPage(server.url, prompt.promptId, TOKEN);
    const [viaPage, viaDevice] = await Promise.all([
      submitApproval(server.url, prompt.promptId, { t: TOKEN, csrf: page.csrf!, decision: 'approve' }, page.cookie),
      postDecision(`${server.url}/device/decisions/${prompt.promptId}`, TOKEN, { decision: 'deny' }),
    ]);
    const events = await eventTypes(prompt.requestId);
    expect(events).toHaveLength(1);
    const status = (await store.findById(prompt.promptId))!.status;
    expect(events[0]).toBe(status === 'approved' ? 'ciba.consent.granted.v1' : 'ciba.consent.denied.v1');
    expect(viaPage.status).toBe(200);
    expect(viaPage.html).toContain(status === 'approved' ? 'You approved the sign-in' : 'This sign-in request was already denied.');
    expect(viaDevice.status).toBe(status === 'denied' ? 200 : 409);
  });
});
