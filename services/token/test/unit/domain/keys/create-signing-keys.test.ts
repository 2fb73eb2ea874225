import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, SignJWT, generateKeyPair, errors } from 'jose';
import { createSigningKeys } from '../../../../src/domain/keys/create-signing-keys.ts';
import { KeyNotReadyError } from '../../../../src/domain/keys/key-not-ready-error.ts';
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

  it('creates an active and a next key per algorithm (RS256 and PS256 on separate RSA keys), all published', () => {
    const { keys: jwks } = keys.jwks() as { keys: Array<Record<string, unknown>> };
    expect(jwks.map((k) => k.alg).sort()).toEqual(['ES256', 'ES256', 'PS256', 'PS256', 'RS256', 'RS256']);
    expect(new Set(jwks.map((k) => k.n).filter(Boolean)).size).toBe(4);
    for (const k of jwks) {
      expect(k).toMatchObject({ use: 'sig', kid: expect.any(String) });
      for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(k).not.toHaveProperty(secret);
    }
    expect(new Set(jwks.map((k) => k.kid)).size).toBe(6);
    expect(keys.describe().map((k) => `${k.alg} ${k.state}`).sort()).toEqual(['ES256 active', 'ES256 next', 'PS256 active', 'PS256 next', 'RS256 active', 'RS256 next']);
  });

  it('keeps the stored keys on a second load', async () => {
    const before = JSON.stringify(keys.jwks());
    await keys.load();
    expect(JSON.stringify(keys.jwks())).toBe(before);
    expect(repo.rows).toHaveLength(6);
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

  it('rotation: the next key signs, the old one still verifies until every token it signed expired, then leaves the JWKS', async () => {
    let clock = new Date('2026-12-05T12:00:00Z');
    const store = memorySigningKeyRepository();
    const rotating = createSigningKeys(store, { retentionS: 900, rotationIntervalS: 0, nextMinAgeS: 3600 }, () => clock);
    await rotating.load();
    const oldJwt = await rotating.sign({ sub: 'alice' }, { alg: 'ES256' });
    const oldKid = decodeProtectedHeader(oldJwt).kid!;
    const nextKid = rotating.describe().find((k) => k.alg === 'ES256' && k.state === 'next')!.kid;
    expect((rotating.jwks().keys as Array<{ kid: string }>).map((k) => k.kid)).toContain(nextKid);

    await expect(rotating.rotate({ alg: 'ES256' })).rejects.toBeInstanceOf(KeyNotReadyError);
    clock = new Date(clock.getTime() + 3600_000);
    const [rotation] = await rotating.rotate({ alg: 'ES256' });
    expect(rotation).toMatchObject({ alg: 'ES256', activated: nextKid, retired: oldKid });
    expect(decodeProtectedHeader(await rotating.sign({}, { alg: 'ES256' })).kid).toBe(nextKid);
    expect((await rotating.verify(oldJwt, { currentDate: new Date(0) })).payload.sub).toBe('alice');
    expect((rotating.jwks().keys as Array<{ kid: string }>).map((k) => k.kid)).toEqual(expect.arrayContaining([oldKid, nextKid, rotation!.next]));

    clock = new Date(clock.getTime() + 901_000);
    await rotating.load();
    expect((rotating.jwks().keys as Array<{ kid: string }>).map((k) => k.kid)).not.toContain(oldKid);
    await expect(rotating.verify(oldJwt, { currentDate: new Date(0) })).rejects.toThrow();
    expect(store.rows.map((k) => k.kid)).not.toContain(oldKid);
  });

  it('rotation: force skips the wait for a compromised key; every algorithm when none is named', async () => {
    const rotating = createSigningKeys(memorySigningKeyRepository(), { retentionS: 900, rotationIntervalS: 0, nextMinAgeS: 3600 });
    await rotating.load();
    const rotations = await rotating.rotate({ force: true });
    expect(rotations.map((r) => r.alg)).toEqual(['RS256', 'PS256', 'ES256']);
    expect(rotating.describe().filter((k) => k.state === 'retired')).toHaveLength(3);
  });

  it('rotation without a minimum age accepts a next key stamped later than its own clock (a concurrent rotation on another replica)', async () => {
    const store = memorySigningKeyRepository();
    let clock = new Date('2026-12-05T12:00:00.010Z');
    const ahead = createSigningKeys(store, { retentionS: 900, rotationIntervalS: 0, nextMinAgeS: 0 }, () => clock);
    await ahead.load();
    await ahead.rotate({ alg: 'PS256' });
    clock = new Date('2026-12-05T12:00:00.000Z');
    const behind = createSigningKeys(store, { retentionS: 900, rotationIntervalS: 0, nextMinAgeS: 0 }, () => clock);
    const [rotation] = await behind.rotate({ alg: 'PS256' });
    expect(rotation!.activated).toBeDefined();
  });

  it('rotation: automatic once an active key is older than the rotation interval', async () => {
    let clock = new Date('2026-12-05T12:00:00Z');
    const rotating = createSigningKeys(memorySigningKeyRepository(), { retentionS: 900, rotationIntervalS: 86_400, nextMinAgeS: 3600 }, () => clock);
    await rotating.load();
    const before = rotating.describe().find((k) => k.alg === 'PS256' && k.state === 'active')!.kid;
    clock = new Date(clock.getTime() + 3600_000);
    await rotating.load();
    expect(rotating.describe().find((k) => k.alg === 'PS256' && k.state === 'active')!.kid).toBe(before);
    clock = new Date(clock.getTime() + 86_400_000);
    await rotating.load();
    expect(rotating.describe().find((k) => k.alg === 'PS256' && k.state === 'active')!.kid).not.toBe(before);
    expect(rotating.describe().find((k) => k.kid === before)!.state).toBe('retired');
  });
});
