import { createHash, randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import { pushTokenSet, tokensIssuedV1 } from '@ciba/contracts';
import { TemporarilyUnavailable } from '@ciba/contracts/oauth-errors';
import { sha256 } from '@ciba/service-kit';
import { createTokenIssuer } from '../../../src/push/create-token-issuer.ts';
import { startGrantsHarness, GRANTS_ISSUER, type GrantsHarness } from '../../support/grants-harness.ts';

const CIBA = 'urn:openid:params:grant-type:ciba';
const halfHash = (token: string) => createHash('sha256').update(token, 'ascii').digest().subarray(0, 16).toString('base64url');

let h: GrantsHarness;
let issuer: ReturnType<typeof createTokenIssuer>;

beforeAll(async () => {
  h = await startGrantsHarness();
  issuer = createTokenIssuer(h.ctx);
  h.directory.addClient({ client_id: 'rp-push', backchannel_token_delivery_mode: 'push', backchannel_client_notification_endpoint: 'https://rp.example/cb' });
  h.directory.addClient({ client_id: 'rp-push-no-refresh', grant_types: [CIBA], backchannel_token_delivery_mode: 'push', backchannel_client_notification_endpoint: 'https://rp.example/cb' });
  h.directory.addClient({ client_id: 'rp-ping', backchannel_token_delivery_mode: 'ping', backchannel_client_notification_endpoint: 'https://rp.example/cb' });
  h.directory.addUser('alice', { name: 'Alice' });
});
afterAll(() => h.close());

async function approvedPush(clientId = 'rp-push', status: 'approved' | 'pending' | 'denied' | 'expired' = 'approved') {
  const { authReqId, request } = h.newRequest({ client_id: clientId, delivery_mode: clientId === 'rp-ping' ? 'ping' : 'push' });
  await h.seedGrant(request, { status });
  return { authReqId, requestId: request.request_id };
}

const userinfo = (accessToken: string) => fetch(`${h.url}/userinfo`, { headers: { authorization: `Bearer ${accessToken}` } });
const refresh = (refreshToken: string, clientId = 'rp-push') => h.post('/token', { grant_type: 'refresh_token', refresh_token: refreshToken }, clientId);

describe('TokenIssuerPort.issuePushTokens (CIBA Core §10.3.1)', () => {
  it('redeems the approved push grant and answers the token set whose ID token carries auth_req_id, at_hash and rt_hash', async () => {
    const { authReqId, requestId } = await approvedPush();
    const set = await issuer.issuePushTokens(requestId, authReqId);
    expect(pushTokenSet.strict().parse(set)).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: h.ctx.config.accessTokenTtl,
      refresh_token: expect.any(String),
      id_token: expect.any(String),
      scope: 'openid profile email',
    });
    const idToken = decodeJwt(set!.id_token);
    expect(idToken).toMatchObject({
      iss: GRANTS_ISSUER,
      aud: 'rp-push',
      sub: 'alice',
      'urn:openid:params:jwt:claim:auth_req_id': authReqId,
      at_hash: halfHash(set!.access_token),
      'urn:openid:params:jwt:claim:rt_hash': halfHash(set!.refresh_token!),
    });
    expect((await h.db.cibaGrant.findUniqueOrThrow({ where: { requestId } })).status).toBe('redeemed');
    expect(await h.db.pushTokenSet.findUnique({ where: { requestId } })).toMatchObject({ issuedCount: 1, accessTokenJti: decodeJwt(set!.access_token).jti, revokedAt: null });
    const outbox = await h.db.outboxEvent.findMany({ where: { key: requestId } });
    expect(outbox).toHaveLength(1);
    expect(tokensIssuedV1.parse(outbox[0]!.envelope).data).toEqual({
      request_id: requestId,
      client_id: 'rp-push',
      grant_type: CIBA,
      access_token_jti: decodeJwt(set!.access_token).jti,
      refresh_token_issued: true,
    });
    expect(JSON.stringify(outbox.map((o) => o.envelope))).not.toContain(set!.access_token);
    expect(await h.db.refreshToken.findUnique({ where: { tokenHash: sha256(set!.refresh_token!) } })).toMatchObject({ requestId, clientId: 'rp-push', revokedAt: null });
    expect((await userinfo(set!.access_token)).status).toBe(200);
  });

  it('a second call revokes the first set: only the latest access and refresh tokens work', async () => {
    const { authReqId, requestId } = await approvedPush();
    const first = (await issuer.issuePushTokens(requestId, authReqId))!;
    const second = (await issuer.issuePushTokens(requestId, authReqId))!;
    expect(second.access_token).not.toBe(first.access_token);
    expect(decodeJwt(second.id_token)['urn:openid:params:jwt:claim:auth_req_id']).toBe(authReqId);
    expect((await userinfo(first.access_token)).status).toBe(401);
    expect((await userinfo(second.access_token)).status).toBe(200);
    expect((await refresh(first.refresh_token!)).status).toBe(400);
    expect((await refresh(second.refresh_token!)).status).toBe(200);
    expect(await h.db.pushTokenSet.findUnique({ where: { requestId } })).toMatchObject({ issuedCount: 2 });
    expect(await h.db.outboxEvent.count({ where: { key: requestId } })).toBe(2);
  });

  it('concurrent calls for one request leave exactly one valid set', async () => {
    const { authReqId, requestId } = await approvedPush();
    const sets = await Promise.all([1, 2, 3].map(() => issuer.issuePushTokens(requestId, authReqId)));
    const statuses = await Promise.all(sets.map(async (s) => (await userinfo(s!.access_token)).status));
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    const valid = await h.db.refreshToken.count({ where: { requestId, revokedAt: null } });
    expect(valid).toBe(1);
  });

  it('no refresh token for a client without the refresh_token grant: no rt_hash', async () => {
    const { authReqId, requestId } = await approvedPush('rp-push-no-refresh');
    const set = (await issuer.issuePushTokens(requestId, authReqId))!;
    expect(set).not.toHaveProperty('refresh_token');
    const idToken = decodeJwt(set.id_token);
    expect(idToken).not.toHaveProperty('urn:openid:params:jwt:claim:rt_hash');
    expect(idToken.at_hash).toBe(halfHash(set.access_token));
  });

  it('null for denied, expired, ping-mode requests and a wrong auth_req_id; nothing redeemed', async () => {
    for (const [clientId, status] of [['rp-push', 'denied'], ['rp-push', 'expired'], ['rp-ping', 'approved']] as const) {
      const { authReqId, requestId } = await approvedPush(clientId, status);
      await expect(issuer.issuePushTokens(requestId, authReqId)).resolves.toBeNull();
      expect((await h.db.cibaGrant.findUniqueOrThrow({ where: { requestId } })).status).toBe(status);
    }
    const { requestId } = await approvedPush();
    await expect(issuer.issuePushTokens(requestId, 'not-its-auth-req-id')).resolves.toBeNull();
    expect((await h.db.cibaGrant.findUniqueOrThrow({ where: { requestId } })).status).toBe('approved');
  });

  it('temporarily_unavailable while the decision has not reached the token service (pending or unknown)', async () => {
    const { authReqId, requestId } = await approvedPush('rp-push', 'pending');
    await expect(issuer.issuePushTokens(requestId, authReqId)).rejects.toBeInstanceOf(TemporarilyUnavailable);
    await expect(issuer.issuePushTokens(randomUUID(), authReqId)).rejects.toBeInstanceOf(TemporarilyUnavailable);
  });

  it('a push-mode grant redeemed by push cannot be polled', async () => {
    const { authReqId, requestId } = await approvedPush();
    await issuer.issuePushTokens(requestId, authReqId);
    const res = await h.post('/token', { grant_type: CIBA, auth_req_id: authReqId }, 'rp-push');
    expect(res.status).toBe(400);
  });
});

describe('TokenIssuerPort.revokePushTokens', () => {
  it('revokes the latest push set (access and refresh tokens); idempotent; false when no push was issued', async () => {
    const { authReqId, requestId } = await approvedPush();
    const set = (await issuer.issuePushTokens(requestId, authReqId))!;
    await expect(issuer.revokePushTokens(requestId)).resolves.toBe(true);
    await expect(issuer.revokePushTokens(requestId)).resolves.toBe(true);
    expect((await userinfo(set.access_token)).status).toBe(401);
    expect((await refresh(set.refresh_token!)).status).toBe(400);
    expect((await h.db.pushTokenSet.findUniqueOrThrow({ where: { requestId } })).revokedAt).toBeInstanceOf(Date);
    await expect(issuer.revokePushTokens(randomUUID())).resolves.toBe(false);
  });
});

describe('TokenIssuerPort.isDecisionSettled', () => {
  it('false while pending or unknown; true once decided or past expires_at', async () => {
    for (const status of ['approved', 'denied', 'expired'] as const) {
      const { requestId } = await approvedPush('rp-ping', status);
      await expect(issuer.isDecisionSettled(requestId)).resolves.toBe(true);
    }
    const { requestId } = await approvedPush('rp-ping', 'pending');
    await expect(issuer.isDecisionSettled(requestId)).resolves.toBe(false);
    await expect(issuer.isDecisionSettled(randomUUID())).resolves.toBe(false);
    const { request } = h.newRequest({ client_id: 'rp-ping', delivery_mode: 'ping', expires_at: new Date(Date.now() - 1000).toISOString() });
    await h.seedGrant(request);
    await expect(issuer.isDecisionSettled(request.request_id)).resolves.toBe(true);
  });
});
