import { randomUUID } from 'node:crypto';
import { request, type RequestListener } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { startTestSystem, type TestSystem } from '../../support/start-test-system.ts';
import { adminCall, CIBA_GRANT } from '../../support/ciba-fixture.ts';
import { CERT_HEADER, MTLS_TEST_ENV, register } from '../../support/mtls-fixture.ts';
import { issueClientCertificate, testCa } from '../../support/test-certificates.ts';

/**
 * POST /token and POST /bc-authorize are served from the server's request event (`hotRoutes`), not
 * by Express. Every case below goes once through the app alone (the server's listener swapped for
 * `system.app`) and once through the hot path; what a client sees, status, the headers that matter
 * and the body, must be the same byte for byte (generated ids aside).
 */
let system: TestSystem;
let basic: string;
let mtlsClient: string;
let certificateHeader: string;
let dpopKey: Awaited<ReturnType<typeof generateKeyPair>>;

const HEADERS = ['content-type', 'cache-control', 'pragma', 'www-authenticate', 'retry-after', 'dpop-nonce', 'allow', 'x-powered-by'];
const FORM = 'application/x-www-form-urlencoded';

interface Case {
  name: string;
  method?: string;
  path: string;
  headers?: () => Record<string, string> | Promise<Record<string, string>>;
  body?: () => string | Buffer | Promise<string | Buffer>;
  /** Sent chunked, without Content-Length. */
  chunked?: boolean;
}

interface Answer {
  status: number;
  headers: Record<string, string | undefined>;
  headerNames: string[];
  body: unknown;
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const bcForm = form({ scope: 'openid', login_hint: 'alice@example.com', binding_message: 'W4SP' });

async function pendingAuthReqId(): Promise<string> {
  const res = await fetch(`${system.url}/bc-authorize`, { method: 'POST', headers: { authorization: basic, 'content-type': FORM }, body: bcForm });
  return ((await res.json()) as { auth_req_id: string }).auth_req_id;
}

async function dpopProof(): Promise<string> {
  return new SignJWT({ jti: randomUUID(), htm: 'POST', htu: `${system.issuer}/token`, iat: Math.floor(Date.now() / 1000) })
    .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk: await exportJWK(dpopKey.publicKey) })
    .sign(dpopKey.privateKey);
}

const auth = () => ({ authorization: basic, 'content-type': FORM });
const CASES: Case[] = [
  { name: 'bc-authorize accepted', path: '/bc-authorize', headers: auth, body: () => bcForm },
  { name: 'token poll pending', path: '/token', headers: auth, body: async () => form({ grant_type: CIBA_GRANT, auth_req_id: await pendingAuthReqId() }) },
  { name: 'token unknown auth_req_id', path: '/token', headers: auth, body: () => form({ grant_type: CIBA_GRANT, auth_req_id: 'unknown' }) },
  { name: 'token unsupported grant', path: '/token', headers: auth, body: () => form({ grant_type: 'password', username: 'a', password: 'b' }) },
  { name: 'token missing grant_type', path: '/token', headers: auth, body: () => form({ auth_req_id: 'x' }) },
  { name: 'token no client authentication', path: '/token', headers: () => ({ 'content-type': FORM }), body: () => form({ grant_type: CIBA_GRANT, auth_req_id: 'x' }) },
  { name: 'token wrong secret', path: '/token', headers: () => ({ authorization: `Basic ${Buffer.from('nobody:wrong').toString('base64')}`, 'content-type': FORM }), body: () => form({ grant_type: CIBA_GRANT, auth_req_id: 'x' }) },
  { name: 'bc-authorize no client authentication', path: '/bc-authorize', headers: () => ({ 'content-type': FORM }), body: () => bcForm },
  { name: 'bc-authorize missing scope', path: '/bc-authorize', headers: auth, body: () => form({ login_hint: 'alice@example.com' }) },
  { name: 'bc-authorize unknown user', path: '/bc-authorize', headers: auth, body: () => form({ scope: 'openid', login_hint: 'nobody@example.com' }) },
  ...['/token', '/bc-authorize'].flatMap((path): Case[] => [
    { name: `${path} JSON content type`, path, headers: () => ({ authorization: basic, 'content-type': 'application/json' }), body: () => '{"grant_type":"x"}' },
    { name: `${path} text/plain`, path, headers: () => ({ authorization: basic, 'content-type': 'text/plain' }), body: () => bcForm },
    { name: `${path} no content type`, path, headers: () => ({ authorization: basic }), body: () => bcForm },
    { name: `${path} charset utf-8`, path, headers: () => ({ authorization: basic, 'content-type': `${FORM}; charset=UTF-8` }), body: () => form({ grant_type: CIBA_GRANT, auth_req_id: 'x' }) },
    { name: `${path} charset latin-1`, path, headers: () => ({ authorization: basic, 'content-type': `${FORM}; charset=iso-8859-1` }), body: () => form({ grant_type: CIBA_GRANT, auth_req_id: 'x' }) },
    { name: `${path} oversize body`, path, headers: auth, body: () => `scope=${'a'.repeat(70 * 1024)}` },
    { name: `${path} oversize body, chunked`, path, headers: auth, body: () => `scope=${'a'.repeat(70 * 1024)}`, chunked: true },
    { name: `${path} chunked`, path, headers: auth, body: () => form({ grant_type: CIBA_GRANT, auth_req_id: 'x' }), chunked: true },
    { name: `${path} duplicate parameters`, path, headers: auth, body: () => 'scope=openid&scope=openid&grant_type=a&grant_type=a' },
    { name: `${path} JSON-ish form body`, path, headers: auth, body: () => '{"grant_type": "urn:openid:params:grant-type:ciba", "auth_req_id":' },
    { name: `${path} non-UTF-8 bytes`, path, headers: auth, body: () => Buffer.from([0x73, 0x63, 0x6f, 0x70, 0x65, 0x3d, 0xff, 0xfe, 0xc3]) },
    { name: `${path} percent-encoded invalid UTF-8`, path, headers: auth, body: () => 'scope=%ff%fe&grant_type=%c3&auth_req_id=%00' },
    { name: `${path} NUL in a value`, path, headers: auth, body: () => 'grant_type=a%00b&scope=openid%00' },
    { name: `${path} empty body`, path, headers: auth, body: () => '' },
    { name: `${path} trailing slash`, path: `${path}/`, headers: auth, body: () => form({ grant_type: CIBA_GRANT, auth_req_id: 'x' }) },
    { name: `${path} query string`, path: `${path}?grant_type=${CIBA_GRANT}`, headers: auth, body: () => form({ auth_req_id: 'x', scope: 'openid' }) },
    { name: `${path} upper case`, path: path.toUpperCase(), headers: auth, body: () => form({ grant_type: CIBA_GRANT, auth_req_id: 'x' }) },
    ...['HEAD', 'GET', 'PUT', 'DELETE', 'OPTIONS'].map((method): Case => ({ name: `${method} ${path}`, method, path, headers: auth })),
  ]),
  { name: 'token mTLS client with its certificate', path: '/token', headers: () => ({ 'content-type': FORM, [CERT_HEADER]: certificateHeader }), body: () => form({ client_id: mtlsClient, grant_type: CIBA_GRANT, auth_req_id: 'x' }) },
  { name: 'token mTLS client without a certificate', path: '/token', headers: () => ({ 'content-type': FORM }), body: () => form({ client_id: mtlsClient, grant_type: CIBA_GRANT, auth_req_id: 'x' }) },
  { name: 'token mTLS garbage certificate', path: '/token', headers: () => ({ 'content-type': FORM, [CERT_HEADER]: '%%not-a-cert' }), body: () => form({ client_id: mtlsClient, grant_type: CIBA_GRANT, auth_req_id: 'x' }) },
  { name: 'bc-authorize mTLS client', path: '/bc-authorize', headers: () => ({ 'content-type': FORM, [CERT_HEADER]: certificateHeader }), body: () => form({ client_id: mtlsClient, scope: 'openid', login_hint: 'alice@example.com' }) },
  { name: 'token DPoP proof without nonce', path: '/token', headers: async () => ({ ...auth(), dpop: await dpopProof() }), body: () => form({ grant_type: CIBA_GRANT, auth_req_id: 'x' }) },
  { name: 'token malformed DPoP', path: '/token', headers: () => ({ ...auth(), dpop: 'not.a.jwt' }), body: () => form({ grant_type: CIBA_GRANT, auth_req_id: 'x' }) },
];

/** One request with exactly these headers and bytes (fetch would add or refuse some). */
async function send(c: Case): Promise<Answer> {
  const headers = (await c.headers?.()) ?? {};
  const body = await c.body?.();
  const url = new URL(`${system.url}${c.path}`);
  return new Promise<Answer>((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, method: c.method ?? 'POST', headers: { ...headers, ...(body !== undefined && !c.chunked ? { 'content-length': String(Buffer.byteLength(body)) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          // not JSON: compared as text
        }
        if (parsed && typeof parsed === 'object' && 'auth_req_id' in parsed) (parsed as Record<string, unknown>).auth_req_id = '<auth_req_id>';
        resolve({
          status: res.statusCode!,
          headers: Object.fromEntries(HEADERS.map((name) => [name, res.headers[name] as string | undefined])),
          headerNames: Object.keys(res.headers).filter((name) => !['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length'].includes(name)).sort(),
          body: parsed,
        });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body !== undefined && c.chunked) {
      const bytes = Buffer.from(body);
      req.write(bytes.subarray(0, 10));
      req.end(bytes.subarray(10));
    } else req.end(body);
  });
}

/** Runs every case with `listener` as the server's only request listener; records which requests reached Express. */
async function answersThrough(listener: RequestListener): Promise<{ answers: Record<string, Answer>; reachedApp: string[] }> {
  const reachedApp: string[] = [];
  // Express 5's app function calls `app.handle`, which its types leave out.
  const app = system.app as unknown as { handle: (req: { method: string; url: string }, ...rest: unknown[]) => unknown };
  const handle = app.handle;
  app.handle = (req, ...rest) => {
    reachedApp.push(`${req.method} ${req.url}`);
    return handle.call(app, req, ...rest);
  };
  system.server.removeAllListeners('request');
  system.server.on('request', listener);
  const answers: Record<string, Answer> = {};
  try {
    for (const c of CASES) answers[c.name] = await send(c);
  } finally {
    app.handle = handle;
  }
  return { answers, reachedApp };
}

beforeAll(async () => {
  // Nonces required (a DPoP-Nonce answer) and stable for the test's few seconds; the tests are the trusted ingress.
  system = await startTestSystem({ ...MTLS_TEST_ENV, DPOP_REQUIRE_NONCE: 'true', DPOP_NONCE_ROTATION: '3600' });
  const res = await adminCall(system, 'POST', '/register', { grant_types: [CIBA_GRANT, 'refresh_token'], backchannel_token_delivery_mode: 'poll', scope: 'openid profile' });
  const registered = (await res.json()) as { client_id: string; client_secret: string };
  basic = `Basic ${Buffer.from(`${registered.client_id}:${registered.client_secret}`).toString('base64')}`;
  await adminCall(system, 'PUT', '/admin/users/alice', { login_hints: ['alice@example.com'], claims: { name: 'Alice' }, channels: [] });
  const ca = await testCa();
  certificateHeader = (await issueClientCertificate(ca, 'CN=rp-wire,O=Test Bank,C=GB')).header;
  mtlsClient = (await register(system, { token_endpoint_auth_method: 'tls_client_auth', tls_client_auth_subject_dn: 'CN=rp-wire,O=Test Bank,C=GB' })).body.client_id;
  dpopKey = await generateKeyPair('ES256');
}, 60_000);

afterAll(async () => {
  await system?.dispose();
});

describe('hot routes on the wire', () => {
  it('POST /token and POST /bc-authorize answer every case exactly as the Express app alone does', async () => {
    const hot = system.server.listeners('request')[0] as RequestListener;
    const viaApp = await answersThrough(system.app as unknown as RequestListener);
    const viaHot = await answersThrough(hot);
    system.server.removeAllListeners('request');
    system.server.on('request', hot);

    for (const c of CASES) expect({ case: c.name, ...viaHot.answers[c.name] }).toEqual({ case: c.name, ...viaApp.answers[c.name] });
    // The comparison is between the two paths: each case reached the one it was meant to.
    const exact = (key: string) => key === 'POST /token' || key === 'POST /bc-authorize';
    expect(viaApp.reachedApp.filter(exact).length).toBeGreaterThan(30);
    expect(viaHot.reachedApp.filter(exact)).toEqual([]);
    expect(viaHot.reachedApp.length).toBeGreaterThan(15);

    // And what both give is what the endpoints promise: no 5xx for bad input, no-store on every answer.
    const answers = viaHot.answers;
    for (const c of CASES) expect({ case: c.name, status: answers[c.name]!.status < 500 }).toEqual({ case: c.name, status: true });
    expect(answers['bc-authorize accepted']).toMatchObject({ status: 200, headers: { 'cache-control': 'no-store', pragma: 'no-cache' }, body: { auth_req_id: '<auth_req_id>' } });
    expect(answers['token poll pending']).toMatchObject({ status: 400, headers: { 'cache-control': 'no-store' }, body: { error: 'authorization_pending' } });
    expect(answers['token wrong secret']).toMatchObject({ status: 401, headers: { 'www-authenticate': expect.stringContaining('Basic') }, body: { error: 'invalid_client' } });
    expect(answers['/token oversize body']).toMatchObject({ status: 413, headers: { 'cache-control': 'no-store' } });
    expect(answers['/bc-authorize duplicate parameters']).toMatchObject({ status: 400, body: { error: 'invalid_request', error_description: 'parameter scope is repeated' } });
    expect(answers['token DPoP proof without nonce']).toMatchObject({ status: 400, headers: { 'dpop-nonce': expect.any(String) }, body: { error: 'use_dpop_nonce' } });
    expect(answers['token mTLS client with its certificate']).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect(answers['GET /bc-authorize']).toMatchObject({ status: 405, headers: { allow: 'POST' } });
    expect(answers['/token non-UTF-8 bytes']).toMatchObject({ status: 400, body: { error: 'invalid_request', error_description: 'request body is not valid UTF-8' } });
    expect(answers['bc-authorize accepted']!.headerNames).not.toContain('x-powered-by');
  }, 60_000);
});
