import { createHash } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { InvalidDpopProof, UseDpopNonce } from '@ciba/contracts/oauth-errors';
import { createDpopNonces } from '../../../src/dpop/dpop-nonces.ts';
import { verifyDpopProof, type VerifyDpopProofDeps } from '../../../src/dpop/verify-dpop-proof.ts';
import { dpopKey, dpopProof, type DpopTestKey } from '../../support/dpop-keys.ts';
import { memoryDpopReplayCache } from '../../support/memory-dpop-replay-cache.ts';

const HTU = 'https://op.example.test/token';
const nonces = createDpopNonces(Buffer.from('k'.repeat(32)), 300);
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const nowS = () => Math.floor(Date.now() / 1000);

let key: DpopTestKey;
beforeAll(async () => {
  key = await dpopKey('ES256');
});

function deps(overrides: Partial<VerifyDpopProofDeps> = {}): VerifyDpopProofDeps {
  return { nonces, requireNonce: false, proofWindow: 60, replay: memoryDpopReplayCache(), ...overrides };
}
const verify = (proof: string | string[], d = deps(), extra: { htm?: string; accessToken?: string } = {}) =>
  verifyDpopProof(d, { proofs: Array.isArray(proof) ? proof : [proof], htm: extra.htm ?? 'POST', htu: HTU, now: new Date(), accessToken: extra.accessToken });

async function expectInvalid(promise: Promise<unknown>, description: string) {
  await expect(promise).rejects.toThrow(InvalidDpopProof);
  await expect(promise).rejects.toMatchObject({ error: 'invalid_dpop_proof', status: 400, message: description });
}

describe('verifyDpopProof (RFC 9449 §4.3)', () => {
  it.each(['ES256', 'PS256', 'RS256', 'EdDSA'])('accepts a valid %s proof and answers the RFC 7638 thumbprint of its jwk', async (alg) => {
    const k = await dpopKey(alg);
    await expect(verify(await dpopProof(k, { htu: HTU }))).resolves.toMatchObject({ jkt: k.jkt, jwk: k.jwk });
  });

  it('ignores the query and fragment of htu', async () => {
    await expect(verify(await dpopProof(key, { htu: `${HTU}?a=1#f` }))).resolves.toMatchObject({ jkt: key.jkt });
  });

  it('refuses two DPoP headers', async () => {
    await expectInvalid(verify([await dpopProof(key, { htu: HTU }), await dpopProof(key, { htu: HTU })]), 'exactly one DPoP header is allowed');
  });

  it('refuses a value that is not a compact JWS', async () => {
    await expectInvalid(verify('not-a-jwt'), 'DPoP proof must be a compact JWS');
  });

  it('refuses typ other than dpop+jwt', async () => {
    await expectInvalid(verify(await dpopProof(key, { htu: HTU, header: { typ: 'JWT' } })), 'DPoP proof typ must be dpop+jwt');
  });

  it('refuses alg none', async () => {
    const proof = `${b64({ alg: 'none', typ: 'dpop+jwt', jwk: key.jwk })}.${b64({ jti: 'x', htm: 'POST', htu: HTU, iat: nowS() })}.`;
    await expectInvalid(verify(`${proof}AA`), 'DPoP proof alg must be one of ES256, PS256, RS256, EdDSA');
  });

  it('refuses alg HS256 (symmetric)', async () => {
    const secret = new Uint8Array(32).fill(7);
    const proof = await new SignJWT({ jti: 'x', htm: 'POST', htu: HTU, iat: nowS() })
      .setProtectedHeader({ alg: 'HS256', typ: 'dpop+jwt', jwk: { kty: 'oct', k: Buffer.from(secret).toString('base64url') } } as any)
      .sign(secret);
    await expectInvalid(verify(proof), 'DPoP proof alg must be one of ES256, PS256, RS256, EdDSA');
  });

  it('refuses a private key in jwk', async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const privateJwk = await exportJWK(privateKey);
    const proof = await new SignJWT({ jti: 'x', htm: 'POST', htu: HTU, iat: nowS() }).setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk: privateJwk } as any).sign(privateKey);
    await expectInvalid(verify(proof), 'DPoP proof jwk must be a public key');
  });

  it('refuses a proof without jwk', async () => {
    await expectInvalid(verify(await dpopProof(key, { htu: HTU, header: { jwk: undefined } })), 'DPoP proof header must carry the public key as jwk');
  });

  it('refuses a signature by another key than jwk', async () => {
    const other = await dpopKey('ES256');
    await expectInvalid(verify(await dpopProof({ ...other, jwk: key.jwk }, { htu: HTU })), 'DPoP proof signature or key is invalid');
  });

  it('refuses a wrong htm', async () => {
    await expectInvalid(verify(await dpopProof(key, { htu: HTU, htm: 'GET' })), 'DPoP proof htm does not match the request method');
  });

  it.each(['https://op.example.test/userinfo', 'http://op.example.test/token', 'https://evil.example/token', 'token'])('refuses htu %s', async (htu) => {
    await expectInvalid(verify(await dpopProof(key, { htu })), 'DPoP proof htu does not match the endpoint');
  });

  it('refuses a missing jti', async () => {
    await expectInvalid(verify(await dpopProof(key, { htu: HTU, claims: { jti: undefined } })), 'DPoP proof jti is missing or invalid');
  });

  it.each([
    ['stale', -61],
    ['future', 61],
  ])('refuses a %s iat outside the window', async (_name, offset) => {
    await expectInvalid(verify(await dpopProof(key, { htu: HTU, iat: nowS() + offset })), 'DPoP proof iat is outside the acceptable window');
  });

  it('refuses a missing iat', async () => {
    await expectInvalid(verify(await dpopProof(key, { htu: HTU, claims: { iat: undefined } })), 'DPoP proof iat is missing or invalid');
  });

  it('refuses a replayed jti, and remembers it until its iat leaves the window', async () => {
    const replay = memoryDpopReplayCache();
    const d = deps({ replay });
    const proof = await dpopProof(key, { htu: HTU, iat: nowS() - 10 });
    await verify(proof, d);
    await expectInvalid(verify(proof, d), 'DPoP proof jti has been used before');
    expect(replay.ttls[0]).toBeGreaterThanOrEqual(50);
    expect(replay.ttls[0]).toBeLessThanOrEqual(52);
  });

  describe('nonce (RFC 9449 §8)', () => {
    const required = () => deps({ requireNonce: true });

    it('answers use_dpop_nonce with the current nonce when the proof has none', async () => {
      const promise = verify(await dpopProof(key, { htu: HTU }), required());
      await expect(promise).rejects.toThrow(UseDpopNonce);
      await expect(promise).rejects.toMatchObject({ error: 'use_dpop_nonce', status: 400, message: 'DPoP proof must carry the server nonce', headers: { 'DPoP-Nonce': nonces.current(new Date()) } });
    });

    it('answers use_dpop_nonce to a wrong nonce', async () => {
      await expect(verify(await dpopProof(key, { htu: HTU, nonce: 'made-up' }), required())).rejects.toMatchObject({ error: 'use_dpop_nonce', message: 'DPoP proof nonce is invalid or has expired' });
    });

    it('accepts the current nonce', async () => {
      await expect(verify(await dpopProof(key, { htu: HTU, nonce: nonces.current(new Date()) }), required())).resolves.toMatchObject({ jkt: key.jkt });
    });

    it('does not ask for a nonce when nonces are not required', async () => {
      await expect(verify(await dpopProof(key, { htu: HTU }))).resolves.toMatchObject({ jkt: key.jkt });
    });
  });

  describe('ath (RFC 9449 §7.1)', () => {
    const token = 'eyJhbGciOiJSUzI1NiJ9.e30.sig';
    const ath = createHash('sha256').update(token).digest('base64url');

    it('accepts the hash of the access token', async () => {
      await expect(verify(await dpopProof(key, { htu: HTU, ath }), deps(), { accessToken: token })).resolves.toMatchObject({ jkt: key.jkt });
    });

    it.each([
      ['a wrong', createHash('sha256').update('other').digest('base64url')],
      ['a missing', undefined],
    ])('refuses %s ath', async (_name, value) => {
      await expectInvalid(verify(await dpopProof(key, { htu: HTU, ath: value }), deps(), { accessToken: token }), 'DPoP proof ath does not match the access token');
    });
  });
});
