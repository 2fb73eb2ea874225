import { createHash, randomUUID } from 'node:crypto';
import { authRequestCreatedV1, TOPICS } from '@ciba/contracts';
import type { ClientView, UserView } from '@ciba/contracts';
import { persistRequest } from '../../../../src/routes/backchannel-authentication/persist-request.ts';
import { backchannelContext } from '../../../support/backchannel-context.ts';
import { createTestDirectory, type TestDirectory } from '../../../support/test-directory.ts';

const NOW = new Date('2026-11-22T10:00:00.000Z');

describe('persistRequest', () => {
  let directory: TestDirectory;
  let user: UserView;
  beforeAll(async () => {
    directory = await createTestDirectory();
    user = directory.addUser('alice').view;
  });

  const settledCtx = (client: ClientView, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    backchannelContext(
      directory,
      {
        client,
        user,
        scope: 'openid email',
        params: { scope: 'openid email', login_hint: 'alice@example.com', binding_message: 'W4SP', acr_values: 'loa2' },
        expiresIn: 120,
        requestedExpiry: 120,
        deliveryMode: client.backchannel_token_delivery_mode ?? 'poll',
        requestId: randomUUID(),
        ...extra,
      },
      { now: NOW, headers },
    );

  it('stores the request by the hash of a fresh 256-bit auth_req_id, with its created event', async () => {
    const { ctx, store } = settledCtx(directory.addClient('rp').view, {}, { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' });
    await persistRequest(ctx);
    const { authReqId, expiresIn, interval } = ctx.result!;
    expect(authReqId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(expiresIn).toBe(120);
    expect(interval).toBe(5);
    const hash = createHash('sha256').update(authReqId).digest('base64url');
    const [request] = store.requests;
    expect(request).toEqual({
      requestId: ctx.requestId, // the id the prompt limits counted
      authReqIdHash: hash,
      clientId: 'rp',
      sub: 'alice',
      scope: 'openid email',
      acrValues: 'loa2',
      bindingMessage: 'W4SP',
      deliveryMode: 'poll',
      interval: 5,
      requestedExpiry: 120,
      requestedAt: NOW,
      expiresAt: new Date(NOW.getTime() + 120_000),
      clientNotificationToken: undefined,
    });
    expect(JSON.stringify(store)).not.toContain(authReqId);
    const [event] = store.events;
    expect(event!.topic).toBe(TOPICS.authRequests);
    expect(event!.key).toBe(request!.requestId);
    const envelope = authRequestCreatedV1.parse(event!.envelope);
    expect(envelope).toMatchObject({
      type: 'ciba.auth_request.created.v1',
      source: '/services/auth-endpoint',
      subject: request!.requestId,
      time: NOW.toISOString(),
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      data: {
        request_id: request!.requestId,
        auth_req_id_hash: hash,
        client_id: 'rp',
        sub: 'alice',
        scope: 'openid email',
        acr_values: 'loa2',
        binding_message: 'W4SP',
        delivery_mode: 'poll',
        interval: 5,
        expires_at: '2026-11-22T10:02:00.000Z',
        requested_at: NOW.toISOString(),
      },
    });
    expect(event!.id).toBe(envelope.id);
  });

  it('ping mode: keeps the client_notification_token and the auth_req_id in the row, never in the event', async () => {
    const { ctx, store } = settledCtx(directory.addClient('pinger', { backchannel_token_delivery_mode: 'ping' }).view, { clientNotificationToken: 'cnt-secret-value' });
    await persistRequest(ctx);
    const authReqId = ctx.result!.authReqId;
    expect(store.requests[0]).toMatchObject({ clientNotificationToken: 'cnt-secret-value', authReqId, deliveryMode: 'ping' });
    expect(JSON.stringify(store.events)).not.toContain('cnt-secret-value');
    expect(JSON.stringify(store.events)).not.toContain(authReqId);
    expect(ctx.result!.interval).toBe(5);
  });

  it('push mode: keeps the auth_req_id for the push; no interval in the result', async () => {
    const { ctx, store } = settledCtx(directory.addClient('pusher', { backchannel_token_delivery_mode: 'push' }).view, { clientNotificationToken: 'cnt' });
    await persistRequest(ctx);
    expect(ctx.result).toEqual({ authReqId: expect.any(String), expiresIn: 120 });
    expect(store.requests[0]!.authReqId).toBe(ctx.result!.authReqId);
    expect(JSON.stringify(store.events)).not.toContain(ctx.result!.authReqId);
  });

  it('leaves out a malformed traceparent and the optional fields not sent', async () => {
    const { ctx, store } = settledCtx(directory.addClient('rp').view, { params: { scope: 'openid', login_hint: 'x' } }, { traceparent: 'nonsense' });
    await persistRequest(ctx);
    const envelope = store.events[0]!.envelope as Record<string, unknown>;
    expect(envelope).not.toHaveProperty('traceparent');
    expect(envelope.data).not.toHaveProperty('acr_values');
    expect(envelope.data).not.toHaveProperty('binding_message');
  });
});
