import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, SignJWT, generateKeyPair, errors } from 'jose';
import { createSigningKeys } from '../../../../src/domain/keys/create-signing-keys.ts';
import { memorySigningKeyRepository } from '../../../support/memory-signing-key-repository.ts';

const repo = memorySigningKeyRepository();
const keys = createSigningKeys(repo);
const now = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  await keys.load();
});

describe('createSigningKeys', () => {
  it('refuses to sign before load()', async () => {
    await expect(createSigningKeys(memorySigningKeyRepository()).sign({}, { alg: 'RS256' })).rejects.toThrow('not loaded');
  });

  it('creates one key per algorithm, RS256 and PS256 on separate RSA keys', () => {
    const { keys: jwks } = keys.jwks() as { keys: Array<Record<string, unknown>> };
    expect(jwks.map((k) => k.alg).sort()).toEqual(['ES256', 'PS256', 'RS256']);
    const rs = jwks.find((k) => k.alg === 'RS256')!;
    const ps = jwks.find((k) => k.alg === 'PS256')!;
    expect(rs.n).not.toBe(ps.n);
    for (const k of jwks) {
      expect(k).toMatchObject({ use: 'sig', kid: expect.any(String) });
      for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(k).not.toHaveProperty(secret);
    }
    expect(new Set(jwks.map((k) => k.kid)).size).toBe(3);
  });

  it('keeps the stored keys on a second load', async () => {
    const before = JSON.stringify(keys.jwks());
    await keys.load();
    expect(JSON.stringify(keys.jwks())).toBe(before);
    expect(repo.rows).toHaveLength(3);
  });

  it.each(['RS256', 'PS256', 'ES256'] as const)('signs with %s, kid and typ in the header, verifiable with the JWKS', async (alg) => {
    const jwt = await keys.sign({ sub: 'alice', exp: now() + 60 }, { alg, typ: 'at+jwt' });
    const header = decodeProtectedHeader(jwt);
    expect(header).toMatchObject({ alg, typ: 'at+jwt', kid: expect.any(String) });
    const { payload } = await jwtVerify(jwt, createLocalJWKSet(keys.jwks() as never));
    expect(payload.sub).toBe('alice');
    expect((await keys.verify(jwt)).payload.sub).toBe('alice');
  });

  it('verify rejects an expired token unless currentDate is before exp', async () => {
    const exp = now() - 30;
    const jwt = await keys.sign({ sub: 'alice', exp }, { alg: 'ES256' });
    await expect(keys.verify(jwt)).rejects.toBeInstanceOf(errors.JWTExpired);
    expect((await keys.verify(jwt, { currentDate: new Date((exp - 5) * 1000) })).payload.sub).toBe('alice');
  });

  it('verify rejects a token signed by a foreign key with one of our kids', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const kid = decodeProtectedHeader(await keys.sign({}, { alg: 'ES256' })).kid!;
    const forged = await new SignJWT({ sub: 'mallory' }).setProtectedHeader({ alg: 'ES256', kid }).sign(privateKey);
    await expect(keys.verify(forged)).rejects.toThrow();
  });

  it('verify rejects a token without kid, or with an unknown kid', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    await expect(keys.verify(await new SignJWT({}).setProtectedHeader({ alg: 'ES256' }).sign(privateKey))).rejects.toThrow();
    await expect(keys.verify(await new SignJWT({}).setProtectedHeader({ alg: 'ES256', kid: 'nope' }).sign(privateKey))).rejects.toThrow();
  });

  it('verify rejects our RS256 key used under PS256', async () => {
    const rsKid = decodeProtectedHeader(await keys.sign({}, { alg: 'RS256' })).kid!;
    const psJwt = await keys.sign({ sub: 'alice' }, { alg: 'PS256' });
    const [, payload, sig] = psJwt.split('.');
    const header = Buffer.from(JSON.stringify({ alg: 'PS256', kid: rsKid })).toString('base64url');
    await expect(keys.verify(`${header}.${payload}.${sig}`)).rejects.toThrow();
  });

  it('verify rejects alg none', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', kid: decodeProtectedHeader(await keys.sign({}, { alg: 'ES256' })).kid })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ sub: 'x' })).toString('base64url');
    await expect(keys.verify(`${header}.${payload}.`)).rejects.toThrow();
  });

  it('still verifies with a retired key, but signs with the active one', async () => {
    const oldJwt = await keys.sign({ sub: 'alice' }, { alg: 'ES256' });
    const oldKid = decodeProtectedHeader(oldJwt).kid;
    repo.rows.find((k) => k.kid === oldKid)!.active = false;
    await keys.load();
    expect((await keys.verify(oldJwt)).payload.sub).toBe('alice');
    expect(decodeProtectedHeader(await keys.sign({}, { alg: 'ES256' })).kid).not.toBe(oldKid);
    expect((keys.jwks().keys as unknown[]).length).toBe(4);
  });
});
