import { randomUUID } from 'node:crypto';
import type { PushTokenSet, TokenIssuerPort } from '@ciba/contracts';
import { TemporarilyUnavailable } from '@ciba/contracts/oauth-errors';
import type { ClientNotification } from '../../../src/domain/client-notification.ts';
import type { DeliveryDeps } from '../../../src/delivery/delivery-deps.ts';
import { prepareBody } from '../../../src/delivery/prepare-body.ts';
import { silentLogger } from '../../support/silent-logger.ts';

const TOKENS: PushTokenSet = { access_token: 'at', token_type: 'Bearer', expires_in: 600, refresh_token: 'rt', id_token: 'idt', scope: 'openid' };
const target = { auth_req_id: 'the-auth-req-id', client_notification_token: 'cnt', delivery_mode: 'ping' as const, client_id: 'rp' };

function notification(mode: 'ping' | 'push', outcome: 'approved' | 'denied' | 'expired'): ClientNotification {
  const now = new Date();
  return { requestId: randomUUID(), clientId: 'rp', mode, outcome, status: 'pending', attempts: 0, lastStatus: null, lastError: null, failureReason: null, decidedAt: now, createdAt: now, updatedAt: now, deliveredAt: null, leaseUntil: null };
}

function deps(issuer: Partial<TokenIssuerPort> = {}): DeliveryDeps & { calls: string[] } {
  const calls: string[] = [];
  const tokenIssuer: TokenIssuerPort = {
    issuePushTokens: async () => (calls.push('issuePushTokens'), TOKENS),
    revokePushTokens: async () => (calls.push('revokePushTokens'), true),
    isDecisionSettled: async () => (calls.push('isDecisionSettled'), true),
    ...issuer,
  };
  return {
    calls,
    store: {} as DeliveryDeps['store'],
    authRequests: { getNotificationTarget: async () => target },
    directory: { getClient: async () => null },
    tokenIssuer,
    send: async () => ({ status: 200 }),
    logger: silentLogger,
    now: () => new Date(),
    settle: { waitMs: 300, stepMs: 10 }, // room for three looks on a loaded machine
    leaseMs: 1000,
  };
}

describe('prepareBody', () => {
  it.each(['approved', 'denied', 'expired'] as const)('ping %s: exactly { auth_req_id }', async (outcome) => {
    const d = deps();
    await expect(prepareBody(d, notification('ping', outcome), target, false)).resolves.toEqual({
      kind: 'send',
      body: { auth_req_id: 'the-auth-req-id' },
      told: outcome,
      carriesTokens: false,
    });
    expect(d.calls).not.toContain('issuePushTokens');
  });

  it('ping approved or denied waits until the token endpoint knows the decision; expired does not ask', async () => {
    let looks = 0;
    const d = deps({ isDecisionSettled: async () => ++looks >= 3 });
    await expect(prepareBody(d, notification('ping', 'approved'), target, false)).resolves.toMatchObject({ kind: 'send' });
    expect(looks).toBe(3);
    const e = deps();
    await prepareBody(e, notification('ping', 'expired'), target, false);
    expect(e.calls).toEqual([]);
  });

  it('ping: not settled in time → not_ready (retry later); on the last run it is sent anyway', async () => {
    const d = deps({ isDecisionSettled: async () => false });
    await expect(prepareBody(d, notification('ping', 'denied'), target, false)).resolves.toEqual({ kind: 'not_ready', errorCode: 'decision_not_settled' });
    await expect(prepareBody(d, notification('ping', 'denied'), target, true)).resolves.toMatchObject({ kind: 'send', body: { auth_req_id: 'the-auth-req-id' } });
  });

  it('push approved: the token response plus auth_req_id, carrying tokens', async () => {
    const d = deps();
    await expect(prepareBody(d, notification('push', 'approved'), target, false)).resolves.toEqual({
      kind: 'send',
      body: { auth_req_id: 'the-auth-req-id', ...TOKENS },
      told: 'approved',
      carriesTokens: true,
    });
    expect(d.calls).toEqual(['isDecisionSettled', 'issuePushTokens']);
  });

  it('push denied → access_denied; expired → expired_token; no tokens issued', async () => {
    const d = deps();
    await expect(prepareBody(d, notification('push', 'denied'), target, false)).resolves.toEqual({
      kind: 'send',
      body: { auth_req_id: 'the-auth-req-id', error: 'access_denied', error_description: 'the end-user denied the authorization request' },
      told: 'denied',
      carriesTokens: false,
    });
    await expect(prepareBody(d, notification('push', 'expired'), target, false)).resolves.toMatchObject({
      body: { auth_req_id: 'the-auth-req-id', error: 'expired_token', error_description: 'the auth_req_id has expired' },
      told: 'expired',
    });
    expect(d.calls).toEqual([]);
  });

  it('push approved but the token service refuses for good (null) → transaction_failed', async () => {
    const d = deps({ issuePushTokens: async () => null });
    await expect(prepareBody(d, notification('push', 'approved'), target, false)).resolves.toEqual({
      kind: 'send',
      body: { auth_req_id: 'the-auth-req-id', error: 'transaction_failed', error_description: 'the authorization server could not complete the request' },
      told: 'failed',
      carriesTokens: false,
    });
  });

  it('push approved, issuing fails for now → not_ready; on the last run → transaction_failed', async () => {
    const d = deps({
      issuePushTokens: async () => {
        throw new TemporarilyUnavailable('down');
      },
    });
    await expect(prepareBody(d, notification('push', 'approved'), target, false)).resolves.toEqual({ kind: 'not_ready', errorCode: 'tokens_unavailable' });
    await expect(prepareBody(d, notification('push', 'approved'), target, true)).resolves.toMatchObject({ kind: 'send', body: { error: 'transaction_failed' } });
  });
});
