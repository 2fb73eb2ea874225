import { createPgPool, type PgPool } from '@ciba/service-kit';
import { createTokenDb, type TokenDb } from '../../../../src/adapters/db/prisma-client.ts';
import { signingKeyRepository } from '../../../../src/adapters/db/signing-key-repository.ts';
import { createSigningKeys } from '../../../../src/domain/keys/create-signing-keys.ts';
import { createTestSchema, dropTestSchema } from '../../../support/token-harness.ts';
import { testConfig } from '../../../support/test-config.ts';

const config = testConfig();
let schema: string;
const dbs: TokenDb[] = [];
const pools: PgPool[] = [];
const db = () => {
  const pool = createPgPool(config.databaseUrl, { schema });
  pools.push(pool);
  const d = createTokenDb(pool, schema);
  dbs.push(d);
  return d;
};

beforeAll(async () => {
  schema = await createTestSchema(config);
});
afterAll(async () => {
  await Promise.all(dbs.map((d) => d.$disconnect()));
  await Promise.all(pools.map((p) => p.end()));
  await dropTestSchema(config, schema);
});

describe('signing keys in signing_keys', () => {
  it('creates one active key per algorithm even when instances start together', async () => {
    const instances = [createSigningKeys(signingKeyRepository(db(), schema)), createSigningKeys(signingKeyRepository(db(), schema))];
    await Promise.all(instances.map((k) => k.load()));
    const rows = await db().signingKey.findMany();
    expect(rows.map((r) => r.alg).sort()).toEqual(['ES256', 'PS256', 'RS256']);
    expect(JSON.stringify(instances[0]!.jwks())).toBe(JSON.stringify(instances[1]!.jwks()));
  });

  it('a restarted instance loads the same keys and verifies earlier tokens', async () => {
    const first = createSigningKeys(signingKeyRepository(db(), schema));
    await first.load();
    const jwt = await first.sign({ sub: 'alice' }, { alg: 'ES256' });
    const second = createSigningKeys(signingKeyRepository(db(), schema));
    await second.load();
    expect((await second.verify(jwt)).payload.sub).toBe('alice');
  });

  it('keeps private key material out of the public JWKS but in the table', async () => {
    const keys = createSigningKeys(signingKeyRepository(db(), schema));
    await keys.load();
    expect(JSON.stringify(keys.jwks())).not.toMatch(/"d":/);
    const row = await db().signingKey.findFirstOrThrow({ where: { alg: 'RS256' } });
    expect(row.privateJwk).toHaveProperty('d');
    expect(row.publicJwk).not.toHaveProperty('d');
  });
});
