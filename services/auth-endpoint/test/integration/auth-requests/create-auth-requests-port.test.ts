import { createHash, randomUUID } from 'node:crypto';
import { authRequestView } from '@ciba/contracts';
import { startTestService, type TestService } from '../../support/start-test-service.ts';

const sha256 = (v: string) => createHash('sha256').update(v).digest('base64url');

describe('AuthRequestsPort (backed by auth_requests)', () => {
  let t: TestService;
  let pollId: string;
  let pingId: string;
  let pushId: string;

  const accept = async (client: string, form: Record<string, string>) => {
    const res = await fetch(`${t.url}/bc-authorize`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${client}:secret-of-${client}`).toString('base64')}` },
      body: new URLSearchParams(form).toString(),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { auth_req_id: string }).auth_req_id;
  };

  beforeAll(async () => {
    t = await startTestService({ CIBA_DEFAULT_INTERVAL: '3' });
    t.directory.addClient('poller');
    t.directory.addClient('pinger', { backchannel_token_delivery_mode: 'ping' });
    t.directory.addClient('pusher', { backchannel_token_delivery_mode: 'push' });
    t.directory.addUser('alice', { hints: ['alice@example.com'] });
    pollId = await accept('poller', { scope: 'openid profile', login_hint: 'alice@example.com', binding_message: 'W4SP', acr_values: 'loa2', requested_expiry: '90' });
    pingId = await accept('pinger', { scope: 'openid', login_hint: 'alice@example.com', client_notification_token: 'cnt-secret-0123' });
    pushId = await accept('pusher', { scope: 'openid', login_hint: 'alice@example.com', client_notification_token: 'push-cnt-4567' });
  });
  afterAll(() => t.dispose());

  it('findByAuthReqIdHash: finds a request by the SHA-256 of its auth_req_id', async () => {
    const view = await t.service.authRequests.findByAuthReqIdHash(sha256(pollId));
    expect(authRequestView.strict().parse(view)).toEqual({
      request_id: expect.any(String),
      auth_req_id_hash: sha256(pollId),
      client_id: 'poller',
      sub: 'alice',
      scope: 'openid profile',
      acr_values: 'loa2',
      binding_message: 'W4SP',
      delivery_mode: 'poll',
      interval: 3,
      expires_at: expect.any(String),
      requested_at: expect.any(String),
    });
    expect(Date.parse(view!.expires_at) - Date.parse(view!.requested_at)).toBe(90_000);
  });

  it('findByAuthReqIdHash: null for the raw auth_req_id or an unknown hash', async () => {
    await expect(t.service.authRequests.findByAuthReqIdHash(pollId)).resolves.toBeNull();
    await expect(t.service.authRequests.findByAuthReqIdHash(sha256('unknown'))).resolves.toBeNull();
  });

  it('findByRequestId: finds the same request; leaves out what was not sent', async () => {
    const byHash = await t.service.authRequests.findByAuthReqIdHash(sha256(pingId));
    const byId = await t.service.authRequests.findByRequestId(byHash!.request_id);
    expect(byId).toEqual(byHash);
    expect(byId).not.toHaveProperty('acr_values');
    expect(byId).not.toHaveProperty('binding_message');
    expect(byId).toMatchObject({ delivery_mode: 'ping', client_id: 'pinger' });
  });

  it('findByRequestId: null for an unknown or malformed id', async () => {
    await expect(t.service.authRequests.findByRequestId(randomUUID())).resolves.toBeNull();
    await expect(t.service.authRequests.findByRequestId('not-a-uuid')).resolves.toBeNull();
  });

  it('getNotificationTarget: the auth_req_id and client_notification_token of a ping or push request', async () => {
    const ping = await t.service.authRequests.findByAuthReqIdHash(sha256(pingId));
    const push = await t.service.authRequests.findByAuthReqIdHash(sha256(pushId));
    await expect(t.service.authRequests.getNotificationTarget(ping!.request_id)).resolves.toEqual({
      auth_req_id: pingId,
      client_notification_token: 'cnt-secret-0123',
      delivery_mode: 'ping',
      client_id: 'pinger',
    });
    await expect(t.service.authRequests.getNotificationTarget(push!.request_id)).resolves.toEqual({
      auth_req_id: pushId,
      client_notification_token: 'push-cnt-4567',
      delivery_mode: 'push',
      client_id: 'pusher',
    });
  });

  it('getNotificationTarget: null for poll, unknown and malformed request ids', async () => {
    const poll = await t.service.authRequests.findByAuthReqIdHash(sha256(pollId));
    await expect(t.service.authRequests.getNotificationTarget(poll!.request_id)).resolves.toBeNull();
    await expect(t.service.authRequests.getNotificationTarget(randomUUID())).resolves.toBeNull();
    await expect(t.service.authRequests.getNotificationTarget('nope')).resolves.toBeNull();
  });

  it('stores the auth_req_id of ping and push requests only; poll rows keep only its hash', async () => {
    const { rows } = await t.db.query<{ auth_req_id_hash: string; auth_req_id: string | null }>(`SELECT auth_req_id_hash, auth_req_id FROM "${t.schema}".auth_requests`);
    const byHash = new Map(rows.map((r) => [r.auth_req_id_hash, r.auth_req_id]));
    expect(byHash.get(sha256(pollId))).toBeNull();
    expect(byHash.get(sha256(pingId))).toBe(pingId);
    expect(byHash.get(sha256(pushId))).toBe(pushId);
  });

  it('the views never carry the auth_req_id or the client_notification_token', async () => {
    const ping = await t.service.authRequests.findByAuthReqIdHash(sha256(pingId));
    expect(JSON.stringify(ping)).not.toContain('cnt-secret-0123');
    expect(JSON.stringify(ping)).not.toContain(pingId);
  });
});
