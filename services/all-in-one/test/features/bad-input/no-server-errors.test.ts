import fc from 'fast-check';
import { startTestSystem, type TestSystem } from '../../support/start-test-system.ts';
import { adminCall, CIBA_GRANT } from '../../support/ciba-fixture.ts';

/**
 * Every bad input gets an OAuth (4xx) answer, never a 5xx: arbitrary bytes, percent-encoded, in each
 * parameter of each public endpoint (and in the credentials), the other parameters valid. The
 * bytes include NUL and invalid UTF-8, which PostgreSQL refuses to store or compare.
 */
let system: TestSystem;
let basic: string;
let clientId: string;
let clientSecret: string;

const RUNS = 25;
const bytes = fc.uint8Array({ maxLength: 40 });
/** Biased toward what breaks storage: NUL, invalid UTF-8, quotes, backslashes, control characters. */
const nasty = fc.oneof(bytes, fc.constantFrom(Uint8Array.of(0), Uint8Array.of(0xff, 0xfe, 0), Uint8Array.of(0x22, 0x5c, 0x0a), Uint8Array.of(0xc3)));
const percent = (value: Uint8Array) => [...value].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
const form = (fields: Record<string, string>) => Object.entries(fields).map(([k, v]) => `${k}=${v}`).join('&');

async function post(path: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${system.url}${path}`, { method: 'POST', headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded', ...headers }, body });
}

/** Runs `property` over arbitrary bytes and checks every answer is below 500. */
async function neverServerError(send: (value: Uint8Array) => Promise<Response>): Promise<void> {
  await fc.assert(
    fc.asyncProperty(nasty, async (value) => {
      const res = await send(value);
      const text = await res.text();
      if (res.status >= 500) throw new Error(`${res.status} for ${percent(value)}: ${text}`);
    }),
    { numRuns: RUNS },
  );
}

const valid = { scope: 'openid', login_hint: 'alice@example.com', binding_message: 'W4SP' };

beforeAll(async () => {
  system = await startTestSystem();
  const res = await adminCall(system, 'POST', '/register', { grant_types: [CIBA_GRANT, 'refresh_token'], backchannel_token_delivery_mode: 'poll', scope: 'openid profile' });
  const registered = (await res.json()) as { client_id: string; client_secret: string };
  clientId = registered.client_id;
  clientSecret = registered.client_secret;
  basic = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
  await adminCall(system, 'PUT', '/admin/users/alice', { login_hints: ['alice@example.com'], claims: { name: 'Alice' }, channels: [] });
}, 60_000);

afterAll(async () => {
  await system?.dispose();
});

describe('no 5xx for arbitrary bytes in any parameter', () => {
  it.each(['scope', 'login_hint', 'login_hint_token', 'id_token_hint', 'binding_message', 'user_code', 'requested_expiry', 'client_notification_token', 'acr_values', 'request'])(
    'POST /bc-authorize %s',
    async (name) => {
      const base = name.endsWith('_hint') || name === 'login_hint_token' ? { scope: 'openid', binding_message: 'W4SP' } : valid;
      await neverServerError((value) => post('/bc-authorize', form({ ...base, [name]: percent(value) })));
    },
  );

  it.each(['client_id', 'client_secret', 'client_assertion', 'client_assertion_type'])('POST /bc-authorize and /token credentials: %s in the body', async (name) => {
    const creds = { client_id: clientId, client_secret: clientSecret, [name]: '' };
    await neverServerError(async (value) => {
      const body = form({ ...valid, ...creds, [name]: percent(value) });
      const first = await post('/bc-authorize', body, { authorization: '' });
      if (first.status >= 500) return first;
      return post('/token', form({ grant_type: CIBA_GRANT, auth_req_id: 'x', ...creds, [name]: percent(value) }), { authorization: '' });
    });
  });

  it('Authorization: Basic with arbitrary bytes as id and secret', async () => {
    await neverServerError((value) => post('/bc-authorize', form(valid), { authorization: `Basic ${Buffer.concat([Buffer.from(value), Buffer.from(':'), Buffer.from(value)]).toString('base64')}` }));
  });

  it.each([
    ['grant_type', { auth_req_id: 'x' }],
    ['auth_req_id', { grant_type: CIBA_GRANT }],
    ['refresh_token', { grant_type: 'refresh_token' }],
    ['scope', { grant_type: 'refresh_token', refresh_token: 'x' }],
  ] as const)('POST /token %s', async (name, rest) => {
    await neverServerError((value) => post('/token', form({ ...rest, [name]: percent(value) })));
  });

  it.each(['/introspect', '/revoke'])('POST %s token and token_type_hint', async (path) => {
    await neverServerError(async (value) => {
      const first = await post(path, form({ token: percent(value) }));
      if (first.status >= 500) return first;
      return post(path, form({ token: 'x', token_type_hint: percent(value) }));
    });
  });

  it('GET /userinfo with an arbitrary bearer', async () => {
    await neverServerError((value) => fetch(`${system.url}/userinfo`, { headers: { authorization: `Bearer ${Buffer.from(value).toString('latin1').replace(/[\x00-\x08\x0a-\x1f\x7f]/g, '').trim()}` } }));
  });

  it('POST /register with arbitrary strings in its metadata', async () => {
    await neverServerError(async (value) => {
      const text = Buffer.from(value).toString('utf8');
      for (const field of ['client_name', 'backchannel_client_notification_endpoint', 'scope', 'token_endpoint_auth_method', 'backchannel_token_delivery_mode', 'jwks_uri']) {
        const res = await adminCall(system, 'POST', '/register', { grant_types: [CIBA_GRANT], backchannel_token_delivery_mode: 'poll', [field]: text });
        if (res.status >= 500) return res;
      }
      return adminCall(system, 'POST', '/register', { grant_types: [CIBA_GRANT], backchannel_token_delivery_mode: 'poll', jwks: { keys: [{ kty: text }] } });
    });
  });

  it('PUT /admin/users/{sub} with arbitrary strings in the path, hints, claims and channels', async () => {
    await neverServerError(async (value) => {
      const text = Buffer.from(value).toString('utf8');
      const bodies = [
        { login_hints: [text] },
        { claims: { name: text, [text || 'k']: 1 } },
        { user_code: text },
        { channels: [{ type: 'email', address: text }] },
        { channels: [{ type: 'webhook', url: text }] },
        { channels: [{ type: 'plugin', name: 'chat', target: text }] },
      ];
      for (const body of bodies) {
        const res = await adminCall(system, 'PUT', `/admin/users/fuzz-${percent(value.slice(0, 8))}`, body);
        if (res.status >= 500) return res;
      }
      return adminCall(system, 'GET', `/admin/users/${percent(value)}`);
    });
  });

  it('POST /device/decisions/{prompt_id} with arbitrary ids, tokens and bodies', async () => {
    await neverServerError(async (value) => {
      const url = `${system.url}/device/decisions/${percent(value)}`;
      const first = await fetch(url, { method: 'POST', headers: { authorization: 'Bearer x', 'content-type': 'application/json' }, body: '{"decision":"approve"}' });
      if (first.status >= 500) return first;
      return fetch(`${system.url}/device/decisions/x`, { method: 'POST', headers: { authorization: 'Bearer x', 'content-type': 'application/json' }, body: Buffer.from(value) });
    });
  });

  it('GET /admin/notifications/{id} with arbitrary ids', async () => {
    await neverServerError((value) => adminCall(system, 'GET', `/admin/notifications/${percent(value)}`));
  });
});
