import { randomUUID } from 'node:crypto';
import { CIBA_GRANT_TYPE, TOKENS_ISSUED_V1, TOPICS } from '@ciba/contracts';
import { newEvent, outboxRecord } from '@ciba/event-bus';
import type { AuthRequestView } from '@ciba/contracts';
import { redeemGrants, type Redemption } from '../../../../src/adapters/db/redeem-grants.ts';
import { startGrantsHarness, type GrantsHarness } from '../../../support/grants-harness.ts';

let h: GrantsHarness;

beforeAll(async () => {
  h = await startGrantsHarness();
});
afterAll(() => h.close());

function redemption(request: AuthRequestView, withRefresh = true): Redemption {
  const now = new Date();
  const event = newEvent(TOPICS.tokens, {
    type: TOKENS_ISSUED_V1,
    source: '/services/token',
    subject: request.request_id,
    time: now,
    data: { request_id: request.request_id, client_id: request.client_id, grant_type: CIBA_GRANT_TYPE, access_token_jti: randomUUID(), refresh_token_issued: withRefresh },
  });
  const refresh = withRefresh
    ? { tokenHash: randomUUID(), familyId: randomUUID(), clientId: request.client_id, sub: request.sub, scope: request.scope, acr: null, authTime: now, requestId: request.request_id, expiresAt: new Date(now.getTime() + 60_000), dpopJkt: null }
    : null;
  return { authReqIdHash: request.auth_req_id_hash, now, event: outboxRecord(TOPICS.tokens, event), refresh };
}

describe('redeemGrants', () => {
  test('concurrent redemptions of different grants share one statement; each approved grant is redeemed once, with its event and refresh token', async () => {
    const requests = Array.from({ length: 5 }, () => h.newRequest().request);
    for (const request of requests) await h.seedGrant(request, { status: 'approved' });
    const pending = h.newRequest().request;
    await h.seedGrant(pending);
    const query = jest.spyOn(h.ctx.pool, 'query');
    try {
      const answers = await Promise.all([...requests.map((r, i) => redeemGrants(h.ctx.pool)(redemption(r, i % 2 === 0))), redeemGrants(h.ctx.pool)(redemption(pending))]);
      expect(answers).toEqual([true, true, true, true, true, false]);
      expect(query).toHaveBeenCalledTimes(1);
    } finally {
      query.mockRestore();
    }
    for (const [i, request] of requests.entries()) {
      expect((await h.db.cibaGrant.findUniqueOrThrow({ where: { requestId: request.request_id } })).status).toBe('redeemed');
      expect(await h.db.outboxEvent.count({ where: { key: request.request_id } })).toBe(1);
      expect(await h.db.refreshToken.count({ where: { requestId: request.request_id } })).toBe(i % 2 === 0 ? 1 : 0);
    }
    expect((await h.db.cibaGrant.findUniqueOrThrow({ where: { requestId: pending.request_id } })).status).toBe('pending');
    expect(await h.db.outboxEvent.count({ where: { key: pending.request_id } })).toBe(0);
    expect(await h.db.refreshToken.count({ where: { requestId: pending.request_id } })).toBe(0);
  });

  test('two redemptions of one grant in the same batch: exactly one wins (the first asked), the other writes nothing', async () => {
    const { request } = h.newRequest();
    await h.seedGrant(request, { status: 'approved' });
    const [first, second] = [redemption(request), redemption(request)];
    const answers = await Promise.all([redeemGrants(h.ctx.pool)(first), redeemGrants(h.ctx.pool)(second)]);
    expect(answers).toEqual([true, false]);
    const outbox = await h.db.outboxEvent.findMany({ where: { key: request.request_id } });
    expect(outbox.map((row) => row.id)).toEqual([first.event.id]);
    expect(await h.db.refreshToken.findMany({ where: { requestId: request.request_id } })).toEqual([expect.objectContaining({ tokenHash: first.refresh!.tokenHash })]);
  });

  test('a redemption after the grant was redeemed (a later batch) answers false', async () => {
    const { request } = h.newRequest();
    await h.seedGrant(request, { status: 'approved' });
    expect(await redeemGrants(h.ctx.pool)(redemption(request))).toBe(true);
    expect(await redeemGrants(h.ctx.pool)(redemption(request))).toBe(false);
    expect(await h.db.outboxEvent.count({ where: { key: request.request_id } })).toBe(1);
  });
});
