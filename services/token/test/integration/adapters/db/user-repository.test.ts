import { createPgPool, type PgPool } from '@ciba/service-kit';
import { createTokenDb, type TokenDb } from '../../../../src/adapters/db/prisma-client.ts';
import { userRepository } from '../../../../src/adapters/db/user-repository.ts';
import type { UserRecord } from '../../../../src/domain/users/user-record.ts';
import { createTestSchema, dropTestSchema } from '../../../support/token-harness.ts';
import { testConfig } from '../../../support/test-config.ts';

const config = testConfig();
let schema: string;
let pool: PgPool;
let db: TokenDb;

const alice: UserRecord = {
  sub: 'alice',
  loginHints: ['z-alice@example.com', '+15550100', 'alice@example.com'],
  claims: { name: 'Alice', email: 'alice@example.com', nested: { a: [1, 2] } },
  channels: [
    { type: 'webhook', url: 'https://device-gateway.example/prompts' },
    { type: 'email', address: 'alice@example.com' },
  ],
  userCodeHash: 'scrypt$16384$8$1$salt$hash',
};

beforeAll(async () => {
  schema = await createTestSchema(config);
  pool = createPgPool(config.databaseUrl, { schema });
  db = createTokenDb(pool, schema);
  await userRepository(db, pool).replace(alice);
  await userRepository(db, pool).replace({ sub: 'bob', loginHints: ['bob@example.com'], claims: {}, channels: [], userCodeHash: null });
});
afterAll(async () => {
  await db.$disconnect();
  await pool.end();
  await dropTestSchema(config, schema);
});

describe('userRepository reads', () => {
  const repository = () => userRepository(db, pool);
  const { loginHints: _hints, ...aliceProfile } = alice;

  it('findBySub: the user with its login hints, sorted', async () => {
    expect(await repository().findBySub('alice')).toEqual({ ...alice, loginHints: ['+15550100', 'alice@example.com', 'z-alice@example.com'] });
    expect(await repository().findBySub('ghost')).toBeNull();
  });

  it('findProfile: the user without its hints', async () => {
    expect(await repository().findProfile('alice')).toEqual(aliceProfile);
    expect(await repository().findProfile('bob')).toEqual({ sub: 'bob', claims: {}, channels: [], userCodeHash: null });
    expect(await repository().findProfile('ghost')).toBeNull();
  });

  it('findProfileByLoginHint: the user holding the hint, exactly', async () => {
    expect(await repository().findProfileByLoginHint('+15550100')).toEqual(aliceProfile);
    expect(await repository().findProfileByLoginHint('bob@example.com')).toMatchObject({ sub: 'bob' });
    expect(await repository().findProfileByLoginHint('ALICE@example.com')).toBeNull();
    expect(await repository().findProfileByLoginHint("' OR '1'='1")).toBeNull();
  });
});

describe('userRepository writes', () => {
  it('delete: the user and its hints are gone for the next read', async () => {
    const users = userRepository(db, pool);
    await users.replace({ sub: 'carol', loginHints: ['carol@example.com'], claims: {}, channels: [], userCodeHash: null });
    expect(await users.findProfileByLoginHint('carol@example.com')).toMatchObject({ sub: 'carol' });
    expect(await users.delete('carol')).toBe(true);
    expect(await users.findProfileByLoginHint('carol@example.com')).toBeNull();
    expect(await users.findProfile('carol')).toBeNull();
    expect(await users.delete('carol')).toBe(false);
  });
});
