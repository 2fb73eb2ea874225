import { randomBytes } from 'node:crypto';
import { jwtVerify, type JWTPayload } from 'jose';
import { startLoopbackServer, type Answer, type ReceivedRequest } from './loopback-server.ts';
import { serviceAccountFixture, type ServiceAccountFixture } from './service-account-fixture.ts';

export interface GoogleStandIn {
  /** `http://127.0.0.1:<port>`: FCM's base URL. */
  url: string;
  /** `<url>/token`: the service account's `token_uri`. */
  tokenUri: string;
  /** The service account Google knows (its key file, with `token_uri` pointing here). */
  serviceAccount: ServiceAccountFixture;
  /** Every token request, with the assertion's verified header and claims (or why it was refused). */
  tokenRequests: Array<{ header?: Record<string, unknown>; claims?: JWTPayload; refused?: string }>;
  /** Every `messages:send` the stand-in accepted the bearer of, with the token used and the parsed body. */
  sends: Array<{ path: string; accessToken: string; body: { message: Record<string, unknown> } }>;
  /** `messages:send` calls refused 401 (unknown or revoked bearer). */
  unauthorized: number;
  /** `expires_in` of the next tokens issued. @defaultValue 3600 */
  expiresIn: number;
  /** Answers of the token endpoint instead of a token, taken in order. */
  tokenAnswers: Answer[];
  /** Answers of `messages:send` once the bearer is accepted, taken in order; then 200. */
  fcmAnswers: Answer[];
  /** Revokes an issued access token: FCM answers 401 to it from now on. */
  revoke(accessToken: string): void;
  close(): Promise<void>;
}

/**
 * Google on 127.0.0.1: the OAuth 2.0 token endpoint (verifies the JWT-bearer assertion against the
 * service account's public key: RS256, `iss`, `aud`, `scope`, at most an hour) and FCM's
 * `messages:send` (accepts only a bearer it issued and did not revoke).
 */
export async function startGoogle(): Promise<GoogleStandIn> {
  const issued = new Set<string>();
  let account: ServiceAccountFixture['account'];
  let publicKey: ServiceAccountFixture['publicKey'];
  const google: GoogleStandIn = {
    url: '',
    tokenUri: '',
    serviceAccount: undefined as unknown as ServiceAccountFixture,
    tokenRequests: [],
    sends: [],
    unauthorized: 0,
    expiresIn: 3600,
    tokenAnswers: [],
    fcmAnswers: [],
    revoke: (token) => void issued.delete(token),
    close: async () => {},
  };

  const token = async (request: ReceivedRequest): Promise<Answer> => {
    const form = new URLSearchParams(request.body.toString('utf8'));
    if (request.headers['content-type'] !== 'application/x-www-form-urlencoded' || form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
      google.tokenRequests.push({ refused: 'grant_type' });
      return { status: 400, body: { error: 'unsupported_grant_type' } };
    }
    try {
      const { payload, protectedHeader } = await jwtVerify(form.get('assertion') ?? '', publicKey, { algorithms: ['RS256'], issuer: account.client_email, audience: google.tokenUri, requiredClaims: ['iat', 'exp'] });
      if (payload.scope !== 'https://www.googleapis.com/auth/firebase.messaging') throw new Error('scope');
      if (payload.exp! - payload.iat! > 3600) throw new Error('lifetime');
      google.tokenRequests.push({ header: protectedHeader as Record<string, unknown>, claims: payload });
    } catch (err) {
      google.tokenRequests.push({ refused: (err as Error).message });
      return { status: 400, body: { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' } };
    }
    const scripted = google.tokenAnswers.shift();
    if (scripted) return scripted;
    const accessToken = `ya29.${randomBytes(24).toString('base64url')}`;
    issued.add(accessToken);
    return { status: 200, body: { access_token: accessToken, expires_in: google.expiresIn, token_type: 'Bearer' } };
  };

  const send = (request: ReceivedRequest): Answer => {
    const accessToken = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (!accessToken || !issued.has(accessToken) || request.headers['content-type'] !== 'application/json') {
      google.unauthorized += 1;
      return { status: 401, body: { error: { code: 401, status: 'UNAUTHENTICATED', message: 'Request had invalid authentication credentials.' } } };
    }
    google.sends.push({ path: request.path, accessToken, body: JSON.parse(request.body.toString('utf8')) });
    return google.fcmAnswers.shift() ?? { status: 200, body: { name: `projects/${account.project_id}/messages/0:${randomBytes(8).toString('hex')}` } };
  };

  const server = await startLoopbackServer(async (request) => {
    if (request.method === 'POST' && request.path === '/token') return token(request);
    if (request.method === 'POST' && request.path === `/v1/projects/${account.project_id}/messages:send`) return send(request);
    return { status: 404, body: { error: { code: 404, status: 'NOT_FOUND' } } };
  });
  google.url = server.url;
  google.tokenUri = `${server.url}/token`;
  google.serviceAccount = serviceAccountFixture(google.tokenUri);
  ({ account, publicKey } = google.serviceAccount);
  google.close = server.close;
  return google;
}
