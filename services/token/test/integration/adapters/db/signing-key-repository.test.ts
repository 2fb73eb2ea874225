import { randomBytes } from 'node:crypto';
import { decodeProtectedHeader } from 'jose';
import { createPgPool, type PgPool } from '@ciba/service-kit';
import { localKeyEncryption } from '../../../../src/adapters/kms/local-key-encryption.ts';
import { KeyNotReadyError } from '../../../../src/domain/keys/key-not-ready-error.ts';
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
  it('creates one active and one next key per algorithm even when instances start together', async () => {
    const instances = [createSigningKeys(signingKeyRepository(db(), schema)), createSigningKeys(signingKeyRepository(db(), schema))];
    await Promise.all(instances.map((k) => k.load()));
    const rows = await db().signingKey.findMany();
    expect(rows.map((r) => `${r.alg} ${r.state}`).sort()).toEqual(['ES256 active', 'ES256 next', 'PS256 active', 'PS256 next', 'RS256 active', 'RS256 next']);
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

  it('two instances rotating at once are serialised: two rotations in turn, never two active or next keys', async () => {
    const lifecycle = { retentionS: 900, rotationIntervalS: 0, nextMinAgeS: 0 };
    const [a, b] = [createSigningKeys(signingKeyRepository(db(), schema), lifecycle), createSigningKeys(signingKeyRepository(db(), schema), lifecycle)];
    await Promise.all([a.load(), b.load()]);
    const [[first], [second]] = await Promise.all([a.rotate({ alg: 'PS256' }), b.rotate({ alg: 'PS256' })]);
    const [earlier, later] = [first!, second!].sort((x, y) => (x.next === y.activated ? -1 : 1));
    expect(later!.activated).toBe(earlier!.next);
    expect(later!.retired).toBe(earlier!.activated);
    const states = (await db().signingKey.findMany({ where: { alg: 'PS256' } })).map((r) => r.state).sort();
    expect(states).toEqual(['active', 'next', 'retired', 'retired']);
    await Promise.all([a.load(), b.load()]);
    expect(JSON.stringify(a.jwks())).toBe(JSON.stringify(b.jwks()));
  });

  it('a rotation before the next key is old enough is refused, and changes nothing', async () => {
    const keys = createSigningKeys(signingKeyRepository(db(), schema), { retentionS: 900, rotationIntervalS: 0, nextMinAgeS: 3600 });
    await keys.load();
    const before = JSON.stringify(keys.describe());
    await expect(keys.rotate({ alg: 'ES256' })).rejects.toBeInstanceOf(KeyNotReadyError);
    await keys.load();
    expect(JSON.stringify(keys.describe())).toBe(before);
  });
});

describe('private keys encrypted at rest (SIGNING_KEY_ENCRYPTION_KEY)', () => {
  const kek = () => new Uint8Array(randomBytes(32));
  let encryptedSchema: string;
  beforeAll(async () => {
    encryptedSchema = await createTestSchema(config);
  });
  afterAll(async () => {
    await dropTestSchema(config, encryptedSchema);
  });
  const encryptedDb = () => {
    const pool = createPgPool(config.databaseUrl, { schema: encryptedSchema });
    pools.push(pool);
    const d = createTokenDb(pool, encryptedSchema);
    dbs.push(d);
    return d;
  };

  it('stores only wrapped private keys, rewraps legacy clear ones and a previous KEK, and refuses a missing KEK', async () => {
    const plain = createSigningKeys(signingKeyRepository(encryptedDb(), encryptedSchema));
    await plain.load();
    const jwt = await plain.sign({ sub: 'alice' }, { alg: 'RS256' });

    const first = kek();
    const repoA = signingKeyRepository(encryptedDb(), encryptedSchema, localKeyEncryption(first));
    expect(await repoA.rewrap()).toBe(6);
    const rows = await encryptedDb().signingKey.findMany();
    for (const row of rows) {
      expect(row.privateJwk).toBeNull();
      expect(row.privateJwe).toMatch(/^[\w-]+\.\.[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(row.privateJwe).not.toContain('"d"');
    }
    const wrapped = createSigningKeys(repoA);
    await wrapped.load();
    expect((await wrapped.verify(jwt)).payload.sub).toBe('alice');
    expect(await repoA.rewrap()).toBe(0);

    const second = kek();
    const repoB = signingKeyRepository(encryptedDb(), encryptedSchema, localKeyEncryption(second, [first]));
    expect(await repoB.rewrap()).toBe(6);
    const onlySecond = createSigningKeys(signingKeyRepository(encryptedDb(), encryptedSchema, localKeyEncryption(second)));
    await onlySecond.load();
    expect(decodeProtectedHeader(await onlySecond.sign({}, { alg: 'RS256' })).kid).toBe(decodeProtectedHeader(jwt).kid);

    await expect(createSigningKeys(signingKeyRepository(encryptedDb(), encryptedSchema, localKeyEncryption(first))).load()).rejects.toThrow(
      /wrapped by key-encryption key local:\S+, which is not configured/,
    );
    await expect(createSigningKeys(signingKeyRepository(encryptedDb(), encryptedSchema)).load()).rejects.toThrow('is encrypted at rest: set SIGNING_KEY_ENCRYPTION_KEY');
  });

  it('new keys made by a rotation are wrapped too', async () => {
    const key = kek();
    const repo = signingKeyRepository(encryptedDb(), encryptedSchema, localKeyEncryption(key, []));
    await repo.rewrap().catch(() => undefined);
    const keys = createSigningKeys(signingKeyRepository(encryptedDb(), encryptedSchema, localKeyEncryption(key)), { retentionS: 60, rotationIntervalS: 0, nextMinAgeS: 0 });
    await encryptedDb().signingKey.deleteMany();
    await keys.load();
    await keys.rotate({ alg: 'ES256' });
    const rows = await encryptedDb().signingKey.findMany();
    expect(rows).toHaveLength(7);
    expect(rows.every((row) => row.privateJwk === null && row.privateJwe !== null)).toBe(true);
  });
});
