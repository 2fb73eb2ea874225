import type { ClientView } from '@ciba/contracts';
import { checkCibaGrant } from '../../../../src/domain/grants/check-ciba-grant.ts';
import type { CibaGrant } from '../../../../src/domain/grants/ciba-grant.ts';

const now = new Date('2026-11-22T10:00:00Z');
const client: ClientView = {
  client_id: 'rp-1',
  grant_types: ['urn:openid:params:grant-type:ciba'],
  token_endpoint_auth_method: 'client_secret_basic',
  backchannel_token_delivery_mode: 'poll',
  backchannel_user_code_parameter: false,
  id_token_signed_response_alg: 'RS256',
};
const grant = (overrides: Partial<CibaGrant> = {}): CibaGrant => ({
  authReqIdHash: 'h',
  requestId: '5f0c6a86-5b7e-4b8e-9d5c-3c1e0f3f4a11',
  clientId: 'rp-1',
  sub: 'alice',
  scope: 'openid',
  acrValues: null,
  deliveryMode: 'poll',
  interval: 5,
  expiresAt: new Date(now.getTime() + 60_000),
  status: 'pending',
  decidedAt: null,
  lastPolledAt: null,
  redeemedAt: null,
  requestedAt: now,
  ...overrides,
});

const failure = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    const e = err as { error: string; message: string; status: number };
    return { error: e.error, description: e.message, status: e.status };
  }
  throw new Error('expected an OAuth error');
};

describe('checkCibaGrant', () => {
  it('answers pending and approved grants of the client', () => {
    expect(checkCibaGrant(grant(), client, now)).toBe('pending');
    expect(checkCibaGrant(grant({ status: 'approved' }), client, now)).toBe('approved');
    expect(checkCibaGrant(grant({ status: 'approved', deliveryMode: 'ping' }), { ...client, backchannel_token_delivery_mode: 'ping' }, now)).toBe('approved');
  });

  it('auth_req_id unknown → invalid_grant', () => {
    expect(failure(() => checkCibaGrant(null, client, now))).toEqual({ error: 'invalid_grant', description: 'auth_req_id is unknown', status: 400 });
  });

  it('auth_req_id of another client → invalid_grant, told apart from nothing', () => {
    expect(failure(() => checkCibaGrant(grant({ clientId: 'rp-2', status: 'approved' }), client, now))).toEqual({ error: 'invalid_grant', description: 'auth_req_id is unknown', status: 400 });
  });

  it('push mode (grant or client) → unauthorized_client', () => {
    const expected = { error: 'unauthorized_client', description: 'push mode clients receive tokens at their notification endpoint and do not poll', status: 400 };
    expect(failure(() => checkCibaGrant(grant({ deliveryMode: 'push' }), client, now))).toEqual(expected);
    expect(failure(() => checkCibaGrant(grant(), { ...client, backchannel_token_delivery_mode: 'push' }, now))).toEqual(expected);
  });

  it('redeemed → invalid_grant, even past expiry', () => {
    const expected = { error: 'invalid_grant', description: 'auth_req_id has already been redeemed', status: 400 };
    expect(failure(() => checkCibaGrant(grant({ status: 'redeemed' }), client, now))).toEqual(expected);
    expect(failure(() => checkCibaGrant(grant({ status: 'redeemed', expiresAt: new Date(0) }), client, now))).toEqual(expected);
  });

  it('expired status or expires_at reached → expired_token, whatever the decision', () => {
    const expected = { error: 'expired_token', description: 'auth_req_id has expired', status: 400 };
    expect(failure(() => checkCibaGrant(grant({ status: 'expired' }), client, now))).toEqual(expected);
    expect(failure(() => checkCibaGrant(grant({ expiresAt: now }), client, now))).toEqual(expected);
    expect(failure(() => checkCibaGrant(grant({ status: 'approved', expiresAt: now }), client, now))).toEqual(expected);
    expect(failure(() => checkCibaGrant(grant({ status: 'denied', expiresAt: now }), client, now))).toEqual(expected);
  });

  it('denied → access_denied (400 at the token endpoint)', () => {
    expect(failure(() => checkCibaGrant(grant({ status: 'denied' }), client, now))).toEqual({ error: 'access_denied', description: 'the end-user denied the authorization request', status: 400 });
  });
});
