import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import type { OutboxRecord } from '@ciba/event-bus';
import { createPgPool, ensureDatabase, migrate, type PgPool } from '@ciba/service-kit';
import { offerRepository } from '../../src/adapters/db/offer-repository.ts';
import { createConsentDb, type ConsentDb } from '../../src/adapters/db/prisma-client.ts';
import { promptRepository } from '../../src/adapters/db/prompt-repository.ts';
import type { ConsentPrompt } from '../../src/domain/consent-prompt.ts';
import type { NewOffer, OfferStore } from '../../src/domain/offer-store.ts';
import type { PromptStore } from '../../src/domain/prompt-store.ts';
import { offerRequestedEvent } from '../../src/events/offer-requested-event.ts';
import { offerTimedOutEvent } from '../../src/events/offer-timed-out-event.ts';
import { promptDeliveredEvent } from '../../src/events/prompt-delivered-event.ts';
import { CONSENT_MIGRATIONS_DIR } from '../../src/service.ts';

const databaseUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/ciba';

/** The offer writes against PostgreSQL: all or nothing, exactly one of racing writers, replicas sharing sweeps. */
describe('offerRepository', () => {
  const schema = `consent_offers_${randomBytes(6).toString('hex')}`;
  const sql = new pg.Client({ connectionString: databaseUrl });
  let pool: PgPool;
  let db: ConsentDb;
  let prompts: PromptStore;
  let offers: OfferStore;

  const q = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) => (await sql.query<T>(text.replaceAll('$schema', `"${schema}"`), values)).rows;
  const stored = async (leaseMs = 60_000): Promise<ConsentPrompt> =>
    (
      await prompts.recordCreated('g', randomUUID(), {
        promptId: randomBytes(16).toString('base64url'),
        requestId: randomUUID(),
        clientId: 'client-1',
        sub: `user-${randomBytes(3).toString('hex')}`,
        scope: 'openid',
        expiresAt: new Date(Date.now() + 600_000),
        nextOfferAt: new Date(Date.now() + leaseMs),
        deliveryStatus: 'queued',
      })
    ).prompt;
  const newOffer = (p: ConsentPrompt, overrides: Partial<NewOffer> = {}): NewOffer => ({
    offerId: randomUUID(),
    promptId: p.promptId,
    round: 1,
    channelIndex: 0,
    channel: 'webhook',
    channelType: 'webhook',
    entryHash: 'e'.repeat(43),
    deadlineAt: new Date(Date.now() + 30_000),
    ...overrides,
  });
  const claim = (p: ConsentPrompt) => ({ promptId: p.promptId, round: 1, fromIndex: 0 });
  const offered = (p: ConsentPrompt, offer = newOffer(p)) => offers.recordOffer(claim(p), offer, `hash-${offer.offerId}`, offerRequestedEvent(offer, p.requestId, 'sealed.jwe', new Date()));
  const rows = (p: ConsentPrompt) => q<{ status: string }>('SELECT status::text FROM $schema.prompt_offers WHERE prompt_id = $1', [p.promptId]);
  const outboxOf = (p: ConsentPrompt) => q<{ type: string }>("SELECT envelope->>'type' AS type FROM $schema.outbox_events WHERE key = $1 ORDER BY seq", [p.requestId]);

  beforeAll(async () => {
    await ensureDatabase(databaseUrl);
    await migrate({ databaseUrl, schema, migrationsDir: CONSENT_MIGRATIONS_DIR, log: () => {} });
    await sql.connect();
    pool = createPgPool(databaseUrl, { schema });
    db = createConsentDb(pool, schema);
    prompts = promptRepository(db, pool, schema);
    offers = offerRepository(pool);
  });

  afterAll(async () => {
    await db?.$disconnect();
    await pool?.end();
    await sql.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await sql.end();
  });

  it('writes the offer, its event and the token hash together, or nothing when the outbox row is refused', async () => {
    const p = await stored();
    const offer = newOffer(p);
    const broken: OutboxRecord = { ...offerRequestedEvent(offer, p.requestId, 'sealed.jwe', new Date()), id: 'not-a-uuid' };
    await expect(offers.recordOffer(claim(p), offer, 'hash-1', broken)).rejects.toThrow();
    expect(await rows(p)).toEqual([]);
    expect(await prompts.findById(p.promptId)).toMatchObject({ nextOfferAt: p.nextOfferAt });
    expect((await prompts.findById(p.promptId))?.decisionTokenHash).toBeUndefined();

    expect(await offered(p, offer)).toBe(true);
    expect(await rows(p)).toEqual([{ status: 'offered' }]);
    expect(await outboxOf(p)).toEqual([{ type: 'ciba.channel_offer.requested.v1' }]);
    const after = await prompts.findById(p.promptId);
    expect(after).toMatchObject({ decisionTokenHash: `hash-${offer.offerId}` });
    expect(after?.nextOfferAt).toBeUndefined();
  });

  it('lets exactly one of two processes making the same offer write it', async () => {
    const many = await Promise.all(Array.from({ length: 10 }, () => stored()));
    for (const p of many) {
      const results = await Promise.all([offered(p), offered(p), offered(p)]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await rows(p)).toHaveLength(1);
      expect(await outboxOf(p)).toHaveLength(1);
    }
  });

  it('writes the offers of concurrent deliveries in one statement; one that breaks fails alone', async () => {
    const many = await Promise.all(Array.from({ length: 8 }, () => stored()));
    const query = jest.spyOn(pool, 'query');
    const results = await Promise.all(many.map((p) => offered(p)));
    expect(query).toHaveBeenCalledTimes(1);
    query.mockRestore();
    expect(results).toEqual(many.map(() => true));
    for (const p of many) expect(await outboxOf(p)).toEqual([{ type: 'ciba.channel_offer.requested.v1' }]);

    const [good, bad, alsoGood] = await Promise.all([stored(), stored(), stored()]);
    const badOffer = newOffer(bad!);
    const broken: OutboxRecord = { ...offerRequestedEvent(badOffer, bad!.requestId, 'sealed.jwe', new Date()), id: 'not-a-uuid' };
    const settled = await Promise.allSettled([offered(good!), offers.recordOffer(claim(bad!), badOffer, 'hash-bad', broken), offered(alsoGood!)]);
    expect(settled.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await rows(bad!)).toEqual([]);
    expect(await rows(good!)).toEqual([{ status: 'offered' }]);
    expect(await rows(alsoGood!)).toEqual([{ status: 'offered' }]);
  });

  it('applies the delivered outcomes of concurrent consumers in one statement, each prompt delivered with its event', async () => {
    const many = await Promise.all(Array.from({ length: 6 }, () => stored()));
    const made = many.map((p) => ({ p, offer: newOffer(p) }));
    for (const { p, offer } of made) expect(await offered(p, offer)).toBe(true);
    const lease = new Date(Date.now() + 5000);
    const query = jest.spyOn(pool, 'query');
    const effects = await Promise.all(
      made.map(({ p, offer }) =>
        offers.applyOutcome(
          'outcomes',
          randomUUID(),
          { offerId: offer.offerId, requestId: p.requestId, promptId: p.promptId, channel: 'webhook', channelIndex: 0, round: 1, delivered: true, statusCode: 200, latencyMs: 3 },
          lease,
          promptDeliveredEvent({ prompt: p, offer: { channelType: 'webhook', channelIndex: 0, round: 1 }, at: new Date() }),
        ),
      ),
    );
    expect(query).toHaveBeenCalledTimes(1);
    query.mockRestore();
    for (const effect of effects) expect(effect).toMatchObject({ kind: 'delivered', moved: true });
    for (const { p } of made) {
      expect(await prompts.findById(p.promptId)).toMatchObject({ deliveryStatus: 'delivered' });
      expect((await outboxOf(p)).map((r) => r.type)).toEqual(['ciba.channel_offer.requested.v1', 'ciba.consent_prompt.delivered.v1']);
      expect(await offers.listOffers(p.promptId)).toEqual([expect.objectContaining({ status: 'delivered', statusCode: 200, latencyMs: 3 })]);
    }
  });

  it('refuses an offer for a prompt decided meanwhile', async () => {
    const p = await stored();
    await sql.query(`UPDATE "${schema}".consent_prompts SET status = 'approved' WHERE prompt_id = $1`, [p.promptId]);
    expect(await offered(p)).toBe(false);
    expect(await rows(p)).toEqual([]);
  });

  it('times out each offer past its deadline exactly once with replicas sweeping at once, and makes its prompt due from the next channel', async () => {
    const many = await Promise.all(Array.from({ length: 12 }, () => stored()));
    for (const p of many) expect(await offered(p, newOffer(p, { deadlineAt: new Date(Date.now() - 1000) }))).toBe(true);
    const now = new Date();
    const leaseUntil = new Date(now.getTime() + 5000);
    const sweep = async () => {
      const all = [];
      for (let batch = await offers.timeOutDue(now, 5, leaseUntil, (o) => offerTimedOutEvent(o, now)); batch.length > 0; batch = await offers.timeOutDue(now, 5, leaseUntil, (o) => offerTimedOutEvent(o, now))) all.push(...batch);
      return all;
    };
    const swept = (await Promise.all([sweep(), sweep(), sweep()])).flat();
    const mine = swept.filter((t) => many.some((p) => p.promptId === t.offer.promptId));
    expect(mine).toHaveLength(12);
    for (const p of many) {
      expect(await rows(p)).toEqual([{ status: 'timed_out' }]);
      expect(await outboxOf(p)).toEqual([{ type: 'ciba.channel_offer.requested.v1' }, { type: 'ciba.channel_offer.timed_out.v1' }]);
      expect(await prompts.findById(p.promptId)).toMatchObject({ round: 1, nextChannelIndex: 1, nextOfferAt: leaseUntil });
    }
  });

  it('applies an outcome once per event, in one statement; a late one lands on the offer only; a mismatched one on nothing', async () => {
    const p = await stored();
    const offer = newOffer(p);
    await offered(p, offer);
    const lease = new Date(Date.now() + 5000);
    const names = { offerId: offer.offerId, requestId: p.requestId, promptId: p.promptId, channel: 'webhook', channelIndex: 0, round: 1 };
    const event = promptDeliveredEvent({ prompt: p, offer: { channelType: 'webhook', channelIndex: 0, round: 1 }, at: new Date() });
    expect(await offers.applyOutcome('outcomes', randomUUID(), { ...names, round: 2, delivered: true }, lease, event)).toEqual({ kind: 'late' });
    expect(await rows(p)).toEqual([{ status: 'offered' }]);
    const eventId = randomUUID();
    const outcome = { ...names, delivered: true, statusCode: 204, latencyMs: 12 };
    const [first, second] = await Promise.all([offers.applyOutcome('outcomes', eventId, outcome, lease, event), offers.applyOutcome('outcomes', eventId, outcome, lease, event)]);
    expect([first.kind, second.kind].sort()).toEqual(['delivered', 'duplicate']);
    expect(await prompts.findById(p.promptId)).toMatchObject({ deliveryStatus: 'delivered' });
    expect((await outboxOf(p)).map((r) => r.type)).toEqual(['ciba.channel_offer.requested.v1', 'ciba.consent_prompt.delivered.v1']);
    expect(await offers.applyOutcome('outcomes', randomUUID(), { ...names, delivered: false, reason: 'timeout' }, lease, undefined)).toEqual({ kind: 'late' });
    expect(await offers.listOffers(p.promptId)).toEqual([expect.objectContaining({ status: 'delivered', statusCode: 204, latencyMs: 12, lateOutcome: 'failed' })]);
  });

  it('on a failed outcome makes the prompt due from the next channel, and disables a gone entry', async () => {
    const p = await stored();
    const offer = newOffer(p, { channelIndex: 2, channel: 'push', channelType: 'push' });
    await offers.recordOffer({ promptId: p.promptId, round: 1, fromIndex: 0 }, offer, 'h', offerRequestedEvent(offer, p.requestId, 'sealed.jwe', new Date()));
    const lease = new Date(Date.now() + 5000);
    const effect = await offers.applyOutcome(
      'outcomes',
      randomUUID(),
      { offerId: offer.offerId, requestId: p.requestId, promptId: p.promptId, channel: 'push', channelIndex: 2, round: 1, delivered: false, reason: 'gone', statusCode: 410 },
      lease,
      undefined,
    );
    expect(effect).toEqual({ kind: 'failed', next: expect.objectContaining({ promptId: p.promptId, round: 1, nextChannelIndex: 3, nextOfferAt: lease }) });
    expect(await offers.disabledEntries(p.sub)).toEqual(new Set([offer.entryHash]));
    expect(await offers.listOffers(p.promptId)).toEqual([expect.objectContaining({ status: 'failed', reason: 'gone', statusCode: 410 })]);
  });

  it('claims each due prompt for one sweeper at a time, leasing it', async () => {
    const due = await Promise.all(Array.from({ length: 9 }, () => stored(-1000)));
    const now = new Date();
    const lease = new Date(now.getTime() + 60_000);
    const claimed = (await Promise.all([offers.claimDue(now, 4, lease), offers.claimDue(now, 4, lease), offers.claimDue(now, 4, lease), offers.claimDue(now, 4, lease)])).flat();
    const ids = claimed.map((c) => c.promptId).filter((id) => due.some((p) => p.promptId === id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(9);
    for (const c of claimed) expect(c.nextOfferAt).toEqual(lease);
    expect((await offers.claimDue(now, 100, lease)).filter((c) => due.some((p) => p.promptId === c.promptId))).toEqual([]);
  });
});
