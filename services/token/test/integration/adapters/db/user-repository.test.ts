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

describe('userRepository reads of concurrent callers', () => {
  const { loginHints: _hints, ...aliceProfile } = alice;
  const bobProfile = { sub: 'bob', claims: {}, channels: [], userCodeHash: null };
  afterEach(() => jest.restoreAllMocks());

  it('findProfileByLoginHint: hints asked together go as one statement; each caller gets its own answer', async () => {
    const users = userRepository(db, pool);
    const query = jest.spyOn(pool, 'query');
    const answers = await Promise.all(['bob@example.com', '+15550100', 'nobody@example.com', 'alice@example.com', '+15550100'].map((hint) => users.findProfileByLoginHint(hint)));
    expect(query).toHaveBeenCalledTimes(1);
    expect(answers).toEqual([bobProfile, aliceProfile, null, aliceProfile, aliceProfile]);
  });

  it('findProfile: subs asked together, also through another repository over the pool, go as one statement', async () => {
    const query = jest.spyOn(pool, 'query');
    const answers = await Promise.all([
      userRepository(db, pool).findProfile('alice'),
      userRepository(db, pool).findProfile('ghost'),
      userRepository(db, pool).findProfile('bob'),
      userRepository(db, pool).findProfile('alice'),
    ]);
    expect(query).toHaveBeenCalledTimes(1);
    expect(answers).toEqual([aliceProfile, null, bobProfile, aliceProfile]);
  });

  it('a key with NUL (which no stored hint or sub can hold) is not found without asking; the others of its turn share a statement', async () => {
    const users = userRepository(db, pool);
    const query = jest.spyOn(pool, 'query');
    const results = await Promise.allSettled([
      users.findProfileByLoginHint('bob@example.com'),
      users.findProfileByLoginHint('bob\u0000'),
      users.findProfileByLoginHint('+15550100'),
      users.findProfile('x\u0000'),
    ]);
    expect(results[0]).toEqual({ status: 'fulfilled', value: bobProfile });
    expect(results[1]).toEqual({ status: 'fulfilled', value: null });
    expect(results[2]).toEqual({ status: 'fulfilled', value: aliceProfile });
    expect(results[3]).toEqual({ status: 'fulfilled', value: null });
    expect(query).toHaveBeenCalledTimes(1);
  });

  it('a read asked while a batch runs waits for the next batch, so it sees what was committed before it was asked', async () => {
    const users = userRepository(db, pool);
    await users.replace({ sub: 'frank', loginHints: ['frank@example.com'], claims: {}, channels: [], userCodeHash: null });
    const query = pool.query.bind(pool);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    jest.spyOn(pool, 'query').mockImplementationOnce((async (config: never) => {
      const result = await query(config);
      await held;
      return result;
    }) as never);
    const first = users.findProfileByLoginHint('frank@example.com');
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(await users.delete('frank')).toBe(true);
    const second = users.findProfileByLoginHint('frank@example.com');
    release();
    expect(await first).toMatchObject({ sub: 'frank' });
    expect(await second).toBeNull();
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
