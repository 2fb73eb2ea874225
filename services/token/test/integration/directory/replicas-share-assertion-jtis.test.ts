import { randomBytes, randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { createLogger, createPgPool } from '@ciba/service-kit';
import { createTokenDb } from '../../../src/adapters/db/prisma-client.ts';
import { CLIENT_ASSERTION_TYPE } from '../../../src/client-auth/client-assertion-type.ts';
import { createTokenDirectory } from '../../../src/directory/create-token-directory.ts';
import type { TokenDirectory } from '../../../src/directory/token-directory.ts';
import { startTokenHarness, type TokenHarness } from '../../support/token-harness.ts';
import { readJson } from '../../support/read-json.ts';
import { TEST_ADMIN_TOKEN } from '../../support/test-config.ts';

// Two replicas of the token service (each its own pool, caches and directory) over one database: a
// client assertion accepted by one is a replay for the other, for every JWT method.
let h: TokenHarness;
let replica: { directory: TokenDirectory; close(): Promise<void> };

async function register(body: object): Promise<{ client_id: string; client_secret?: string }> {
  const res = await h.fetch('/register', { method: 'POST', headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBe(201);
  return readJson(res);
}

beforeAll(async () => {
  h = await startTokenHarness({ CLIENT_SECRET_ENCRYPTION_KEY: randomBytes(32).toString('base64url') });
  const pool = createPgPool(h.config.databaseUrl, { schema: h.schema });
  const db = createTokenDb(pool, h.schema);
  replica = {
    directory: createTokenDirectory({ config: h.config, db, pool, keys: h.keys, logger: createLogger('replica', 'silent') }),
    async close() {
      await db.$disconnect();
      await pool.end();
    },
  };
});
afterAll(async () => {
  await replica?.close();
  await h?.close();
});

const now = () => Math.floor(Date.now() / 1000);
const claims = (clientId: string) => ({ iss: clientId, sub: clientId, aud: h.config.issuer, jti: randomUUID(), exp: now() + 60 });
const creds = (jwt: string) => ({ client_assertion_type: CLIENT_ASSERTION_TYPE, client_assertion: jwt, endpoint: `${h.config.issuer}/token` });

describe('assertion jti replay across replicas', () => {
  it('private_key_jwt: accepted by one replica, refused by the other', async () => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    const { client_id } = await register({ token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k' }] } });
    const jwt = await new SignJWT(claims(client_id)).setProtectedHeader({ alg: 'ES256', kid: 'k' }).sign(pair.privateKey);
    await expect(h.directory.authenticateClient(creds(jwt))).resolves.toMatchObject({ client_id });
    await expect(replica.directory.authenticateClient(creds(jwt))).rejects.toMatchObject({ error: 'invalid_client', message: 'client assertion has already been used' });
  });

  it('client_secret_jwt: the sealed secret opens on the other replica, and the jti is shared', async () => {
    const { client_id, client_secret } = await register({ token_endpoint_auth_method: 'client_secret_jwt' });
    const jwt = await new SignJWT(claims(client_id)).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(client_secret!));
    await expect(replica.directory.authenticateClient(creds(jwt))).resolves.toMatchObject({ client_id, token_endpoint_auth_method: 'client_secret_jwt' });
    await expect(h.directory.authenticateClient(creds(jwt))).rejects.toMatchObject({ error: 'invalid_client', message: 'client assertion has already been used' });
  });
});
